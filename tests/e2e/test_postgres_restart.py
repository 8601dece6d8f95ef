"""PostgreSQL restarted during a stream of form submissions (issue 13).

Every submission shows its tracking number or the clear "try again" page that the production
nginx file (deploy/nginx/pengaduan.conf) puts in place of Odoo's error pages; never Odoo's
500 or 404 page; and every complaint kept was shown to its sender with its number.

The test runs a PostgreSQL cluster of its own (``pgcluster``) holding a copy of the test
database and its filestore, an Odoo server with two workers on that copy, and Debian's nginx
with the production file (its upstreams and paths pointed at the test's)."""

import os
import re
import shutil
import signal
import subprocess
import threading
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
TRY_AGAIN = 'id="pengaduan-coba-lagi"'
RATE_LIMIT_SQL = ("INSERT INTO ir_config_parameter (key, value) VALUES ('pengaduan.form_rate_limit', '100000') "
                  "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value")
NGINX_WRAPPER = """
worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log;
events {{ worker_connections 256; }}
http {{
    access_log {prefix}/access.log;
    client_body_temp_path {prefix}/body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    include {prefix}/site.conf;
}}
"""


def site_conf(prefix, odoo_port, gevent_port, port):
    """deploy/nginx/pengaduan.conf with the test's upstreams, port and page directory."""
    text = (REPO / "deploy/nginx/pengaduan.conf").read_text()
    replaced = {
        "server odoo:8069;": f"server 127.0.0.1:{odoo_port};",
        "server odoo:8072;": f"server 127.0.0.1:{gevent_port};",
        "listen 80;": f"listen 127.0.0.1:{port};",
        "set $pengaduan_static /etc/nginx/pengaduan;": f"set $pengaduan_static {REPO / 'deploy/nginx'};",
    }
    for old, new in replaced.items():
        assert old in text, f"deploy/nginx/pengaduan.conf no longer has {old!r}"
        text = text.replace(old, new)
    (prefix / "site.conf").write_text(text)
    (prefix / "nginx.conf").write_text(NGINX_WRAPPER.format(prefix=prefix))


@pytest.fixture
def restartable(db, tmp_path):
    """``(nginx URL, cluster, database name)`` of an Odoo on a copy of the test database in a
    PostgreSQL cluster the test may restart."""
    assert os.environ.get("PENGADUAN_DATA_DIR"), "bin/test sets PENGADUAN_DATA_DIR"
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    assert Path(nginx).exists(), "nginx is missing: apt-get install nginx-light"
    cluster = Cluster()
    processes = []
    logs = []
    try:
        cluster.pg_ctl("start")
        name, data_dir = copy_database(db, cluster, "restart")
        subprocess.run(["psql", "-X", "-q", "-d", name, "-c", RATE_LIMIT_SQL], env=cluster.env(), check=True)
        odoo_port, gevent_port, port = free_port(), free_port(), free_port()
        log = (tmp_path / "odoo.log").open("wb")  # noqa: SIM115 - closed at the end
        logs.append(log)
        server = start_odoo_server(name, odoo_port, log, data_dir=data_dir, workers=2, extra=(
            "--db_host=127.0.0.1", f"--db_port={cluster.port}", f"--db_user={cluster.user}",
            f"--gevent-port={gevent_port}"))
        processes.append(server)
        prefix = tmp_path / "nginx"
        prefix.mkdir()
        site_conf(prefix, odoo_port, gevent_port, port)
        proxy = subprocess.Popen([nginx, "-p", str(prefix), "-c", str(prefix / "nginx.conf"), "-g", "daemon off;"],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        processes.append(proxy)
        base = f"http://127.0.0.1:{port}"
        wait_for(f"http://127.0.0.1:{odoo_port}/web/health", server, seconds=180)
        wait_for(f"{base}/pengaduan", proxy, seconds=180)
        yield base, cluster, name
    finally:
        for process in reversed(processes):
            if process.poll() is None:
                if process is processes[0]:
                    os.killpg(process.pid, signal.SIGTERM)
                else:
                    process.terminate()
                process.wait(timeout=60)
        for log in logs:
            log.close()
        cluster.remove()


def submit(base, tag, index):
    """One citizen: ``("number", n)``, ``("try again", status)`` or ``("broken", description)``."""
    session = requests.Session()
    try:
        page = session.get(f"{base}/pengaduan", timeout=60)
        if TRY_AGAIN in page.text:
            return "try again", page.status_code
        token = CSRF_RE.search(page.text)
        if page.status_code != 200 or not token:
            return "broken", f"form GET {page.status_code}: {page.text[:200]!r}"
        answer = session.post(f"{base}/pengaduan", timeout=120, data={
            "reporter_name": "Warga Restart", "reporter_email": f"restart{index}@example.com",
            "anonymity": "none", "name": f"Uji restart {tag} {index}", "description": "Saat basis data dimulai ulang.",
            "csrf_token": token.group(1)})
    except requests.RequestException as error:
        return "broken", repr(error)
    if TRY_AGAIN in answer.text:
        return "try again", answer.status_code
    found = NUMBER_RE.search(answer.text)
    if answer.status_code == 200 and found:
        return "number", found.group(0)
    refusal = re.search(r'id="pengaduan_form_errors".{0,400}', answer.text, re.S)
    return "broken", f"POST {answer.status_code}: {(refusal.group(0) if refusal else answer.text[:300])!r}"


def test_postgres_restart_during_form_submissions(restartable):
    base, cluster, name = restartable
    tag = uuid.uuid4().hex[:8]
    results, lock, stop = [], threading.Lock(), threading.Event()
    counter = iter(range(10**6))

    def citizen():
        while not stop.is_set():
            with lock:
                index = next(counter)
            outcome = submit(base, tag, index)
            with lock:
                results.append((index, *outcome))

    threads = [threading.Thread(target=citizen) for _ in range(4)]
    for thread in threads:
        thread.start()
    time.sleep(8)
    before = len(results)
    restarted = cluster.pg_ctl("-m", "fast", "restart")
    assert restarted.returncode == 0, restarted.stderr
    time.sleep(12)
    stop.set()
    for thread in threads:
        thread.join(timeout=180)

    print(f"{len(results)} submissions, {before} before the restart:",
          {kind: sum(1 for result in results if result[1] == kind) for kind in ("number", "try again", "broken")})
    broken = [result for result in results if result[1] == "broken"]
    shown = {result[2] for result in results if result[1] == "number"}
    retry = [result for result in results if result[1] == "try again"]
    assert not broken, f"{len(broken)} of {len(results)} submissions got neither a number nor the page: {broken[:5]}"
    assert all(status == 503 for _index, _kind, status in retry), retry[:5]
    assert before >= 8 and len(results) - before >= 8, "submissions before and after the restart"
    assert len(shown) + len(retry) == len(results)
    assert len(shown) >= 10, results
    # after the restart, the server takes submissions again
    assert any(kind == "number" for _index, kind, _value in results[-8:]), results[-8:]
    kept = subprocess.run(["psql", "-X", "-At", "-d", name, "-c",
                           f"SELECT number FROM pengaduan_complaint WHERE name LIKE 'Uji restart {tag} %'"],
                          env=cluster.env(), capture_output=True, text=True, check=True).stdout.split()
    assert sorted(kept) == sorted(shown), "every complaint kept was shown to its sender, and only those"
