"""On-demand benchmark of the intake channels (issue: e-mail gateway and public form).

Run it through ``tests/benchmarks/run_intake``, which fetches OCA ``helpdesk_mgmt`` 19.0
from PyPI into a temporary folder, creates two databases -- one with pengaduan, one with
helpdesk_mgmt only, so that nothing of ours speeds up or slows down the peer -- and starts this
script with Odoo's own Python.

1. E-mail, in this process: N raw messages from N different senders through
   ``mail.thread.message_process`` (the way fetchmail and the mailgate script deliver them),
   one transaction per message. For ``pengaduan`` each creates a complaint and a partner;
   the scheduled action that e-mails the acknowledgements then runs once for all of them,
   and its time and queries are counted in (and reported apart). The same messages are then
   sent, in the peer's database, to a ``helpdesk_mgmt`` team alias creating
   ``helpdesk.ticket``. Reported: e-mails per second and SQL queries per e-mail.
2. Public form, over HTTP: an Odoo server with 2 workers on loopback, 10 concurrent
   clients, each opening the form (session and CSRF token) and posting a complaint.
   Reported: submissions per second and the p95 latency of the POST.
"""

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

from benchlib import free_port, submit_form, wait_health  # noqa: E402

HERE = Path(__file__).resolve().parent
RESULTS_FILE = HERE / "RESULTS_INTAKE.md"
ALIAS_DOMAIN = "bench-intake.example"
TARGETS = {"mail_rate": 30.0, "mail_queries": 45, "form_rate": 20.0, "form_p95": 0.300}

RAW = """From: "Warga {i}" <warga{i}.{tag}@example.com>
To: {alias}@{domain}
Subject: =?utf-8?q?Pelayanan_KTP-el_belum_selesai_{i}?=
Date: Mon, 23 Nov 2026 02:{minute:02d}:00 +0000
Message-ID: <bench-{tag}-{i}@example.com>
MIME-Version: 1.0
Content-Type: multipart/alternative; boundary="b{i}"

--b{i}
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: quoted-printable

Saya sudah merekam KTP-el tiga bulan lalu =E2=80=93 belum jadi. Mohon dibantu.

--b{i}
Content-Type: text/html; charset=utf-8

<p>Saya sudah merekam KTP-el tiga bulan lalu &ndash; belum jadi. Mohon dibantu.</p>

--b{i}--
"""


def load_registry(db, addons_path):
    from odoo.tools import config  # noqa: PLC0415

    config.parse_config(["-d", db, "--addons-path", addons_path, "--log-level", "warn",
                         "--max-cron-threads", "0"], setup_logging=True)
    from odoo.modules.registry import Registry  # noqa: PLC0415

    return Registry(db)


def _alias_domain(env):
    domain = env["mail.alias.domain"].search([("name", "=", ALIAS_DOMAIN)], limit=1) \
        or env["mail.alias.domain"].create({"name": ALIAS_DOMAIN})
    env.company.alias_domain_id = domain


def setup_aliases(registry):
    """The complaint alias of the pengaduan database."""
    import odoo  # noqa: PLC0415

    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        _alias_domain(env)
        env["ir.config_parameter"].set_param("pengaduan.form_rate_limit", "1000000")
        return env.company.pengaduan_alias_id.alias_name


def setup_peer(registry):
    """The team alias of the helpdesk_mgmt database (where pengaduan is not installed)."""
    import odoo  # noqa: PLC0415

    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        _alias_domain(env)
        assert "pengaduan.complaint" not in env, "the peer's database must not have pengaduan"
        team = env["helpdesk.ticket.team"].search([("alias_name", "=", "helpdesk")], limit=1)
        if not team:
            env["helpdesk.ticket.team"].create({"name": "Bench Helpdesk", "alias_name": "helpdesk"})
        return "helpdesk"


def send_acknowledgements(env):
    """What the scheduled action does every minute: e-mail the acknowledgements due."""
    return env["pengaduan.complaint"]._cron_send_acknowledgements()


