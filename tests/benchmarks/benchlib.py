"""What the benchmark scripts share: logging, loading Odoo's registry, timing a block with its
SQL queries, and describing the machine and the code measured."""

import datetime as dt
import os
import platform
import re
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')
KEY_RE = re.compile(r'name="submission_key" value="([^"]+)"')


def log(msg, *args):
    print(("[bench %s] " % time.strftime("%H:%M:%S")) + (msg % args if args else msg),
          file=sys.stderr, flush=True)


def load_odoo(db, addons_path, log_level):
    import odoo  # noqa: PLC0415
    from odoo.tools import config  # noqa: PLC0415

    config.parse_config([
        "-d", db, "--addons-path", addons_path, "--log-level", log_level,
        "--max-cron-threads", "0", "--without-demo", "True",
    ], setup_logging=True)
    from odoo.modules.registry import Registry  # noqa: PLC0415

    registry = Registry(db)
    with registry.cursor() as cr:
        cr.execute("SELECT state FROM ir_module_module WHERE name = 'pengaduan'")
        row = cr.fetchone()
        if not row or row[0] != "installed":
            raise SystemExit(f"module pengaduan is not installed in database {db!r}")
    return odoo, registry


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_health(base, attempts=240):
    """Wait (0.5 s a try) until the Odoo server at ``base`` answers ``/web/health``."""
    for _ in range(attempts):
        try:
            urllib.request.urlopen(f"{base}/web/health", timeout=2)  # noqa: S310 - loopback
            return True
        except OSError:
            time.sleep(0.5)
    return False


def submit_form(base, index, timeout=60):
    """One citizen on the public form: the GET in a new session, then the POST. Returns
    ``(seconds of the POST or None, error or None)``; an answer without a tracking number is an
    error."""
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
    try:
        page = opener.open(f"{base}/pengaduan", timeout=timeout).read().decode()
        token = CSRF_RE.search(page).group(1)
        data = urllib.parse.urlencode({
            # the form's hidden fields, as a browser sends them
            "csrf_token": token, "submission_key": KEY_RE.search(page).group(1),
            "reporter_name": f"Warga Formulir {index}",
            "reporter_email": f"form{index}@example.com", "name": f"Antrean terlalu lama {index}",
            "description": "Saya menunggu lebih dari tiga jam di loket perekaman.", "anonymity": "none",
        }).encode()
        t0 = time.perf_counter()
        answer = opener.open(f"{base}/pengaduan", data=data, timeout=timeout).read().decode()
        seconds = time.perf_counter() - t0
        return seconds, None if "ADU-" in answer else "no tracking number in the answer"
    except Exception as error:  # noqa: BLE001 - counted and reported by the caller
        return None, repr(error)


class Probe:
    """Wall time and SQL queries of a block, on one cursor."""

    def __init__(self, cr):
        self.cr = cr

    def __enter__(self):
        self.queries0 = self.cr.sql_log_count
        self.t0 = time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.seconds = time.perf_counter() - self.t0
        self.queries = self.cr.sql_log_count - self.queries0


def code_version(addons_path):
    """Commit of the addon's repository, with a ``+dirty`` mark for local changes to the addon."""
    path = Path(addons_path.split(",")[0]) / "pengaduan"
    try:
        head = subprocess.run(["git", "-C", str(path), "rev-parse", "--short", "HEAD"],
                              capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(path), "status", "--porcelain", "--", "."],
                               capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return head + ("+dirty" if dirty else "")


def machine_info(odoo, registry, addons_path):
    cpu = platform.processor() or "?"
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next(line.split(":", 1)[1].strip() for line in f if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    with registry.cursor() as cr:
        cr.execute("SHOW server_version")
        pg = cr.fetchone()[0]
        cr.execute("SHOW shared_buffers")
        shared_buffers = cr.fetchone()[0]
        cr.execute("SHOW work_mem")
        work_mem = cr.fetchone()[0]
        cr.execute("SHOW max_parallel_workers_per_gather")
        parallel = cr.fetchone()[0]
    return {
        "nproc": os.cpu_count(), "cpu": cpu, "odoo": odoo.release.version,
        "code": code_version(addons_path), "postgres": pg, "python": platform.python_version(),
        "pg_settings": f"shared_buffers {shared_buffers}, work_mem {work_mem}, "
                       f"max_parallel_workers_per_gather {parallel}",
        "date": dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        "load": "%.2f %.2f %.2f" % os.getloadavg(),
    }
