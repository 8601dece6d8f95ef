"""What several end-to-end tests share: a free loopback port, and another Odoo server on the
test database and data directory, started the way bin/test starts its own (bin/test sets
PENGADUAN_ODOO, PENGADUAN_CONF, PENGADUAN_ADDONS_PATH and PENGADUAN_DATA_DIR)."""

import os
import socket
import subprocess


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_odoo_server(db, port, log):
    """Popen of an Odoo server (threaded, no cron) on ``db`` and loopback ``port``, its output in
    the open file ``log``, in a session of its own (so that ``os.killpg`` reaches it whole)."""
    for name in ("PENGADUAN_DATA_DIR", "PENGADUAN_ODOO", "PENGADUAN_CONF", "PENGADUAN_ADDONS_PATH"):
        assert os.environ.get(name), f"bin/test sets {name}"
    return subprocess.Popen([
        os.environ["PENGADUAN_ODOO"], "-c", os.environ["PENGADUAN_CONF"],
        f"--addons-path={os.environ['PENGADUAN_ADDONS_PATH']}", "-d", db, f"--db-filter=^{db}$",
        f"--data-dir={os.environ['PENGADUAN_DATA_DIR']}", f"--http-port={port}", "--http-interface=127.0.0.1",
        "--workers=0", "--max-cron-threads=0", "--log-level=warn"],
        stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
