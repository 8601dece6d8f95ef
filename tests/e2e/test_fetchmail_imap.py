"""Odoo's fetchmail reads the complaint mailbox from a real IMAP server on loopback.

The test starts its own Dovecot (Debian package ``dovecot-imapd``, installed by ``.ci/run``)
in the foreground on 127.0.0.1 and a free port, with a configuration, runtime directory and
log in a pytest temporary directory; every test logs in as its own IMAP user, so it gets its
own maildir. Messages are put into the INBOX with IMAP APPEND, an incoming mail server
(``fetchmail.server``) pointing at Dovecot is created over XML-RPC, and ``fetch_mail`` (the
*Fetch Now* button) is called as the administrator over JSON-RPC (it returns None).

What Odoo 19 does with a message it fetched over IMAP (``mail/models/fetchmail.py``): it
removes the ``\\Seen`` flag the FETCH set, runs ``mail.thread.message_process`` in its own
transaction and then, **whether processing succeeded or raised**, sets ``\\Seen`` again; it never
deletes an IMAP message. ``pengaduan`` changes the failure case (``tools/fetchmail_retry.py``):
a message that failed stays unread for the next run, with a keyword counting the attempts;
after three it is marked read and ``\\Flagged`` for the administrator.
"""

import contextlib
import email.policy
import email.utils
import grp
import imaplib
import json
import os
import pwd
import re
import shutil
import signal
import subprocess
import tempfile
import threading
import time
import urllib.request
import uuid
from email.message import EmailMessage

import pytest
from e2elib import free_port, start_odoo_server

IMAP_HOST = "127.0.0.1"
IMAP_PASSWORD = "rahasia-e2e"
STARTUP_TIMEOUT = 30
SEEN = "\\Seen"
FLAGGED = "\\Flagged"


# --- Dovecot -------------------------------------------------------------------------------

def _dovecot_binary():
    binary = shutil.which("dovecot") or next(
        (path for path in ("/usr/sbin/dovecot", "/usr/local/sbin/dovecot") if os.access(path, os.X_OK)), None)
    if not binary:
        pytest.fail("Dovecot is not installed: this test runs fetchmail against a Dovecot IMAP server it "
                    "starts itself. Install it with `apt-get install dovecot-imapd` (.ci/run does).",
                    pytrace=False)
    return binary


def _dovecot_version(binary):
    result = subprocess.run([binary, "--version"], capture_output=True, text=True, timeout=30, check=False)
    match = re.match(r"(\d+)\.(\d+)", result.stdout.strip())
    if result.returncode or not match:
        pytest.fail(f"`{binary} --version` failed: {result.stdout}{result.stderr}", pytrace=False)
    return int(match[1]), int(match[2])



def _system_user(name):
    try:
        return pwd.getpwnam(name)
    except KeyError:
        pytest.fail(f"system user {name!r} missing: it comes with the Debian package dovecot-core "
                    "(apt-get install dovecot-imapd)", pytrace=False)


def _accounts():
    """Users of Dovecot's processes: (internal user, internal group, login user, mail user, chroot).

    As root (CI), Dovecot refuses to run its login processes or to give mailbox access as root:
    they run as the users the Debian package creates, the mailboxes belong to ``mail``. As any
    other user, every process runs as that user and the login process cannot chroot."""
    if os.geteuid() == 0:
        internal = _system_user("dovecot")
        _system_user("dovenull")
        return internal.pw_name, grp.getgrgid(internal.pw_gid).gr_name, "dovenull", _system_user("mail"), True
    me = pwd.getpwuid(os.geteuid())
    group = grp.getgrgid(os.getegid()).gr_name
    return me.pw_name, group, me.pw_name, me, False


