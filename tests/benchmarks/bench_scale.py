"""On-demand benchmark of the staff's and the citizens' pages at 100,000 and 1,000,000
complaints in 50 offices (issue 13).

Run it through ``tests/benchmarks/run_scale``, which creates the database (``pengaduan``
without demo data) if needed and starts this script with Odoo's own Python.

Steps, at each stage (100,000 then 1,000,000 complaints):

1. Master data (ORM, idempotent): 50 offices (the main company and 49 more), the main office's
   eight categories, two categories shared by the others, and three users: an officer of the
   main office, an officer of all 50 offices (a regional inspectorate) and a citizen in the
   portal.
2. Populate in bulk SQL with the statement of ``bench_statistik.py`` (three years, channels,
   categories, states, deadlines and resolutions with realistic shares): the main office holds
   20 %, the 49 others share the rest. Side tables on a sample: three messages (the incoming
   e-mail, a note, a tracking notification) on every 20th complaint, one attachment on every
   100th; twelve complaints of the main office belong to the citizen. Then ``CLUSTER`` on the
   reception date and ``VACUUM ANALYZE``; the kept statistics months are computed again.
3. Measure over HTTP against a server this script starts (``--workers=0``, one request at a
   time), as the web client asks: ``web_search_read`` with the view's field specification,
   ``web_read_group`` and ``read_progress_bar`` of the kanban, ``web_read`` of the form with
   the chatter's ``/mail/data`` and ``/mail/thread/messages``, ``formatted_read_grouping_sets``
   of the pivot, and the website's GETs. The server time of each request is read from its log
   line (SQL time + the rest), with its query count; median of ``--runs`` after one warm-up.
4. Again once with the server logging its SQL: each request's three slowest ``SELECT``
   statements are run with ``EXPLAIN (ANALYZE, BUFFERS)``; a sequential scan of a large table
   is flagged.
5. In-process: the SLA scheduled action with nothing to do and with 1,000 newly overdue
   (the functions of ``bench_core.py``), and the Buku Register PDF of the main office's month
   closest to 5,000 complaints (1/200 of the stage), rendered by wkhtmltopdf as the officer.
6. Print a Markdown report and write it to ``RESULTS_SCALE.md`` next to this file.
"""

import argparse
import json
import os
import re
import signal
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from datetime import date, datetime, timedelta
from http.cookiejar import CookieJar
from pathlib import Path

import bench_core
import bench_statistik as bs
from benchlib import Probe, free_port, load_odoo, log, machine_info, wait_health

HERE = Path(__file__).resolve().parent
RESULTS_FILE = HERE / "RESULTS_SCALE.md"
STAGES = (100_000, 1_000_000)
OFFICES = 50
MAIN_SHARE = 0.20
MESSAGE_EVERY = 20
ATTACHMENT_EVERY = 100
CITIZEN_COMPLAINTS = 12
PASSWORD = "scale-bench-2026"  # noqa: S105 - benchmark users of a benchmark database
TARGETS = {"page": 0.150, "pivot": 0.300, "cron_noop": 1.0, "cron_1000": 10.0, "pdf": 30.0}
LARGE_TABLES = ("pengaduan_complaint", "mail_message", "ir_attachment", "mail_followers",
                "pengaduan_identity", "mail_tracking_value", "res_partner")
OPEN_DOMAIN = [("state", "in", ["new", "returned", "verified", "in_progress"])]
PROGRESS_BAR = {"field": "sla_state", "colors": {"on_track": "success", "at_risk": "warning",
                                                 "overdue": "danger"}}
CHATTER_REQUESTS = ["activities", "attachments", "followers", "scheduledMessages", "suggestedRecipients"]
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")


