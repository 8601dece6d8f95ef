"""PostgreSQL clusters of a test's own (initdb, or pg_basebackup for a streaming standby), on
loopback ports, run as the postgres user when the test runs as root, and a copy of the test
database and its filestore in one of them. A test that restarts or stops a database server uses
these, never bin/test's PostgreSQL, whose restart would cut every other test's connections."""

import os
import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path

import pytest
from e2elib import free_port


def pg_bindir():
    found = subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True, check=False).stdout.strip()
    for candidate in [found, *sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)]:
        if candidate and (Path(candidate) / "initdb").exists():
            return Path(candidate)
    pytest.fail("PostgreSQL's server programs (initdb, pg_ctl) are missing")


class Cluster:
    """A PostgreSQL cluster on a loopback port. ``primary``: make it a hot standby streaming
    from that cluster (pg_basebackup -R) instead of a new cluster. ``settings``: lines of
    ``postgresql.conf`` (``name = value``) for this cluster."""

    def __init__(self, primary=None, settings=()):
        self.bin = pg_bindir()
        self.port = free_port()
        self.root = Path(tempfile.mkdtemp(prefix="pengaduan-pg-"))
        self.data = self.root / "data"
        self.log = self.root / "server.log"
        self.as_owner = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        self.user = os.environ.get("PGUSER") or ("root" if os.geteuid() == 0 else os.environ.get("USER", "odoo"))
        self.root.chmod(0o755)
        if self.as_owner:
            shutil.chown(self.root, "postgres")
        if primary is None:
            self.run("initdb", "-D", str(self.data), "-U", self.user, "--auth=trust", "-E", "UTF8", "--no-sync")
        else:
            # initdb's pg_hba.conf lets loopback replication connections in (trust)
            self.run("pg_basebackup", "-h", "127.0.0.1", "-p", str(primary.port), "-U", primary.user,
                     "-D", str(self.data), "-R", "-X", "stream", "--checkpoint=fast", "--no-sync")
        if settings:
            # postgresql.auto.conf is read last: these win over what pg_basebackup copied
            with (self.data / "postgresql.auto.conf").open("a") as conf:
                conf.writelines(f"{setting}\n" for setting in settings)

    def run(self, program, *args, check=True):
        return subprocess.run([*self.as_owner, str(self.bin / program), *args], capture_output=True, text=True,
                              check=check, cwd=self.root)

    def pg_ctl(self, *args):
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off"
        return self.run("pg_ctl", "-D", str(self.data), "-w", "-t", "60", "-l", str(self.log), "-o", options, *args)

    def env(self):
        return dict(os.environ, PGHOST="127.0.0.1", PGPORT=str(self.port), PGUSER=self.user)

    def psql(self, db, sql):
        """The rows of ``sql`` in ``db`` as lists of strings."""
        out = subprocess.run(["psql", "-X", "-At", "-F", "\t", "-d", db, "-c", sql], env=self.env(),
                             capture_output=True, text=True, check=True).stdout
        return [line.split("\t") for line in out.splitlines()]

    def remove(self):
        self.run("pg_ctl", "-D", str(self.data), "-m", "immediate", "stop", check=False)
        shutil.rmtree(self.root, ignore_errors=True)


def copy_database(db, cluster, prefix="copy"):
    """The test database and its filestore, copied into ``cluster``: (name, data directory)."""
    name = f"{prefix}_{uuid.uuid4().hex[:8]}"
    subprocess.run(["createdb", "-T", "template0", name], env=cluster.env(), check=True)
    dump = subprocess.Popen(["pg_dump", "-Fc", "-d", db], stdout=subprocess.PIPE)
    # pg_restore's warnings (owners, extension comments) are not failures: the count below is
    restore = subprocess.run(["pg_restore", "--no-owner", "--no-acl", "-d", name], stdin=dump.stdout,
                             env=cluster.env(), capture_output=True, text=True, check=False)
    assert dump.wait() == 0, "pg_dump of the test database failed"
    counts = subprocess.run(["psql", "-X", "-At", "-d", name, "-c", "SELECT count(*) FROM pengaduan_complaint"],
                            env=cluster.env(), capture_output=True, text=True, check=False)
    assert counts.returncode == 0 and int(counts.stdout or 0) > 0, restore.stderr[-2000:]
    data_dir = cluster.root / "odoo-data"
    source = Path(os.environ["PENGADUAN_DATA_DIR"]) / "filestore" / db
    if source.exists():
        shutil.copytree(source, data_dir / "filestore" / name)
    return name, data_dir
