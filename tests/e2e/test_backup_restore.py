"""bin/backup and bin/restore against the live test database: back it up, restore the archive
as a new database, back that one up, drop it with its filestore, restore it from its archive
alone, and find the same complaints, messages and attachments, and the same bytes of a file
attached through the server."""

import base64
import hashlib
import os
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
COUNTS = ("SELECT (SELECT count(*) FROM pengaduan_complaint), (SELECT count(*) FROM mail_message), "
          "(SELECT count(*) FROM ir_attachment)")


def run(*args):
    """A command of bin/, its last line (the archive or the database)."""
    done = subprocess.run([str(REPO / "bin" / args[0]), *args[1:]], capture_output=True, text=True, check=False)
    assert done.returncode == 0, f"{args}: {done.stderr}"
    return done.stdout.strip().splitlines()[-1]


def psql(db, query):
    return subprocess.run(["psql", "-X", "-tA", "-d", db, "-c", query], capture_output=True, text=True,
                          check=True).stdout.strip()


def dropdb(db, data_dir):
    subprocess.run(["dropdb", "--if-exists", db], check=True)
    subprocess.run(["rm", "-rf", "--", str(Path(data_dir) / "filestore" / db)], check=True)


@pytest.fixture
def data_dir():
    value = os.environ.get("PENGADUAN_DATA_DIR")
    assert value, "bin/test sets PENGADUAN_DATA_DIR (the server's data directory)"
    return value


def test_backup_drop_restore_keeps_everything(rpc, db, data_dir, tmp_path):
    content = os.urandom(4096) + b"Surat pernyataan warga"
    [complaint] = rpc.execute("pengaduan.complaint", "search", [], limit=1)
    attachment = rpc.execute("ir.attachment", "create", {
        "name": "bukti-cadangan.bin", "datas": base64.b64encode(content).decode(),
        "res_model": "pengaduan.complaint", "res_id": complaint})
    before = psql(db, COUNTS)
    restored = f"{db}_restored"
    dropdb(restored, data_dir)
    try:
        first = run("backup", db, str(tmp_path / "first"))
        assert Path(first).name.startswith(f"{db}-") and first.endswith(".tar.gz")
        assert run("restore", first, restored) == restored
        second = run("backup", restored, str(tmp_path / "second"))
        dropdb(restored, data_dir)
        assert psql("postgres", f"SELECT count(*) FROM pg_database WHERE datname = '{restored}'") == "0"
        assert run("restore", second, restored) == restored
        assert psql(restored, COUNTS) == before
        store_fname = psql(restored, f"SELECT store_fname FROM ir_attachment WHERE id = {attachment}")
        stored = (Path(data_dir) / "filestore" / restored / store_fname).read_bytes()
        assert hashlib.sha256(stored).hexdigest() == hashlib.sha256(content).hexdigest()
        # a second restore under the same name is refused and leaves the database as it was
        refused = subprocess.run([str(REPO / "bin" / "restore"), second, restored], capture_output=True, text=True,
                                 check=False)
        assert refused.returncode != 0 and "exists already" in refused.stderr
        assert psql(restored, COUNTS) == before
    finally:
        dropdb(restored, data_dir)
        rpc.execute("ir.attachment", "unlink", [attachment])
