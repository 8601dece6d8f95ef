"""The outgoing mail server down while acknowledgements and escalations go out (real server, a
real SMTP server on loopback that the test starts and stops; nothing mocked).

While the SMTP server is down, Odoo's mail queue cannot connect and marks the e-mails failed;
nothing reaches anybody. Once it is back, Pengaduan's scheduled action puts those e-mails back in
the queue and each one leaves exactly once: every complainant gets one acknowledgement, every
escalation recipient one digest, and running the queue again sends nothing twice.
"""

import email
import email.policy
import re
import socketserver
import threading
import uuid

import pytest
import requests
from e2elib import free_port

CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')
COMPLAINTS = 4
OVERDUE = 2


class _SmtpHandler(socketserver.StreamRequestHandler):
    """Just enough SMTP to take messages: EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT."""

    def reply(self, line):
        self.wfile.write(line.encode() + b"\r\n")

    def handle(self):
        self.reply("220 sink.localhost ESMTP test sink")
        mail_from, recipients, data, in_data = None, [], [], False
        while True:
            line = self.rfile.readline()
            if not line:
                return
            if in_data:
                if line.rstrip(b"\r\n") == b".":
                    self.server.messages.append({"from": mail_from, "to": recipients, "data": b"".join(data)})
                    mail_from, recipients, data, in_data = None, [], [], False
                    self.reply("250 2.0.0 queued")
                else:
                    data.append(line[1:] if line.startswith(b"..") else line)
                continue
            command = line.decode("utf-8", "replace").strip()
            verb = command[:4].upper()
            if verb == "EHLO":
                self.reply("250-sink.localhost")
                self.reply("250-8BITMIME")
                self.reply("250 SIZE 52428800")
            elif verb == "HELO":
                self.reply("250 sink.localhost")
            elif verb == "MAIL":
                mail_from = re.search(r"<([^>]*)>", command).group(1)
                self.reply("250 2.1.0 OK")
            elif verb == "RCPT":
                recipients.append(re.search(r"<([^>]*)>", command).group(1).lower())
                self.reply("250 2.1.5 OK")
            elif verb == "DATA":
                in_data = True
                self.reply("354 end with <CRLF>.<CRLF>")
            elif verb in ("RSET", "NOOP"):
                mail_from, recipients, data = None, [], []
                self.reply("250 OK")
            elif verb == "QUIT":
                self.reply("221 bye")
                return
            else:
                self.reply("502 5.5.2 not implemented")


class SmtpSink:
    """An SMTP server on a fixed loopback port that can be started and stopped."""

    def __init__(self, port):
        self.port = port
        self.messages = []
        self.server = None

    def start(self):
        socketserver.ThreadingTCPServer.allow_reuse_address = True
        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", self.port), _SmtpHandler)
        self.server.daemon_threads = True
        self.server.messages = self.messages
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        if self.server:
            self.server.shutdown()
            self.server.server_close()
            self.server = None


@pytest.fixture
def sink(rpc):
    """The sink's port as the only outgoing mail server of the database (the sink not started)."""
    sink = SmtpSink(free_port())
    others = rpc.execute("ir.mail_server", "search", [("active", "=", True)])
    if others:
        rpc.execute("ir.mail_server", "write", others, {"active": False})
    server_id = rpc.execute("ir.mail_server", "create", {
        "name": "Uji SMTP mati", "smtp_host": "127.0.0.1", "smtp_port": sink.port,
        "smtp_encryption": "none", "sequence": 1,
    })
    yield sink
    sink.stop()
    rpc.execute("ir.mail_server", "unlink", [server_id])
    if others:
        rpc.execute("ir.mail_server", "write", others, {"active": True})


def _submit(url, tag, index):
    session = requests.Session()
    page = session.get(f"{url}/pengaduan", timeout=60)
    token = CSRF_RE.search(page.text).group(1)
    address = f"warga.{tag}.{index}@warga.example"
    answer = session.post(f"{url}/pengaduan", timeout=60, data={
        "reporter_name": f"Warga Uji Surel {index}", "reporter_email": address,
        "name": f"Uji server surat mati {tag} {index}", "description": "Surel pengakuan harus sampai.",
        "anonymity": "none", "csrf_token": token,
    })
    assert answer.status_code == 200, answer.status_code
    return address


