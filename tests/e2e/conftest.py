"""Fixtures for the end-to-end tests, run against a live Odoo server.

bin/test starts the server on a throwaway database and sets:
    PENGADUAN_URL   base URL of the server, e.g. http://127.0.0.1:8069
    PENGADUAN_DB    database name
Optional: PENGADUAN_LOGIN / PENGADUAN_PASSWORD (default admin / admin).
"""

import os
import xmlrpc.client

import pytest


class OdooRPC:
    """Tiny XML-RPC client logged in as one user."""

    def __init__(self, url, db, login, password):
        self.url = url
        self.db = db
        self.login = login
        self.password = password
        self.common = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/common", allow_none=True)
        self.object = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/object", allow_none=True)
        self.uid = self.common.authenticate(db, login, password, {})
        if not self.uid:
            raise RuntimeError(f"XML-RPC login failed for {login!r} on database {db!r} at {url}")

    def execute(self, model, method, *args, **kwargs):
        """Call ``model.method(*args, **kwargs)`` through ``execute_kw``."""
        return self.object.execute_kw(self.db, self.uid, self.password, model, method, list(args), kwargs)

    def run_cron(self, xmlid):
        """Run a scheduled action now, as the cron worker would (the test server runs none)."""
        module, name = xmlid.split(".")
        [data] = self.execute("ir.model.data", "search_read", [("module", "=", module), ("name", "=", name)],
                              fields=["res_id"])
        self.execute("ir.cron", "method_direct_trigger", [data["res_id"]])


@pytest.fixture(scope="session")
def url():
    return os.environ.get("PENGADUAN_URL", "http://127.0.0.1:8069").rstrip("/")


@pytest.fixture(scope="session")
def db():
    return os.environ.get("PENGADUAN_DB", "pengaduan")


@pytest.fixture(scope="session")
def admin_credentials():
    return os.environ.get("PENGADUAN_LOGIN", "admin"), os.environ.get("PENGADUAN_PASSWORD", "admin")


@pytest.fixture(scope="session")
def rpc(url, db, admin_credentials):
    """XML-RPC helper logged in as the administrator."""
    login, password = admin_credentials
    return OdooRPC(url, db, login, password)