def _dovecot_config(version, *, run_dir, log_path, port, mail_root, mail_user, internal_user,
                    internal_group, login_user, chroot):
    """A self-contained configuration: nothing is read from /etc/dovecot."""
    # without root, no process can chroot (anvil and imap-login do by default)
    anvil = "" if chroot else "service anvil {\n  chroot =\n}"
    login_chroot = "" if chroot else "chroot ="
    common = f"""\
base_dir = {run_dir}/run
state_dir = {run_dir}/state
log_path = {log_path}
instance_name = pengaduan-e2e-{port}
protocols = imap
listen = {IMAP_HOST}
ssl = no
auth_mechanisms = plain login
default_internal_user = {internal_user}
default_internal_group = {internal_group}
default_login_user = {login_user}
first_valid_uid = {mail_user.pw_uid}
namespace inbox {{
  inbox = yes
}}
{anvil}
service imap-login {{
  {login_chroot}
  inet_listener imap {{
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
"""
    if version >= (2, 4):
        return f"""\
dovecot_config_version = 2.4.0
dovecot_storage_version = 2.4.0
{common}
auth_allow_cleartext = yes
mail_driver = maildir
mail_path = ~/Maildir
passdb static {{
  password = {IMAP_PASSWORD}
}}
userdb static {{
  fields {{
    uid = {mail_user.pw_uid}
    gid = {mail_user.pw_gid}
    home = {mail_root}/%{{user}}
  }}
}}
"""
    return f"""\
{common}
disable_plaintext_auth = no
mail_location = maildir:~/Maildir
passdb {{
  driver = static
  args = password={IMAP_PASSWORD}
}}
userdb {{
  driver = static
  args = uid={mail_user.pw_uid} gid={mail_user.pw_gid} home={mail_root}/%u
}}
"""


class Dovecot:
    """A Dovecot IMAP server in the foreground (``dovecot -F``); any login with IMAP_PASSWORD
    is accepted and gets its own maildir."""

    def __init__(self, run_dir):
        self.binary = _dovecot_binary()
        self.version = _dovecot_version(self.binary)
        self.run_dir = run_dir
        self.port = free_port()
        self.log_path = run_dir / "dovecot.log"
        internal_user, internal_group, login_user, mail_user, chroot = _accounts()
        # The mailboxes live outside pytest's private (0700) directory, which the mail user
        # could not enter when the test runs as root; the directory is the mail user's.
        self.mail_root = tempfile.mkdtemp(prefix="pengaduan-e2e-imap-")
        os.chown(self.mail_root, mail_user.pw_uid, mail_user.pw_gid)
        self.config_path = run_dir / "dovecot.conf"
        self.config_path.write_text(_dovecot_config(
            self.version, run_dir=run_dir, log_path=self.log_path, port=self.port, mail_root=self.mail_root,
            mail_user=mail_user, internal_user=internal_user, internal_group=internal_group,
            login_user=login_user, chroot=chroot))
        self.output = (run_dir / "dovecot.out").open("wb")
        self.process = None

    def start(self):
        self.process = subprocess.Popen(  # noqa: S603 - fixed arguments
            [self.binary, "-F", "-c", str(self.config_path)],
            stdout=self.output, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while True:
            if self.process.poll() is not None:
                pytest.fail(f"Dovecot exited with code {self.process.returncode} at start-up\n{self.diagnostics()}",
                            pytrace=False)
            try:
                connection = self.connect("startup-probe")
            except (OSError, imaplib.IMAP4.error):
                if time.monotonic() > deadline:
                    pytest.fail(f"Dovecot did not accept an IMAP login on {IMAP_HOST}:{self.port} within "
                                f"{STARTUP_TIMEOUT}s\n{self.diagnostics()}", pytrace=False)
                time.sleep(0.2)
            else:
                connection.logout()
                return

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=15)
        self.output.close()
        shutil.rmtree(self.mail_root, ignore_errors=True)

    def diagnostics(self):
        parts = [f"config {self.config_path}:\n{self.config_path.read_text()}"]
        for path in (self.run_dir / "dovecot.out", self.log_path):
            if path.exists():
                parts.append(f"{path}:\n{path.read_text(errors='replace')[-4000:]}")
        return "\n".join(parts)

    def connect(self, user):
        connection = imaplib.IMAP4(IMAP_HOST, self.port, timeout=30)
        try:
            connection.login(user, IMAP_PASSWORD)
        except BaseException:
            connection.shutdown()
            raise
        return connection