# ---------------------------------------------------------------------------
# Master data
# ---------------------------------------------------------------------------
def ensure_master_data(env):
    main = env.ref("base.main_company")
    if main.name in ("My Company", "YourCompany"):
        main.name = "Dinas Kependudukan dan Pencatatan Sipil (bench)"
    Company = env["res.company"]
    offices = [main]
    for index in range(2, OFFICES + 1):
        name = "Dinas Bench %02d" % index
        office = Company.search([("name", "=", name)], limit=1) or Company.create({"name": name})
        offices.append(office)
    categories = bs._categories(env, main, bs.CATEGORIES)
    shared = bs._categories(env, Company, bs.OTHER_CATEGORIES)
    channels = {key: env.ref(f"pengaduan.{key}").id for key in bs.CHANNEL_SHARES}
    all_ids = [office.id for office in offices]
    officer = bench_core.ensure_user(env, "scale.officer", "Petugas Skala", ["pengaduan.group_officer"],
                                     "petugas.skala@dukcapil.example")
    inspector = bench_core.ensure_user(env, "scale.inspector", "Inspektorat Skala", ["pengaduan.group_officer"],
                                       "inspektorat.skala@pemda.example")
    citizen = bench_core.ensure_user(env, "scale.citizen", "Warga Skala", ["base.group_portal"],
                                     "warga.skala@mail.example")
    officer.write({"company_id": main.id, "company_ids": [(6, 0, [main.id])], "password": PASSWORD,
                   "lang": "en_US"})
    inspector.write({"company_ids": [(6, 0, all_ids)], "company_id": main.id, "password": PASSWORD,
                     "lang": "en_US"})
    citizen.write({"password": PASSWORD, "lang": "en_US"})
    for index, office in enumerate(offices, 1):
        # the head of office: the recipient of the overdue escalations (activity and digest)
        head = bench_core.ensure_user(env, "scale.head.%02d" % index, "Kepala Bench %02d" % index,
                                      ["pengaduan.group_head"], "kepala%02d@pemda.example" % index)
        if head.company_id != office:
            head.write({"company_ids": [(6, 0, [office.id])], "company_id": office.id})
        if office.pengaduan_head_user_id != head:
            office.pengaduan_head_user_id = head
    env["ir.config_parameter"].set_param("pengaduan.track_rate_limit", "100000")
    env.cr.commit()
    return {"company": main.id, "offices": all_ids, "channels": channels,
            "categories": {code: c.id for code, c in categories.items()},
            "shared": {code: c.id for code, c in shared.items()},
            "officer": officer.id, "inspector": inspector.id, "citizen": citizen.id,
            "citizen_partner": citizen.partner_id.id}


def targets_of(master, stage):
    main = round(stage * MAIN_SHARE)
    others = master["offices"][1:]
    each, rest = divmod(stage - main, len(others))
    targets = {master["company"]: main}
    for index, office in enumerate(others):
        targets[office] = each + (index < rest)
    return targets


# ---------------------------------------------------------------------------
# Populate: complaints with bs.INSERT_SQL, then the side tables
# ---------------------------------------------------------------------------
MESSAGES_SQL = """
INSERT INTO mail_message (model, res_id, message_type, subtype_id, body, subject, email_from,
                          date, record_company_id, create_uid, write_uid, create_date, write_date)
SELECT 'pengaduan.complaint', c.id, kind.message_type, kind.subtype_id,
       kind.body || ' (' || c.number || ')', CASE WHEN kind.k = 1 THEN c.name END,
       CASE WHEN kind.k = 1 THEN coalesce(c.reporter_email, 'warga@mail.example') END,
       c.date_received + interval '1 hour' * kind.k, c.company_id, 1, 1,
       c.date_received + interval '1 hour' * kind.k, c.date_received + interval '1 hour' * kind.k
  FROM pengaduan_complaint c
 CROSS JOIN (VALUES (1, 'email', %(comment)s, '<p>Mohon bantuan, layanan belum selesai.</p>'),
                    (2, 'comment', %(note)s, '<p>Sudah diteruskan ke bidang terkait.</p>'),
                    (3, 'notification', %(note)s, '')) AS kind (k, message_type, subtype_id, body)
 WHERE c.id %% %(every)s = 0 AND c.id > %(after)s
"""

ATTACHMENTS_SQL = """
INSERT INTO ir_attachment (name, res_model, res_id, type, db_datas, mimetype, file_size, checksum,
                           company_id, public, create_uid, write_uid, create_date, write_date)
SELECT 'bukti-' || c.number || '.png', 'pengaduan.complaint', c.id, 'binary', %(data)s, 'image/png',
       %(size)s, %(checksum)s, c.company_id, false, 1, 1, c.date_received, c.date_received
  FROM pengaduan_complaint c
 WHERE c.id %% %(every)s = 0 AND c.id > %(after)s
"""

# Odoo's gateway and the web form make a contact of a complainant who gives an e-mail address:
# every second such complaint has one (the others repeat a contact in life)
PARTNERS_SQL = """
WITH complainant AS (
    SELECT id, reporter_name, reporter_email FROM pengaduan_complaint
     WHERE reporter_email IS NOT NULL AND partner_id IS NULL AND id % 2 = 0
), contact AS (
    INSERT INTO res_partner (name, complete_name, email, email_normalized, ref, active, type, is_company, lang,
                             partner_share, create_uid, write_uid, create_date, write_date)
    SELECT reporter_name, reporter_name, reporter_email, reporter_email, 'bench-' || id, true, 'contact', false,
           'en_US', true, 1, 1, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
      FROM complainant
    RETURNING id, ref
)
UPDATE pengaduan_complaint SET partner_id = contact.id
  FROM contact WHERE contact.ref = 'bench-' || pengaduan_complaint.id
"""

