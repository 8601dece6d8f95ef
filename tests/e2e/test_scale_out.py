"""Two Odoo application servers on loopback behind nginx, sharing PostgreSQL and the filestore:
the public form and the backend work through nginx, both servers take requests, and when one
is killed the submissions go on through the other.

bin/test's server is the first; the test starts the second on the same database and data
directory, and an nginx of its own (Debian's nginx, `apt-get install nginx-light`)."""

import os
import re
import shutil
import signal
import subprocess
import uuid
from pathlib import Path

import pytest
import requests
from e2elib import free_port, start_odoo_server, wait_for

CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')
NUMBER_RE = re.compile(r"ADU-\d{4}-\d{6}")
NGINX_CONF = """
worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log;
events {{ worker_connections 256; }}
http {{
    log_format upstream '$upstream_addr $status $request';
    access_log {prefix}/access.log upstream;
    client_body_temp_path {prefix}/body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    upstream odoo {{ server 127.0.0.1:{first}; server 127.0.0.1:{second}; }}
    server {{
        listen 127.0.0.1:{port};
        client_max_body_size 64m;
        proxy_read_timeout 300s;
        proxy_next_upstream error timeout http_502 http_503;
        proxy_set_header Host $http_host;
        location / {{ proxy_pass http://odoo; proxy_redirect off; }}
    }}
}}
"""


@pytest.fixture
def cluster(url, db, rpc, tmp_path):
    """``(nginx URL, second server's process, nginx access log)``."""
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    assert Path(nginx).exists(), "nginx is missing: apt-get install nginx-light"
    first = int(url.rsplit(":", 1)[1])
    second = free_port()
    # the logs stay open while the processes run, and are closed at the end
    server_log = (tmp_path / "second.log").open("wb")  # noqa: SIM115
    nginx_log = (tmp_path / "nginx.stderr").open("wb")  # noqa: SIM115
    server = start_odoo_server(db, second, server_log)
    port = free_port()
    prefix = tmp_path / "nginx"
    prefix.mkdir()
    (prefix / "nginx.conf").write_text(NGINX_CONF.format(prefix=prefix, first=first, second=second, port=port))
    proxy = subprocess.Popen([nginx, "-p", str(prefix), "-c", str(prefix / "nginx.conf"), "-g", "daemon off;"],
                             stdout=subprocess.DEVNULL, stderr=nginx_log)
    Param = "ir.config_parameter"
    limit = rpc.execute(Param, "get_param", "pengaduan.form_rate_limit")
    rpc.execute(Param, "set_param", "pengaduan.form_rate_limit", "1000")
    try:
        wait_for(f"http://127.0.0.1:{second}/web/health", server)
        wait_for(f"http://127.0.0.1:{port}/web/health", proxy)
        yield f"http://127.0.0.1:{port}", server, prefix / "access.log", (first, second)
    finally:
        rpc.execute(Param, "set_param", "pengaduan.form_rate_limit", limit or "5")
        for process in (proxy, server):
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM) if process is server else process.terminate()
                process.wait(timeout=30)
        server_log.close()
        nginx_log.close()


def submit(base, tag):
    """A citizen's complaint through the form: its tracking number, or the page's failure."""
    session = requests.Session()
    page = session.get(f"{base}/pengaduan", timeout=60)
    assert page.status_code == 200, page.status_code
    answer = session.post(f"{base}/pengaduan", timeout=120, data={
        "reporter_name": "Warga Skala", "reporter_email": "warga.skala@example.com", "anonymity": "none",
        "name": f"Uji dua server {tag}", "description": "Dikirim melalui nginx.",
        "csrf_token": CSRF_RE.search(page.text).group(1)})
    assert answer.status_code == 200, answer.status_code
    found = NUMBER_RE.search(answer.text)
    assert found, answer.text[:500]
    return found.group(0)


def test_two_servers_behind_nginx(cluster, rpc, admin_credentials):
    base, second, access_log, ports = cluster
    tag = uuid.uuid4().hex[:8]
    numbers = [submit(base, tag) for _ in range(6)]
    assert len(set(numbers)) == 6
    # the backend too: a login and the web client through nginx
    login, password = admin_credentials
    session = requests.Session()
    done = session.post(f"{base}/web/session/authenticate", timeout=60, json={
        "jsonrpc": "2.0", "params": {"db": rpc.db, "login": login, "password": password}})
    assert done.json().get("result", {}).get("uid"), done.text[:300]
    assert session.get(f"{base}/odoo", timeout=60).status_code == 200
    served = access_log.read_text()
    for port in ports:
        assert f"127.0.0.1:{port}" in served, f"server on port {port} took no request"
    # one server dies: the other takes every submission
    os.killpg(second.pid, signal.SIGKILL)
    second.wait(timeout=30)
    after = [submit(base, tag) for _ in range(6)]
    assert len(set(after)) == 6
    created = rpc.execute("pengaduan.complaint", "search_read", [("name", "=", f"Uji dua server {tag}")],
                          fields=["number"])
    assert sorted(record["number"] for record in created) == sorted(numbers + after)
