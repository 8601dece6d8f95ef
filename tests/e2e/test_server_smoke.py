"""Smoke tests against a running Pengaduan server (see conftest.py)."""

import json
import re
import urllib.request
import xmlrpc.client

import pytest

COMPLAINT = {
    "name": "Jalan rusak",
    "description": "<p>x</p>",
    "reporter_name": "Budi",
    "reporter_email": "budi@example.com",
}


def test_health_endpoint_answers(url):
    with urllib.request.urlopen(f"{url}/web/health", timeout=10) as resp:
        assert resp.status == 200
        assert json.loads(resp.read().decode()) == {"status": "pass"}


def test_admin_can_log_in_over_xmlrpc(url, db, admin_credentials):
    common = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/common")
    assert common.version()["server_serie"] == "19.0"
    uid = common.authenticate(db, *admin_credentials, {})
    assert isinstance(uid, int) and uid > 0


def test_complaint_created_over_xmlrpc_gets_a_number(rpc):
    complaint_id = rpc.execute("pengaduan.complaint", "create", dict(COMPLAINT))
    assert isinstance(complaint_id, int)
    [record] = rpc.execute("pengaduan.complaint", "read", [complaint_id], fields=["number", "name"])
    assert record["name"] == "Jalan rusak"
    assert re.fullmatch(r"ADU-\d{4}-\d{6}", record["number"] or ""), record["number"]


def test_complaint_with_invalid_nik_is_refused(rpc):
    # The model must exist, otherwise the Fault below would prove nothing.
    assert rpc.execute("ir.model", "search_count", [("model", "=", "pengaduan.complaint")]) == 1
    with pytest.raises(xmlrpc.client.Fault) as excinfo:
        rpc.execute("pengaduan.complaint", "create", dict(COMPLAINT, nik="123"))
    assert "nik" in excinfo.value.faultString.lower(), excinfo.value.faultString
    assert rpc.execute("pengaduan.complaint", "search_count", [("nik", "=", "123")]) == 0