FOLLOWERS_SQL = """
INSERT INTO mail_followers (res_model, res_id, partner_id)
SELECT 'pengaduan.complaint', id, partner_id FROM pengaduan_complaint
 WHERE id %% %(every)s = 0 AND id > %(after)s AND partner_id IS NOT NULL
ON CONFLICT DO NOTHING
"""


def populate(registry, master, stage, now):
    import hashlib  # noqa: PLC0415

    shared = bs.category_arrays(master["shared"], bs.OTHER_CATEGORIES, 0)
    specs = dict.fromkeys(master["offices"], shared)
    specs[master["company"]] = bs.category_arrays(master["categories"], bs.CATEGORIES, bs.NO_CATEGORY_SHARE)
    seconds = bs.populate(registry, master, targets_of(master, stage), now, int(stage >= 1_000_000), specs=specs)
    t0 = time.perf_counter()
    with registry.cursor() as cr:
        cr.execute("SELECT coalesce(max(res_id), 0) FROM mail_message WHERE model = 'pengaduan.complaint'")
        after_messages = cr.fetchone()[0]
        cr.execute("SELECT coalesce(max(res_id), 0) FROM ir_attachment WHERE res_model = 'pengaduan.complaint'")
        after_attachments = cr.fetchone()[0]
        cr.execute("SELECT res_id FROM ir_model_data WHERE module = 'mail' AND name IN ('mt_comment', 'mt_note') "
                   "ORDER BY name")
        comment, note = (row[0] for row in cr.fetchall())
        cr.execute(MESSAGES_SQL, {"comment": comment, "note": note, "every": MESSAGE_EVERY, "after": after_messages})
        messages = cr.rowcount
        cr.execute(ATTACHMENTS_SQL, {"data": PNG, "size": len(PNG), "checksum": hashlib.sha1(PNG).hexdigest(),
                                     "every": ATTACHMENT_EVERY, "after": after_attachments})
        attachments = cr.rowcount
        cr.execute("SELECT count(*) FROM pengaduan_complaint WHERE partner_id = %s", [master["citizen_partner"]])
        if cr.fetchone()[0] < CITIZEN_COMPLAINTS:
            cr.execute("""
                UPDATE pengaduan_complaint SET partner_id = %(partner)s, reporter_email = %(email)s,
                       reporter_name = 'Warga Skala'
                 WHERE id IN (SELECT id FROM pengaduan_complaint
                               WHERE company_id = %(company)s AND anonymity = 'none' AND partner_id IS NULL
                               ORDER BY id DESC LIMIT %(n)s)
            """, {"partner": master["citizen_partner"], "email": "warga.skala@mail.example",
                  "company": master["company"], "n": CITIZEN_COMPLAINTS})
        cr.execute(PARTNERS_SQL)
        partners = cr.rowcount
        cr.execute("UPDATE res_partner SET commercial_partner_id = id WHERE commercial_partner_id IS NULL "
                   "AND ref LIKE 'bench-%'")
        cr.execute(FOLLOWERS_SQL, {"every": MESSAGE_EVERY, "after": after_messages})
        followers = cr.rowcount
        cr.commit()
    log("side tables: %s messages, %s attachments, %s contacts, %s followers (%.1f s)", messages, attachments,
        partners, followers, time.perf_counter() - t0)
    analyze(registry, ("mail_message", "ir_attachment", "res_partner", "mail_followers", "pengaduan_complaint"))
    return seconds + time.perf_counter() - t0


def analyze(registry, tables):
    import psycopg2  # noqa: PLC0415

    from odoo.sql_db import connection_info_for  # noqa: PLC0415

    _name, info = connection_info_for(registry.db_name)
    conn = psycopg2.connect(**info)
    try:
        conn.autocommit = True
        with conn.cursor() as cur:
            for table in tables:
                cur.execute(f"VACUUM ANALYZE {table}")  # constants
    finally:
        conn.close()