class Mailbox:
    """The INBOX of one IMAP user, seen from the outside (as the MTA and an administrator)."""

    def __init__(self, dovecot, user):
        self.dovecot = dovecot
        self.user = user

    def append(self, raw):
        """Deliver ``raw`` into the INBOX, unread; returns its IMAP UID."""
        connection = self.dovecot.connect(self.user)
        try:
            status, data = connection.append("INBOX", None, None, raw)
        finally:
            connection.logout()
        match = status == "OK" and re.search(rb"\[APPENDUID \d+ (\d+)\]", data[0])
        assert match, f"APPEND failed: {status} {data}"
        return int(match[1])

    def flags(self, uid):
        """Flags of the message, or None when it is no longer in the mailbox."""
        connection = self.dovecot.connect(self.user)
        try:
            connection.select("INBOX", readonly=True)
            status, data = connection.uid("FETCH", str(uid), "(FLAGS)")
            connection.close()
        finally:
            connection.logout()
        assert status == "OK", data
        if not data or data[0] is None:
            return None
        # \\Recent belongs to an IMAP session, not to the message
        return {flag.decode() for flag in imaplib.ParseFlags(data[0])} - {"\\Recent"}

    def count(self):
        connection = self.dovecot.connect(self.user)
        try:
            status, data = connection.select("INBOX", readonly=True)
            connection.close()
        finally:
            connection.logout()
        assert status == "OK", data
        return int(data[0])

    def mark_unread(self, uid):
        """What an administrator does in a mail client to have fetchmail take a message again."""
        connection = self.dovecot.connect(self.user)
        try:
            connection.select("INBOX")
            status, data = connection.uid("STORE", str(uid), "-FLAGS", f"({SEEN})")
            connection.close()
        finally:
            connection.logout()
        assert status == "OK", data


@pytest.fixture(scope="module")
def dovecot(tmp_path_factory):
    server = Dovecot(tmp_path_factory.mktemp("dovecot"))
    try:
        server.start()
        yield server
    finally:
        server.stop()


# --- Odoo ----------------------------------------------------------------------------------

@pytest.fixture
def token():
    """Unique text in the subjects of one test's messages."""
    return uuid.uuid4().hex[:8]


@pytest.fixture
def mailbox(dovecot, token):
    return Mailbox(dovecot, f"pengaduan-{token}")


@pytest.fixture
def fetchmail_server(rpc, dovecot, mailbox, token):
    """An IMAP incoming mail server of Odoo reading ``mailbox`` (no fallback model: messages are
    routed by the aliases they are addressed to), confirmed with *Test & Confirm*."""
    server_id = rpc.execute("fetchmail.server", "create", {
        "name": f"Dovecot e2e {token}", "server_type": "imap", "server": IMAP_HOST, "port": dovecot.port,
        "is_ssl": False, "user": mailbox.user, "password": IMAP_PASSWORD,
    })
    try:
        rpc.execute("fetchmail.server", "button_confirm_login", [server_id])
        [server] = rpc.execute("fetchmail.server", "read", [server_id], fields=["state"])
        assert server["state"] == "done"
        yield server_id
    finally:
        rpc.execute("fetchmail.server", "unlink", [server_id])
        created = rpc.execute("pengaduan.complaint", "search", [("name", "like", token)])
        if created:
            rpc.execute("pengaduan.complaint", "unlink", created)


