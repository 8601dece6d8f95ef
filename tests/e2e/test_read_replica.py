"""PostgreSQL's streaming replica used through Odoo 19's read-replica setting (issue 13).

A primary cluster holding a copy of the test database, a hot standby streaming from it
(pg_basebackup -R), both logging every statement, and an Odoo server with two workers given
``--db_host``/``--db_port`` of the primary and ``--db_replica_host``/``--db_replica_port`` of
the standby. Which server ran a request's SQL is read from the two statement logs: Odoo's
read-only routes and the web client's read methods (``@api.readonly``: the list, the kanban,
the form's read) go to the standby; the form's submission and every write go to the primary;
with the standby down, the read-only pages are served by the primary."""

import json
import os
import re
import signal
import subprocess
import time
import uuid
from pathlib import Path

import pytest
import requests
from e2elib import free_port, start_odoo_server, wait_for
from pgcluster import Cluster, copy_database

REPO = Path(__file__).resolve().parents[2]
CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')
NUMBER_RE = re.compile(r"ADU-\d{4}-\d{6}")
STATEMENT = re.compile(r"(?:LOG|STATEMENT):\s+(?:statement|execute [^:]*):\s", re.I)
# every statement, each line naming its database (Odoo also lists the databases in "postgres")
LOGGING = ["log_statement = 'all'", "log_line_prefix = '%m [%p] db=%d '"]


class StatementLogs:
    """What the primary and the standby logged since the last ``mark()``."""

    def __init__(self, primary, standby):
        self.clusters = {"primary": primary, "standby": standby}
        self.offsets = {}

    def mark(self):
        self.offsets = {role: cluster.log.stat().st_size for role, cluster in self.clusters.items()}

    def since(self, db):
        """The statements each server ran in ``db`` since ``mark()``, by role."""
        # postgres writes a statement before it runs it: give the last line a moment to land
        time.sleep(0.3)
        found = {}
        for role, cluster in self.clusters.items():
            with cluster.log.open("rb") as log:
                log.seek(self.offsets[role])
                lines = log.read().decode("utf-8", "replace").splitlines()
            found[role] = [line for line in lines if f" db={db} " in line and STATEMENT.search(line)]
        return found


def mentions(lines, text):
    return [line for line in lines if text in line]


def db_options(**variables):
    """The Odoo options bin/_common.sh's ``db_args`` (bin/run, bin/upgrade) makes of the PG*
    variables, and whether PGHOST_REPLICA is left in the environment Odoo would read."""
    script = '. "$0"; db_args; printf "%s\\n" "${DB_ARGS[@]}"; echo "left:${PGHOST_REPLICA-unset}"'
    environment = {key: value for key, value in os.environ.items() if not key.startswith("PG")}
    out = subprocess.run(["bash", "-c", script, str(REPO / "bin/_common.sh")], env=dict(environment, **variables),
                         capture_output=True, text=True, check=True).stdout.splitlines()
    return out[:-1], out[-1].removeprefix("left:")


def test_an_empty_replica_host_means_no_replica():
    """compose passes ``${PGHOST_REPLICA:-}``: empty, Odoo itself would take it for its
    development mode "replica" (a second pool on the primary)."""
    options, left = db_options(PGHOST="db", PGHOST_REPLICA="", PGPORT_REPLICA="")
    assert options == ["--db_host=db"] and left == "unset"
    options, left = db_options(PGHOST="db", PGHOST_REPLICA="db-replica", PGPORT_REPLICA="5433")
    assert options == ["--db_host=db", "--db_replica_host=db-replica", "--db_replica_port=5433"]


@pytest.fixture
def replicated(db, tmp_path):
    """``(Odoo URL, primary, standby, database name, statement logs, path of Odoo's log)``."""
    assert os.environ.get("PENGADUAN_DATA_DIR"), "bin/test sets PENGADUAN_DATA_DIR"
    primary = Cluster(settings=LOGGING)
    standby = None
    server = log = None
    try:
        primary.pg_ctl("start")
        name, data_dir = copy_database(db, primary, "replica")
        # figures computed at each request, so that every statistics page reads the database
        primary.psql(name, "INSERT INTO ir_config_parameter (key, value) VALUES "
                           "('pengaduan.statistics_cache_seconds', '0') "
                           "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value")
        standby = Cluster(primary=primary, settings=[*LOGGING, "hot_standby = on"])
        standby.pg_ctl("start")
        assert standby.psql("postgres", "SELECT pg_is_in_recovery()") == [["t"]]
        deadline = time.monotonic() + 60
        while not standby.psql(name, "SELECT value FROM ir_config_parameter "
                                     "WHERE key = 'pengaduan.statistics_cache_seconds'"):
            assert time.monotonic() < deadline, "the standby did not catch up within 60 s"
            time.sleep(0.5)
        port = free_port()
        log = (tmp_path / "odoo.log").open("wb")  # noqa: SIM115 - closed at the end
        # the options bin/run gives Odoo for these variables
        options, _left = db_options(PGHOST="127.0.0.1", PGPORT=str(primary.port), PGUSER=primary.user,
                                    PGHOST_REPLICA="127.0.0.1", PGPORT_REPLICA=str(standby.port))
        server = start_odoo_server(name, port, log, data_dir=data_dir, workers=2,
                                   extra=(*options, f"--gevent-port={free_port()}"))
        base = f"http://127.0.0.1:{port}"
        wait_for(f"{base}/web/health", server, seconds=180)
        # each worker opens its pools at its first requests: warm both before measuring
        for _ in range(6):
            requests.get(f"{base}/pengaduan/statistik", timeout=60)
        yield base, primary, standby, name, StatementLogs(primary, standby), tmp_path / "odoo.log"
    finally:
        if server is not None and server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=60)
        if log is not None:
            log.close()
        if standby is not None:
            standby.remove()
        primary.remove()