# ---------------------------------------------------------------------------
# The web client's requests
# ---------------------------------------------------------------------------
class Client:
    """One browser session: JSON-RPC and GETs, with the session cookie."""

    def __init__(self, base, db):
        self.base, self.db = base, db
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
        self.ids = 0

    def json(self, path, params):
        self.ids += 1
        data = json.dumps({"jsonrpc": "2.0", "method": "call", "id": self.ids, "params": params}).encode()
        request = urllib.request.Request(self.base + path, data=data, headers={"Content-Type": "application/json"})
        with self.opener.open(request, timeout=600) as response:
            answer = json.loads(response.read())
        if "error" in answer:
            raise RuntimeError(f"{path}: {answer['error'].get('data', {}).get('message') or answer['error']}")
        return answer["result"]

    def login(self, login):
        return self.json("/web/session/authenticate", {"db": self.db, "login": login, "password": PASSWORD})

    def call(self, model, method, *args, **kwargs):
        kwargs.setdefault("context", {"lang": "en_US", "tz": "Asia/Jakarta", "bin_size": True})
        return self.json(f"/web/dataset/call_kw/{model}/{method}",
                         {"model": model, "method": method, "args": list(args), "kwargs": kwargs})

    def get(self, path):
        with self.opener.open(self.base + path, timeout=600) as response:
            return response.status, response.read().decode()


def specification(node, fields, models):
    """The field specification the web client sends for a view's arch (lxml node): many2one
    and x2many with ``display_name``, x2many with their subview's fields."""
    spec = {}
    for child in node:
        if not isinstance(child.tag, str):
            continue
        if child.tag != "field":
            spec.update(specification(child, fields, models))
            continue
        name = child.get("name")
        field = fields.get(name, {})
        kind = field.get("type")
        if kind == "many2one":
            spec[name] = {"fields": {"display_name": {}}}
        elif kind in ("one2many", "many2many"):
            sub = next((c for c in child if c.tag in ("list", "kanban")), None)
            relation = models.get(field.get("relation"), {}).get("fields", {})
            inner = specification(sub, relation, models) if sub is not None else {"display_name": {}}
            spec[name] = {"fields": inner or {"display_name": {}}, "limit": 40}
        else:
            spec.setdefault(name, {})
    return spec


def view_specs(client):
    from lxml import etree  # noqa: PLC0415

    views = client.call("pengaduan.complaint", "get_views",
                        [[False, "list"], [False, "kanban"], [False, "form"], [False, "search"]], options={})
    models = dict(views["models"])
    fields = models["pengaduan.complaint"]["fields"]
    return {kind: specification(etree.fromstring(views["views"][kind]["arch"]), fields, models)
            for kind in ("list", "kanban", "form")}


def requests_of(env_info, specs):
    """[(label, who, target, [callable(client) -> None])]: each measure is one request or the
    requests a screen makes together (their server times are summed)."""
    listing, kanban, form = specs["list"], specs["kanban"], specs["form"]
    complaint, number, email = env_info["complaint"], env_info["number"], env_info["email"]
    year_from, year_to = env_info["year"]

    def search(domain, limit=80):
        return lambda c: c.call("pengaduan.complaint", "web_search_read", domain, listing, limit=limit,
                                order="", count_limit=10001)

    def kanban_read(domain):
        return [
            lambda c: c.call("pengaduan.complaint", "web_read_group", domain, ["state"], ["__count"],
                             auto_unfold=True, unfold_read_specification=kanban, unfold_read_default_limit=40),
            lambda c: c.call("pengaduan.complaint", "read_progress_bar", domain, "state", PROGRESS_BAR),
        ]

    def pivot_by(month):
        return lambda c: c.call(
            "pengaduan.complaint", "formatted_read_grouping_sets",
            [("date_received", ">=", year_from), ("date_received", "<", year_to)],
            [[], ["category_id"], [month], ["category_id", month]], ["__count"])

    # the pivot view's month (the stored office month), and the reception date's month in the
    # user's time zone (what the pivot grouped by before, still offered under Received On)
    pivot = pivot_by("month_received:month")
    pivot_tz = pivot_by("date_received:month")
    return [
        ("list, first page (default filter Open)", "officer", "page", [search(OPEN_DOMAIN)]),
        ("list, first page without a filter", "officer", "page", [search([])]),
        ("kanban by status with counters and SLA progress bars (Open)", "officer", "page", kanban_read(OPEN_DOMAIN)),
        ("open one complaint: form, chatter data, messages", "officer", "page", [
            lambda c: c.call("pengaduan.complaint", "web_read", [complaint], form),
            lambda c: c.json("/mail/data", {"fetch_params": [["mail.thread", {
                "thread_model": "pengaduan.complaint", "thread_id": complaint,
                "request_list": CHATTER_REQUESTS}]], "context": {"lang": "en_US"}}),
            lambda c: c.json("/mail/thread/messages", {"thread_model": "pengaduan.complaint",
                                                       "thread_id": complaint, "fetch_params": {"limit": 30}}),
        ]),
        ("overdue filter, first page", "officer", "page", [search([("sla_state", "=", "overdue")])]),
        ("search by tracking number", "officer", "page", [search([("number", "ilike", number)])]),
        ("search by complainant e-mail", "officer", "page", [search([("reporter_email", "ilike", email)])]),
        ("pivot category x month, one year", "officer", "pivot", [pivot]),
        ("all 50 offices: list, first page (Open)", "inspector", "page", [search(OPEN_DOMAIN)]),
        ("all 50 offices: list, first page without a filter", "inspector", "page", [search([])]),
        ("all 50 offices: kanban with counters (Open)", "inspector", "page", kanban_read(OPEN_DOMAIN)),
        ("all 50 offices: pivot category x month, one year", "inspector", "pivot", [pivot]),
        ("all 50 offices: pivot category x month of date_received in the user's time zone", "inspector", "pivot",
         [pivot_tz]),
        ("tracking page /pengaduan/lacak (number + e-mail)", "public", "page", [
            lambda c: c.get("/pengaduan/lacak?" + urllib.parse.urlencode({"number": number, "contact": email}))]),
        ("portal list /my/pengaduan of one citizen", "citizen", "page", [lambda c: c.get("/my/pengaduan")]),
        ("/pengaduan/statistik, figures computed (cache time 0)", "public", "page",
         [lambda c: c.get("/pengaduan/statistik")]),
    ]