def _complaint_address(rpc):
    """The company's complaint alias (pengaduan@dumaikota.example with the demo data)."""
    company = rpc.execute("res.users", "read", [rpc.uid], fields=["company_id"])[0]["company_id"][0]
    [company_data] = rpc.execute("res.company", "read", [company], fields=["pengaduan_alias_id"])
    assert company_data["pengaduan_alias_id"], "the company has no complaint alias"
    [alias] = rpc.execute("mail.alias", "read", [company_data["pengaduan_alias_id"][0]],
                          fields=["alias_full_name"])
    assert "@" in (alias["alias_full_name"] or ""), f"complaint alias without a domain: {alias}"
    return alias["alias_full_name"]


def _message(to, subject, sender):
    message = EmailMessage()
    message["From"] = f"Warga IMAP <{sender}>"
    message["To"] = to
    message["Subject"] = subject
    message["Message-ID"] = f"<{uuid.uuid4()}@warga.example>"
    message["Date"] = email.utils.formatdate(localtime=True)
    message.set_content("Antrean di loket terlalu panjang.\n")
    return message.as_bytes(policy=email.policy.SMTP)


def _fetch(rpc, server_id, base=None):
    """*Fetch Now*: Odoo connects to Dovecot and processes the unread messages (on the server
    at ``base``, by default the test server).

    Through JSON-RPC: ``fetch_mail`` returns None, which Odoo's XML-RPC cannot marshal (the
    call would do its work, then answer with a fault)."""
    payload = {"jsonrpc": "2.0", "method": "call", "id": 1, "params": {
        "service": "object", "method": "execute_kw",
        "args": [rpc.db, rpc.uid, rpc.password, "fetchmail.server", "fetch_mail", [[server_id]], {}],
    }}
    request = urllib.request.Request(f"{base or rpc.url}/jsonrpc", data=json.dumps(payload).encode(),
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=300) as response:  # noqa: S310 - the test server
        answer = json.load(response)
    assert "error" not in answer, answer["error"].get("data", {}).get("debug") or answer["error"]
    [server] = rpc.execute("fetchmail.server", "read", [server_id],
                           fields=["date", "error_date", "error_message", "state"])
    return server


def _complaints(rpc, token):
    return rpc.execute("pengaduan.complaint", "search_read", [("name", "like", token)],
                       fields=["name", "number", "reporter_email", "channel_id"], order="id")


def _channel_code(rpc, complaint):
    [channel] = rpc.execute("pengaduan.channel", "read", [complaint["channel_id"][0]], fields=["code"])
    return channel["code"]


def _acknowledgements(rpc, complaints):
    rpc.run_cron("pengaduan.ir_cron_pengaduan_send_acknowledgements")  # as the cron worker does every minute
    return sum(rpc.execute("mail.mail", "search_count", [("subject", "like", complaint["number"])])
               for complaint in complaints)


# --- Tests ---------------------------------------------------------------------------------

def test_fetchmail_turns_imap_messages_into_complaints(rpc, mailbox, fetchmail_server, token):
    alias = _complaint_address(rpc)
    sent = {f"Antrean KTP {token} #{index}": f"warga{index}.{token}@warga.example" for index in (1, 2)}
    uids = [mailbox.append(_message(alias, subject, sender)) for subject, sender in sent.items()]
    assert all(SEEN not in mailbox.flags(uid) for uid in uids)

    server = _fetch(rpc, fetchmail_server)

    assert server["date"], "fetch_mail did not run"
    assert not server["error_message"], server["error_message"]
    complaints = _complaints(rpc, token)
    assert {complaint["name"]: complaint["reporter_email"] for complaint in complaints} == sent
    assert all(complaint["number"].startswith("ADU-") for complaint in complaints)
    assert {_channel_code(rpc, complaint) for complaint in complaints} == {"EMAIL"}
    assert _acknowledgements(rpc, complaints) == 2
    # IMAP: read, not deleted
    assert [SEEN in mailbox.flags(uid) for uid in uids] == [True, True]
    assert mailbox.count() == 2

    # the next run finds nothing unread: nothing is created twice
    server = _fetch(rpc, fetchmail_server)

    assert not server["error_message"], server["error_message"]
    assert _complaints(rpc, token) == complaints
    assert _acknowledgements(rpc, complaints) == 2
    assert mailbox.count() == 2