def bench_mail(registry, alias, count, tag, then=None):
    """Deliver ``count`` messages to ``alias``, one transaction each, then run ``then(env)``
    (the acknowledgements of pengaduan) in one more; return (seconds, queries) of the messages
    and (seconds, queries) of ``then``."""
    import odoo  # noqa: PLC0415

    messages = [RAW.format(i=i, tag=tag, alias=alias, domain=ALIAS_DOMAIN, minute=i % 60).encode()
                for i in range(count)]
    totals = {"mail": [0.0, 0], "then": [0.0, 0]}
    steps = [("mail", lambda env, raw=raw: env["mail.thread"].message_process(None, raw)) for raw in messages]
    for kind, step in steps + ([("then", then)] if then else []):
        with registry.cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            queries0, t0 = cr.sql_log_count, time.perf_counter()
            step(env)
            cr.flush()
            cr.commit()
            totals[kind][0] += time.perf_counter() - t0
            totals[kind][1] += cr.sql_log_count - queries0
    return tuple(totals["mail"]), tuple(totals["then"])


def bench_contact(registry, count, tag):
    """What pengaduan does and the peer does not: the complainant's contact, made as the intake
    makes it, ``count`` times, one transaction each (rolled back). Returns (seconds, queries)."""
    import odoo  # noqa: PLC0415

    seconds, queries = 0.0, 0
    for index in range(count):
        with registry.cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            env.company  # noqa: B018 - read by any intake before the contact: not counted here
            queries0, t0 = cr.sql_log_count, time.perf_counter()
            env["pengaduan.complaint"]._reporter_partner_create(f"Warga {index}", f"kontak{index}.{tag}@example.com")
            cr.flush()
            seconds += time.perf_counter() - t0
            queries += cr.sql_log_count - queries0
            cr.rollback()
    return seconds, queries


def record_form(base, index, latencies, errors):
    seconds, error = submit_form(base, index)
    if error:
        errors.append(f"submission {index}: {error}")
    else:
        latencies.append(seconds)