REQUEST_RE = re.compile(r'"(?:GET|POST) (\S+) HTTP/1\.[01]" (\d+) - (\d+) ([0-9.]+) ([0-9.]+)')
SQL_RE = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ DEBUG \S+ odoo\.sql_db: \[([0-9.]+) ms\] query: ",
                    re.M)
RECORD_RE = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ ", re.M)


class Server:
    def __init__(self, db, addons_path, log_sql=False):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log_path = Path(f"/tmp/bench_scale_{db}_{self.port}.log")
        self.log_path.unlink(missing_ok=True)
        command = ["odoo", "-d", db, f"--db-filter=^{re.escape(db)}$", f"--addons-path={addons_path}",
                   "--workers=0", "--max-cron-threads=0", f"--http-port={self.port}",
                   "--http-interface=127.0.0.1", "--log-level=info", f"--logfile={self.log_path}"]
        if log_sql:
            command.append("--log-handler=odoo.sql_db:DEBUG")
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                        start_new_session=True)
        if not wait_health(self.base):
            raise RuntimeError("the server did not start: " + self.log_path.read_text()[-2000:])
        self.offset = 0

    def mark(self):
        self.offset = self.log_path.stat().st_size

    def since_mark(self, requests):
        """The log since the mark, once ``requests`` request lines are in it: (text, lines)."""
        for _ in range(200):
            with open(self.log_path, "rb") as f:
                f.seek(self.offset)
                text = f.read().decode("utf-8", "replace")
            lines = REQUEST_RE.findall(text)
            if len(lines) >= requests:
                return text, lines
            time.sleep(0.01)
        raise RuntimeError(f"expected {requests} request lines in the server log")

    def stop(self):
        os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(timeout=60)


def clients_for(server, db):
    clients = {}
    for who, login in (("officer", "scale.officer"), ("inspector", "scale.inspector"), ("citizen", "scale.citizen")):
        clients[who] = Client(server.base, db)
        clients[who].login(login)
    clients["public"] = Client(server.base, db)
    return clients


def run_measure(server, client, calls):
    """Run a screen's requests one after the other: (server seconds, queries, client seconds, log text)."""
    server.mark()
    t0 = time.perf_counter()
    for call in calls:
        call(client)
    elapsed = time.perf_counter() - t0
    text, lines = server.since_mark(len(calls))
    statuses = {int(status) for _path, status, _q, _qt, _rt in lines}
    if statuses != {200}:
        raise RuntimeError(f"HTTP status {statuses} in {lines}")
    seconds = sum(float(qt) + float(rt) for _p, _s, _q, qt, rt in lines)
    return seconds, sum(int(q) for _p, _s, q, _qt, _rt in lines), elapsed, text


def measure_http(db, addons_path, env_info, runs):
    server = Server(db, addons_path)
    try:
        clients = clients_for(server, db)
        specs = view_specs(clients["officer"])
        results = []
        for label, who, target, calls in requests_of(env_info, specs):
            run_measure(server, clients[who], calls)  # warm-up
            samples = [run_measure(server, clients[who], calls)[:3] for _ in range(runs)]
            results.append({"label": label, "who": who, "target": target, "samples": samples})
            log("%s: %s", label, ", ".join("%.1f ms/%dq" % (s * 1000, q) for s, q, _e in samples))
        return results, specs
    finally:
        server.stop()


def sql_statements(text):
    """[(ms, statement)] of the SQL debug lines of a log text."""
    found = []
    for match in SQL_RE.finditer(text):
        start = match.end()
        following = RECORD_RE.search(text, start)
        found.append((float(match.group(1)), text[start:following.start() if following else len(text)].strip()))
    return found