def _failing_setup(rpc, mailbox, token):
    """Three messages, the middle one addressed where no alias routes it: with no fallback model
    on the server, message_process raises ValueError("No possible route found ...")."""
    alias = _complaint_address(rpc)
    first = mailbox.append(_message(alias, f"Akta lahir {token} pertama", f"satu.{token}@warga.example"))
    failing_subject = f"Salah alamat {token}"
    failing = mailbox.append(_message(f"tidak-terdaftar-{token}@elsewhere.example", failing_subject,
                                      f"dua.{token}@warga.example"))
    last = mailbox.append(_message(alias, f"Akta lahir {token} terakhir", f"tiga.{token}@warga.example"))
    return first, failing, last, failing_subject


def _route_unknown_addresses_to_complaints(rpc, server_id):
    """The administrator's fix: the server creates a complaint from any message no alias routes."""
    [model] = rpc.execute("ir.model", "search", [("model", "=", "pengaduan.complaint")])
    rpc.execute("fetchmail.server", "write", [server_id], {"object_id": model})


def _assert_recovered(rpc, token, failing_subject):
    recovered = [complaint for complaint in _complaints(rpc, token) if complaint["name"] == failing_subject]
    assert len(recovered) == 1
    assert recovered[0]["reporter_email"] == f"dua.{token}@warga.example"
    assert _channel_code(rpc, recovered[0]) == "EMAIL"


def test_failed_message_is_taken_again_by_the_next_run(rpc, mailbox, fetchmail_server, token):
    first, failing, last, failing_subject = _failing_setup(rpc, mailbox, token)

    server = _fetch(rpc, fetchmail_server)

    # the messages around it are processed; the failure is in the server log, not on the server
    names = [complaint["name"] for complaint in _complaints(rpc, token)]
    assert names == [f"Akta lahir {token} pertama", f"Akta lahir {token} terakhir"]
    assert not server["error_date"] and not server["error_message"]
    assert server["state"] == "done"
    assert SEEN in mailbox.flags(first) and SEEN in mailbox.flags(last)
    # the failed one stays unread for the next run, its attempt counted with an IMAP keyword
    assert mailbox.flags(failing) == {"PengaduanGagal1"}
    assert mailbox.count() == 3

    # the cause goes away before the next run (here the administrator adds a fallback): the
    # next run processes it, nobody has to touch the mailbox
    _route_unknown_addresses_to_complaints(rpc, fetchmail_server)

    server = _fetch(rpc, fetchmail_server)

    assert not server["error_message"], server["error_message"]
    _assert_recovered(rpc, token, failing_subject)
    assert SEEN in mailbox.flags(failing) and FLAGGED not in mailbox.flags(failing)
    assert mailbox.count() == 3


def test_message_failing_every_run_is_flagged_for_the_administrator(rpc, mailbox, fetchmail_server, token):
    _first, failing, _last, failing_subject = _failing_setup(rpc, mailbox, token)

    # tried by three runs, then given up: read and flagged, so that it does not fail every run
    _fetch(rpc, fetchmail_server)
    assert mailbox.flags(failing) == {"PengaduanGagal1"}
    _fetch(rpc, fetchmail_server)
    assert mailbox.flags(failing) == {"PengaduanGagal1", "PengaduanGagal2"}
    server = _fetch(rpc, fetchmail_server)
    assert mailbox.flags(failing) == {"PengaduanGagal1", "PengaduanGagal2", SEEN, FLAGGED}
    assert not server["error_message"]
    assert len(_complaints(rpc, token)) == 2

    # a fourth run leaves it alone
    _fetch(rpc, fetchmail_server)
    assert mailbox.flags(failing) == {"PengaduanGagal1", "PengaduanGagal2", SEEN, FLAGGED}
    assert len(_complaints(rpc, token)) == 2

    # the administrator fixes the cause and marks it unread in a mail client: nothing was lost
    _route_unknown_addresses_to_complaints(rpc, fetchmail_server)
    mailbox.mark_unread(failing)

    server = _fetch(rpc, fetchmail_server)

    assert not server["error_message"], server["error_message"]
    _assert_recovered(rpc, token, failing_subject)
    assert SEEN in mailbox.flags(failing)
    assert mailbox.count() == 3


