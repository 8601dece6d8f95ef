"""What several end-to-end tests share: a free loopback port, waiting for a server, and another
Odoo server on the test database and data directory, started the way bin/test starts its own (bin/test sets
PENGADUAN_ODOO, PENGADUAN_CONF, PENGADUAN_ADDONS_PATH and PENGADUAN_DATA_DIR)."""

import os
import socket
import subprocess
import time

import pytest
import requests


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_odoo_server(db, port, log, data_dir=None, workers=0, extra=()):
    """Popen of an Odoo server (no cron; threaded unless ``workers``) on ``db`` and loopback
    ``port``, its output in the open file ``log``, in a session of its own (so that
    ``os.killpg`` reaches it whole). ``data_dir``: another data directory than bin/test's;
    ``extra``: more options (another database server, a gevent port)."""
    for name in ("PENGADUAN_DATA_DIR", "PENGADUAN_ODOO", "PENGADUAN_CONF", "PENGADUAN_ADDONS_PATH"):
        assert os.environ.get(name), f"bin/test sets {name}"
    return subprocess.Popen([
        os.environ["PENGADUAN_ODOO"], "-c", os.environ["PENGADUAN_CONF"],
        f"--addons-path={os.environ['PENGADUAN_ADDONS_PATH']}", "-d", db, f"--db-filter=^{db}$",
        f"--data-dir={data_dir or os.environ['PENGADUAN_DATA_DIR']}", f"--http-port={port}",
        "--http-interface=127.0.0.1", f"--workers={workers}", "--max-cron-threads=0", "--log-level=warn", *extra],
        stdout=log, stderr=subprocess.STDOUT, start_new_session=True)


def wait_for(url, process, seconds=120):
    """Wait until ``url`` answers 200, while ``process`` (the server behind it) runs."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, f"{process.args[0]} exited with {process.returncode}"
        try:
            if requests.get(url, timeout=5).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.5)
    pytest.fail(f"{url} did not answer within {seconds} s")