def measure_explain(db, addons_path, env_info, odoo, registry):
    """Each measure once on a server logging its SQL; its three slowest SELECTs explained."""
    server = Server(db, addons_path, log_sql=True)
    plans = {}
    try:
        clients = clients_for(server, db)
        specs = view_specs(clients["officer"])
        for label, who, _target, calls in requests_of(env_info, specs):
            run_measure(server, clients[who], calls)  # warm-up
            text = run_measure(server, clients[who], calls)[3]
            statements = [s for s in sql_statements(text) if s[1].lstrip("( ").upper().startswith(("SELECT", "WITH"))]
            slowest = sorted(statements, key=lambda s: -s[0])[:3]
            explained = []
            with registry.cursor() as cr:
                for logged_ms, statement in slowest:
                    try:
                        cr.execute("EXPLAIN (ANALYZE, BUFFERS) " + statement)
                    except Exception as error:  # noqa: BLE001 - reported
                        cr.rollback()
                        explained.append({"ms": logged_ms, "sql": statement, "plan": f"not explained: {error}",
                                          "seq": [], "exec": None})
                        continue
                    plan = "\n".join(row[0] for row in cr.fetchall())
                    seq = sorted({t for t in LARGE_TABLES if re.search(rf"Seq Scan on {t}\b", plan)})
                    match = re.search(r"Execution Time: ([0-9.]+) ms", plan)
                    explained.append({"ms": logged_ms, "sql": statement, "plan": plan, "seq": seq,
                                      "exec": float(match.group(1)) if match else None})
                cr.rollback()
            plans[label] = {"statements": len(statements), "explained": explained}
            log("EXPLAIN %s: %d SELECTs; slowest %s", label, len(statements),
                ", ".join("%.2f ms%s" % (e["ms"], " SEQ " + "/".join(e["seq"]) if e["seq"] else "")
                          for e in explained))
    finally:
        server.stop()
    return plans


# ---------------------------------------------------------------------------
# In-process: the SLA scheduled action and the register PDF
# ---------------------------------------------------------------------------
def register_month(registry, company_id, wanted):
    """The office's calendar month (Asia/Jakarta) with a count closest to ``wanted``."""
    with registry.cursor() as cr:
        cr.execute("""
            SELECT date_trunc('month', date_received AT TIME ZONE 'UTC' AT TIME ZONE 'Asia/Jakarta')::date AS m,
                   count(*)
              FROM pengaduan_complaint WHERE company_id = %s
             GROUP BY 1 ORDER BY abs(count(*) - %s), 1 DESC LIMIT 1
        """, [company_id, wanted])
        return cr.fetchone()