# --- Odoo killed while it fetches ----------------------------------------------------------

KILL_MESSAGES = 50


def _second_server(db, log_path):
    """Another Odoo server on the test database and data directory (as bin/test starts its own):
    ``(process, base URL)``, once it answers."""
    port = free_port()
    log = log_path.open("ab")  # noqa: SIM115 - closed with the process below
    process = start_odoo_server(db, port, log)
    log.close()
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        assert process.poll() is None, f"the second server exited with {process.returncode}"
        try:
            with urllib.request.urlopen(f"{base}/web/health", timeout=5):  # noqa: S310 - loopback
                return process, base
        except OSError:
            time.sleep(0.5)
    pytest.fail("the second server did not answer within 120 s")


def test_killed_while_fetching_every_message_becomes_one_complaint(rpc, db, mailbox, fetchmail_server, token,
                                                                    tmp_path):
    """SIGKILL to the Odoo server in the middle of fetching 50 messages; after a restart, each
    message is exactly one complaint: none lost (the one being processed is still unread),
    none doubled (Odoo skips a Message-Id it has; a message committed but not yet marked read
    is taken again and skipped)."""
    alias = _complaint_address(rpc)
    subjects = {f"Antrean {token} #{index:02d}": f"warga{index}.{token}@warga.example"
                for index in range(KILL_MESSAGES)}
    uids = [mailbox.append(_message(alias, subject, sender)) for subject, sender in subjects.items()]
    server, base = _second_server(db, tmp_path / "second.log")
    fetching = threading.Thread(target=lambda: _swallow(_fetch, rpc, fetchmail_server, base), daemon=True)
    try:
        fetching.start()
        deadline = time.monotonic() + 120
        while len(_complaints(rpc, token)) < 5:
            assert time.monotonic() < deadline, "the fetch made no complaint in 2 minutes"
            time.sleep(0.05)
        os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=30)
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=30)
    fetching.join(timeout=60)
    killed_at = len(_complaints(rpc, token))
    assert 5 <= killed_at < KILL_MESSAGES, f"killed after {killed_at} complaints: not in the middle"
    print(f"killed with SIGKILL after {killed_at} of {KILL_MESSAGES} complaints")  # noqa: T201 - in the report

    # restarted: the next run takes what is left
    server, base = _second_server(db, tmp_path / "second.log")
    try:
        for _run in range(3):
            if all(SEEN in mailbox.flags(uid) for uid in uids):
                break
            result = _fetch(rpc, fetchmail_server, base)
            assert not result["error_message"], result["error_message"]
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)
    complaints = _complaints(rpc, token)
    assert sorted(complaint["name"] for complaint in complaints) == sorted(subjects), (
        f"{len(complaints)} complaints for {KILL_MESSAGES} messages (killed after {killed_at})")
    assert {complaint["name"]: complaint["reporter_email"] for complaint in complaints} == subjects
    assert all(SEEN in mailbox.flags(uid) for uid in uids)
    assert mailbox.count() == KILL_MESSAGES


def _swallow(function, *args):
    """Run ``function``; the connection reset of a killed server is expected."""
    with contextlib.suppress(OSError, AssertionError, json.JSONDecodeError):
        function(*args)