def call_kw(session, base, model, method, args, kwargs):
    answer = session.post(f"{base}/web/dataset/call_kw/{model}/{method}", timeout=60, json={
        "jsonrpc": "2.0", "method": "call",
        "params": {"model": model, "method": method, "args": args, "kwargs": kwargs}})
    body = answer.json()
    assert "error" not in body, json.dumps(body.get("error"))[:600]
    return body["result"]


def test_reads_go_to_the_standby_and_writes_to_the_primary(replicated, admin_credentials):
    base, _primary, standby, name, logs, odoo_log = replicated
    tag = uuid.uuid4().hex[:8]

    # the public pages that only read: the standby runs all their SQL
    for path in ("/pengaduan/statistik", "/pengaduan/beranda", "/pengaduan", "/skm"):
        logs.mark()
        page = requests.get(f"{base}{path}", timeout=60)
        seen = logs.since(name)
        assert page.status_code == 200, (path, page.status_code)
        assert not seen["primary"], (path, seen["primary"][:5])
        assert mentions(seen["standby"], "pengaduan_"), (path, seen["standby"][-10:])

    # the citizen's submission is a write: the primary takes it
    session = requests.Session()
    form = session.get(f"{base}/pengaduan", timeout=60)
    logs.mark()
    answer = session.post(f"{base}/pengaduan", timeout=120, data={
        "reporter_name": "Warga Replika", "reporter_email": f"replika-{tag}@example.com", "anonymity": "none",
        "name": f"Uji replika {tag}", "description": "Dibaca dari replika, ditulis ke primer.",
        "csrf_token": CSRF_RE.search(form.text).group(1)})
    seen = logs.since(name)
    number = NUMBER_RE.search(answer.text)
    assert answer.status_code == 200 and number, answer.text[:500]
    inserts = mentions(seen["primary"], 'INSERT INTO "pengaduan_complaint"')
    assert inserts and tag in inserts[0], seen["primary"][:5]
    assert not mentions(seen["standby"], tag)

    # the staff's list (web_search_read, a read-only method) reads the standby, which has the
    # new complaint once the primary's WAL reached it
    login, password = admin_credentials
    staff = requests.Session()
    done = staff.post(f"{base}/web/session/authenticate", timeout=60, json={
        "jsonrpc": "2.0", "params": {"db": name, "login": login, "password": password}})
    assert done.json().get("result", {}).get("uid"), done.text[:300]
    deadline = time.monotonic() + 30
    while True:
        logs.mark()
        listed = call_kw(staff, base, "pengaduan.complaint", "web_search_read",
                         [], {"domain": [("name", "=", f"Uji replika {tag}")], "specification": {"number": {}}})
        seen = logs.since(name)
        if listed["records"] or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert [record["number"] for record in listed["records"]] == [number.group(0)]
    assert mentions(seen["standby"], tag)
    assert not mentions(seen["primary"], tag)

    # a write from the web client goes to the primary
    [record_id] = [record["id"] for record in listed["records"]]
    logs.mark()
    call_kw(staff, base, "pengaduan.complaint", "message_post", [[record_id]],
            {"body": f"Catatan replika {tag}", "message_type": "comment", "subtype_xmlid": "mail.mt_note"})
    seen = logs.since(name)
    assert mentions(seen["primary"], tag)
    assert not mentions(seen["standby"], tag)

    # the standby stops: the read-only pages are served by the primary
    stopped = standby.run("pg_ctl", "-D", str(standby.data), "-m", "fast", "-w", "stop", check=False)
    assert stopped.returncode == 0, stopped.stderr
    for _ in range(4):  # both workers find their standby gone
        logs.mark()
        page = requests.get(f"{base}/pengaduan/statistik", timeout=60)
        seen = logs.since(name)
        assert page.status_code == 200, page.status_code
        assert mentions(seen["primary"], "pengaduan_complaint"), seen["primary"][-10:]
    listed = call_kw(staff, base, "pengaduan.complaint", "web_search_read",
                     [], {"domain": [("name", "=", f"Uji replika {tag}")], "specification": {"number": {}}})
    assert [record["number"] for record in listed["records"]] == [number.group(0)]
    assert "Failed to open a readonly cursor" in odoo_log.read_text(errors="replace")