def measure_register(odoo, registry, master, wanted):
    month, count = register_month(registry, master["company"], wanted)
    last = (month.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    with registry.cursor() as cr:
        env = bench_core.new_env(odoo, cr, master["officer"], {"lang": "en_US", "tz": "Asia/Jakarta",
                                                              "allowed_company_ids": [master["company"]]})
        wizard = env["pengaduan.register.wizard"].create({"date_from": month, "date_to": last,
                                                          "company_id": master["company"]})
        lines = len(wizard._register_lines())
        with Probe(cr) as probe:
            pdf, _kind = env["ir.actions.report"]._render_qweb_pdf("pengaduan.action_report_register", wizard.ids)
        cr.rollback()
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    log("register PDF of %s (%s complaints, %s lines): %.1f s, %d queries, %d pages, %d kB", month, count, lines,
        probe.seconds, probe.queries, pages, len(pdf) // 1024)
    return {"month": month, "complaints": count, "lines": lines, "seconds": probe.seconds,
            "queries": probe.queries, "pages": pages, "kb": len(pdf) // 1024}


# ---------------------------------------------------------------------------
# The stage
# ---------------------------------------------------------------------------
def env_info_of(registry, master):
    with registry.cursor() as cr:
        cr.execute("""
            SELECT id, number, reporter_email FROM pengaduan_complaint
             WHERE company_id = %s AND id %% %s = 0 AND reporter_email IS NOT NULL
             ORDER BY id DESC LIMIT 1
        """, [master["company"], ATTACHMENT_EVERY])
        complaint, number, email = cr.fetchone()
        cr.execute("SELECT count(*) FROM mail_message WHERE model = 'pengaduan.complaint' AND res_id = %s",
                   [complaint])
        messages = cr.fetchone()[0]
    today = date.today()
    year = (datetime(today.year - 1, today.month, 1), datetime(today.year, today.month, 1))
    return {"complaint": complaint, "number": number, "email": email, "messages": messages,
            "year": tuple(d.strftime("%Y-%m-%d %H:%M:%S") for d in year)}


def dataset(registry, master):
    with registry.cursor() as cr:
        cr.execute("""
            SELECT count(*), count(*) FILTER (WHERE company_id = %(main)s),
                   count(*) FILTER (WHERE state IN ('new', 'verified', 'in_progress')),
                   count(*) FILTER (WHERE company_id = %(main)s AND state IN ('new', 'verified', 'in_progress')),
                   count(*) FILTER (WHERE sla_state = 'overdue'),
                   count(DISTINCT company_id), min(date_received)::date, max(date_received)::date,
                   pg_size_pretty(pg_total_relation_size('pengaduan_complaint'))
              FROM pengaduan_complaint
        """, {"main": master["company"]})
        total, main, open_, main_open, overdue, offices, first, last, size = cr.fetchone()
        cr.execute("SELECT count(*) FROM mail_message WHERE model = 'pengaduan.complaint'")
        messages = cr.fetchone()[0]
        cr.execute("SELECT count(*) FROM ir_attachment WHERE res_model = 'pengaduan.complaint'")
        attachments = cr.fetchone()[0]
    return {"total": total, "main": main, "open": open_, "main_open": main_open, "overdue": overdue,
            "offices": offices, "first": first, "last": last, "size": size, "messages": messages,
            "attachments": attachments}


def run_stage(args, odoo, registry, master, stage):
    log("stage %s", f"{stage:,}")
    now = datetime.utcnow().replace(microsecond=0)
    populated = populate(registry, master, stage, now)
    bs.refresh_kept_months(odoo, registry)
    bs.set_cache_seconds(odoo, registry, 0)
    info = env_info_of(registry, master)
    try:
        http, _specs = measure_http(args.db, args.addons_path, info, args.runs)
        plans = measure_explain(args.db, args.addons_path, info, odoo, registry)
    finally:
        bs.set_cache_seconds(odoo, registry, 300)
    catch_up, noop = bench_core.measure_cron_noop(odoo, registry, args.runs)
    overdue = bench_core.measure_cron_1000(odoo, registry)
    register = measure_register(odoo, registry, master, stage // 200)
    return {"stage": stage, "populate": populated, "data": dataset(registry, master), "info": info,
            "http": http, "plans": plans, "catch_up": catch_up, "noop": noop, "overdue": overdue,
            "register": register}


# ---------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------
def median_of(samples, index):
    return statistics.median(sample[index] for sample in samples)


def verdict(value, target):
    return "met" if value < target else "**not met**"


def report(info, stages):
    lines = [
        "# Pages and reads at 100,000 and 1,000,000 complaints (issue 13)", "",
        (f"- Machine: {info['nproc']} CPUs, {info['cpu']}; Odoo {info['odoo']}, PostgreSQL {info['postgres']} "
         f"({info['pg_settings']}), Python {info['python']}; code {info['code']}; {info['date']}, "
         f"load {info['load']}"),
        ("- Server: `--workers=0`, one request at a time; the server time of a request is the SQL time plus "
         "the rest, from its log line; a screen's requests are summed. Median of the runs after a warm-up."),
        ("- The web client's requests are rebuilt from the views (`get_views`): `web_search_read` with the "
         "list's field specification, `web_read_group` + `read_progress_bar` for the kanban, `web_read` of "
         "the form with the chatter's `/mail/data` and `/mail/thread/messages`, "
         "`formatted_read_grouping_sets` for the pivot."), "",
    ]
    for stage in stages:
        d = stage["data"]
        lines += [
            f"## {d['total']:,} complaints", "",
            (f"- {d['offices']} offices; the main office {d['main']:,} ({d['main_open']:,} open); all offices "
             f"{d['open']:,} open, {d['overdue']:,} overdue; received {d['first']} .. {d['last']}; table with "
             f"indexes {d['size']}"),
            (f"- {d['messages']:,} messages and {d['attachments']:,} attachments on complaints; the complaint "
             f"opened has {stage['info']['messages']} messages and an attachment"),
            f"- Bulk populate of this stage: {stage['populate']:.0f} s", "",
            "| measure | server time (median) | queries | round trip | target |", "|---|---|---|---|---|",
        ]
        for row in stage["http"]:
            target = TARGETS[row["target"]]
            server = median_of(row["samples"], 0)
            lines.append(f"| {row['label']} | {server * 1000:.1f} ms | {median_of(row['samples'], 1):.0f} | "
                         f"{median_of(row['samples'], 2) * 1000:.1f} ms | < {target * 1000:.0f} ms — "
                         f"{verdict(server, target)} |")
        noop = statistics.median(s for s, _q in stage["noop"])
        lines.append(f"| SLA scheduled action, nothing to do | {noop * 1000:.1f} ms | "
                     f"{statistics.median(q for _s, q in stage['noop']):.0f} | - | < 1 s — "
                     f"{verdict(noop, TARGETS['cron_noop'])} |")
        o = stage["overdue"]
        lines.append(f"| SLA scheduled action, 1,000 newly overdue (note, activity, digest; "
                     f"{'verified' if o['verified'] else 'MISMATCH'}) | {o['seconds']:.2f} s | {o['queries']} | - | "
                     f"< 10 s — {verdict(o['seconds'], TARGETS['cron_1000'])} |")
        r = stage["register"]
        lines.append(f"| Buku Register PDF, {r['month']:%B %Y} of the main office ({r['complaints']:,} complaints, "
                     f"{r['pages']} pages, {r['kb']:,} kB) | {r['seconds']:.1f} s | {r['queries']} | - | < 30 s — "
                     f"{verdict(r['seconds'], TARGETS['pdf'])} |")
        lines.append("")
        if stage["catch_up"]:
            lines.append("Catch-up runs of the SLA action before the no-op (complaints whose risk date passed "
                         "while populating): " + ", ".join("%.2f s / %d queries / %d escalated" % c
                                                          for c in stage["catch_up"]))
            lines.append("")
        lines += ["### The slowest SELECTs of each measure, explained", "",
                  "| measure | SELECTs | slowest (logged ms → EXPLAIN ANALYZE ms) | sequential scan of a large table |",
                  "|---|---|---|---|"]
        for label, plan in stage["plans"].items():
            slowest = "; ".join("%.2f → %s" % (e["ms"], "%.2f" % e["exec"] if e["exec"] is not None else "-")
                                for e in plan["explained"])
            seqs = sorted({t for e in plan["explained"] for t in e["seq"]})
            lines.append(f"| {label} | {plan['statements']} | {slowest} | {', '.join(seqs) or 'none'} |")
        lines.append("")
    if len(stages) == 2:
        small, large = stages
        lines += ["## Growth from 100,000 to 1,000,000", "", "| measure | 100,000 | 1,000,000 | ratio |",
                  "|---|---|---|---|"]
        for a, b in zip(small["http"], large["http"], strict=True):
            sa, sb = median_of(a["samples"], 0), median_of(b["samples"], 0)
            lines.append(f"| {a['label']} | {sa * 1000:.1f} ms | {sb * 1000:.1f} ms | {sb / sa:.2f} |")
        for key, label in (("noop", "SLA action, nothing to do"),):
            sa = statistics.median(s for s, _q in small[key])
            sb = statistics.median(s for s, _q in large[key])
            lines.append(f"| {label} | {sa * 1000:.1f} ms | {sb * 1000:.1f} ms | {sb / sa:.2f} |")
        sa, sb = small["overdue"]["seconds"], large["overdue"]["seconds"]
        lines.append(f"| SLA action, 1,000 newly overdue | {sa:.2f} s | {sb:.2f} s | {sb / sa:.2f} |")
        lines.append(f"| Buku Register PDF (complaints of the month) | {small['register']['seconds']:.1f} s "
                     f"({small['register']['complaints']:,}) | {large['register']['seconds']:.1f} s "
                     f"({large['register']['complaints']:,}) | "
                     f"{large['register']['seconds'] / small['register']['seconds']:.2f} |")
        lines.append("")
    lines += ["## Plans", ""]
    for stage in stages:
        lines += [f"### {stage['data']['total']:,} complaints", ""]
        for label, plan in stage["plans"].items():
            for e in plan["explained"][:1]:
                lines += [f"#### {label}: {e['ms']:.2f} ms", "", "```sql", e["sql"][:3000], "```", "", "```",
                          e["plan"], "```", ""]
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--addons-path", required=True)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--stages", default=",".join(str(s) for s in STAGES))
    parser.add_argument("--log-level", default="warn")
    parser.add_argument("--no-results-file", action="store_true")
    args = parser.parse_args()
    odoo, registry = load_odoo(args.db, args.addons_path, args.log_level)
    with registry.cursor() as cr:
        master = ensure_master_data(bench_core.new_env(odoo, cr, odoo.SUPERUSER_ID, {"tracking_disable": True}))
    info = machine_info(odoo, registry, args.addons_path)
    stages = [run_stage(args, odoo, registry, master, int(stage)) for stage in args.stages.split(",")]
    text = report(info, stages)
    print(text)
    if not args.no_results_file:
        RESULTS_FILE.write_text(text)
        log("written to %s", RESULTS_FILE)
    return 0


if __name__ == "__main__":
    sys.exit(main())