def bench_form(db, addons_path, clients, per_client):
    port = free_port()
    server = subprocess.Popen([
        "odoo", "-d", db, f"--addons-path={addons_path}", "--workers=2", "--max-cron-threads=0",
        f"--http-port={port}", "--http-interface=127.0.0.1", "--log-level=warn",
    ], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_health(base, attempts=120)
        # warm-up: assets and templates
        warm_latencies, warm_errors = [], []
        for index in range(4):
            record_form(base, -1 - index, warm_latencies, warm_errors)
        latencies, errors = [], []

        def client(number):
            for index in range(per_client):
                record_form(base, number * 1000 + index, latencies, errors)

        threads = [threading.Thread(target=client, args=(number,)) for number in range(clients)]
        t0 = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=600)
        wall = time.perf_counter() - t0
        return wall, latencies, errors + warm_errors
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=60)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True, help="database with pengaduan (and not helpdesk_mgmt)")
    parser.add_argument("--peer-db", required=True, help="database with helpdesk_mgmt (and not pengaduan)")
    parser.add_argument("--addons-path", required=True)
    parser.add_argument("--emails", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=6, help="alternate pengaduan and helpdesk_mgmt")
    parser.add_argument("--clients", type=int, default=10)
    parser.add_argument("--per-client", type=int, default=20)
    args = parser.parse_args()

    registry = load_registry(args.db, args.addons_path)
    from odoo.modules.registry import Registry  # noqa: PLC0415

    peer = Registry(args.peer_db)
    alias, peer_alias = setup_aliases(registry), setup_peer(peer)
    tag = str(int(time.time()))
    bench_mail(registry, alias, 10, tag + "w", then=send_acknowledgements)  # warm-up
    bench_mail(peer, peer_alias, 10, tag + "hw")
    # interleaved rounds: both see the same machine load
    ours = {"mail": [0.0, 0], "ack": [0.0, 0]}
    theirs = [0.0, 0]
    per_round = -(-args.emails // args.rounds)
    for index in range(args.rounds):
        count = min(per_round, args.emails - index * per_round)
        mail, ack = bench_mail(registry, alias, count, f"{tag}p{index}", then=send_acknowledgements)
        for key, (seconds, queries) in (("mail", mail), ("ack", ack)):
            ours[key][0] += seconds
            ours[key][1] += queries
        (seconds, queries), _none = bench_mail(peer, peer_alias, count, f"{tag}h{index}")
        theirs[0] += seconds
        theirs[1] += queries
    contact_seconds, contact_queries = bench_contact(registry, min(args.emails, 200), tag)
    wall, latencies, errors = bench_form(args.db, args.addons_path, args.clients, args.per_client)

    n = args.emails
    p_seconds, p_queries = ours["mail"][0] + ours["ack"][0], ours["mail"][1] + ours["ack"][1]
    mail_rate, mail_queries = n / p_seconds, p_queries / n
    intake_rate, intake_queries = n / ours["mail"][0], ours["mail"][1] / n
    help_rate, help_queries = n / theirs[0], theirs[1] / n
    contacts = min(n, 200)
    contact_ms, contact_q = 1000 * contact_seconds / contacts, contact_queries / contacts
    form_rate = len(latencies) / wall if wall else 0
    p95 = statistics.quantiles(latencies, n=20)[18] if len(latencies) >= 20 else float("nan")
    rows = [
        ("E-mails per second, pengaduan (complaint + partner + acknowledgement)", f"{mail_rate:.1f}/s",
         ">= 30/s", mail_rate >= TARGETS["mail_rate"]),
        ("SQL queries per e-mail, pengaduan (with the acknowledgement)", f"{mail_queries:.1f}", "<= 45",
         mail_queries <= TARGETS["mail_queries"]),
        ("E-mails per second, pengaduan, intake alone (complaint + partner)", f"{intake_rate:.1f}/s", "-", True),
        ("SQL queries per e-mail, pengaduan, intake alone", f"{intake_queries:.1f}", "-", True),
        ("Of which the complainant's contact (the peer makes none), per e-mail",
         f"{contact_ms:.1f} ms, {contact_q:.1f} queries", "-", True),
        ("E-mails per second, OCA helpdesk_mgmt (helpdesk.ticket), same messages, its own database",
         f"{help_rate:.1f}/s", "pengaduan (with acknowledgement) not slower", mail_rate >= help_rate),
        ("SQL queries per e-mail, OCA helpdesk_mgmt", f"{help_queries:.1f}", "-", True),
        (f"Form submissions per second, 2 workers, {args.clients} clients", f"{form_rate:.1f}/s", ">= 20/s",
         form_rate >= TARGETS["form_rate"]),
        ("Form POST latency p95", (f"{p95 * 1000:.0f} ms (median {statistics.median(latencies) * 1000:.0f} ms, "
         f"{len(latencies)} submissions, {len(errors)} errors)"), "< 300 ms",
         p95 < TARGETS["form_p95"] and not errors),
    ]
    lines = [
        "# Intake benchmark",
        "",
        (f"- Machine: {os.cpu_count()} CPU, {platform.processor() or platform.machine()}, "
        f"load {os.getloadavg()[0]:.2f}; Python {platform.python_version()}"),
        (f"- {n} e-mails each (distinct senders), one transaction per e-mail, in one process, in "
        f"{args.rounds} alternating rounds (pengaduan's acknowledgements by their scheduled action "
        f"at the end of each of its rounds, counted in); form: {args.clients} clients x "
        f"{args.per_client} submissions on loopback"),
        f"- Databases: `{args.db}` (pengaduan, no helpdesk_mgmt) and `{args.peer_db}` (helpdesk_mgmt, no pengaduan)",
        f"- Date: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}",
        "",
        "| Measure | Figure | Target | Pass/fail |",
        "|---|---|---|---|",
    ] + [f"| {name} | {figure} | {target} | {'pass' if ok else 'FAIL'} |" for name, figure, target, ok in rows]
    if errors:
        lines += ["", "Errors:", *[f"- {error}" for error in errors[:10]]]
    text = "\n".join(lines) + "\n"
    print(text)
    RESULTS_FILE.write_text(text)
    print(json.dumps({"ok": all(ok for *_rest, ok in rows)}))
    return 0 if all(ok for *_rest, ok in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