def _subject(message):
    return str(email.message_from_bytes(message["data"], policy=email.policy.default)["Subject"] or "")


def test_nothing_is_lost_while_the_mail_server_is_down(url, rpc, sink):
    tag = uuid.uuid4().hex[:8]
    ids = rpc.execute("pengaduan.request.log", "search", [("kind", "=", "form")])
    if ids:
        rpc.execute("pengaduan.request.log", "unlink", ids)
    # the queue as it was: sent now, so that only this test's e-mails are left in it
    sink.start()
    rpc.run_cron("mail.ir_cron_mail_scheduler_action")
    sink.stop()
    sink.messages.clear()
    [last] = rpc.execute("mail.mail", "search_read", [], fields=["id"], order="id desc", limit=1) or [{"id": 0}]

    # -- the mail server is down: complaints on the web form, overdue ones escalated
    addresses = [_submit(url, tag, index) for index in range(COMPLAINTS)]
    [admin] = rpc.execute("res.users", "read", [rpc.uid], fields=["company_id"])
    for index in range(OVERDUE):
        rpc.execute("pengaduan.complaint", "create", {
            "name": f"Uji eskalasi surat mati {tag} {index}", "reporter_name": "Warga Terlambat",
            "company_id": admin["company_id"][0], "date_received": "2020-01-06 02:00:00",
        })
    rpc.run_cron("pengaduan.ir_cron_pengaduan_send_acknowledgements")
    rpc.run_cron("pengaduan.ir_cron_pengaduan_check_sla")
    ours = rpc.execute("mail.mail", "search_read", [("id", ">", last["id"])],
                       fields=["subject", "state", "message_id"])
    escalations = [mail for mail in ours if re.search(r"overdue|at risk|terlambat", mail["subject"] or "")]
    assert len(ours) >= COMPLAINTS + 1 and escalations, f"acknowledgements and an escalation queued: {ours}"
    rpc.run_cron("mail.ir_cron_mail_scheduler_action")
    rpc.run_cron("pengaduan.ir_cron_pengaduan_retry_mail")  # still down: queued, and failed again
    rpc.run_cron("mail.ir_cron_mail_scheduler_action")
    states = rpc.execute("mail.mail", "read", [mail["id"] for mail in ours], fields=["state", "failure_reason"])
    assert len(states) == len(ours), "no e-mail deleted while it could not leave"
    assert {mail["state"] for mail in states} == {"exception"}, states
    assert not sink.messages

    # -- the mail server is back: everything leaves, once
    sink.start()
    rpc.run_cron("pengaduan.ir_cron_pengaduan_retry_mail")
    rpc.run_cron("mail.ir_cron_mail_scheduler_action")
    left = rpc.execute("mail.mail", "search_read", [("id", "in", [mail["id"] for mail in ours])],
                       fields=["state", "failure_reason"])
    assert all(mail["state"] == "sent" for mail in left), left  # the others were sent and deleted
    received = {}
    for message in sink.messages:
        received.setdefault(email.message_from_bytes(message["data"])["Message-Id"].strip(), []).append(message)
    for mail in ours:
        assert len(received.get(mail["message_id"], [])) == 1, f"{mail['subject']!r}: not received exactly once"
    for address in addresses:
        got = [message for message in sink.messages if address in message["to"]]
        assert len(got) == 1, f"{address}: {len(got)} e-mails"
    subjects = [_subject(message) for message in sink.messages]
    for mail in escalations:
        assert mail["subject"] in subjects, (mail["subject"], subjects)

    # running the retry and the queue again sends nothing twice
    count = len(sink.messages)
    rpc.run_cron("pengaduan.ir_cron_pengaduan_retry_mail")
    rpc.run_cron("mail.ir_cron_mail_scheduler_action")
    assert len(sink.messages) == count
