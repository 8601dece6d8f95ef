"""Trust probes over XML-RPC against the running server, as real users with a password.

Contract: no context key unlocks a workflow field (state, number, SLA, deadlines, token,
company, routing); a signed letter is frozen; the identity of an anonymous complaint comes
out of no read, group or search of a head or a handler, and its officer's reading is logged.
"""

import secrets
import xmlrpc.client

import pytest
from test_side_tables_rpc import _group_id, _user  # tests/e2e is on sys.path (no package)

COMPLAINT = "pengaduan.complaint"
NAME = "Rahmawati Saksi Rahasia"
EMAIL = "rahmawati.saksi@warga.example"
NIK = "3174051508900001"


def _leaks(value):
    text = repr(value).lower()
    return [needle for needle in ("rahmawati", EMAIL, NIK) if needle in text]


@pytest.fixture(scope="module")
def trust(rpc, url):
    [admin] = rpc.execute("res.users", "read", [rpc.uid], fields=["company_id"])
    company_id = admin["company_id"][0]
    tag = secrets.token_hex(3)
    dept = rpc.execute("hr.department", "create", {"name": f"Trust {tag}", "company_id": company_id})
    users = {
        "handler": _user(rpc, url, "t_handler", ["base.group_user", "pengaduan.group_handler"], company_id, dept),
        "head": _user(rpc, url, "t_head", ["base.group_user", "pengaduan.group_head"], company_id),
        "officer": _user(rpc, url, "t_officer", ["base.group_user", "pengaduan.group_officer"], company_id),
    }
    category = rpc.execute("pengaduan.category", "create", {
        "name": f"Trust {tag}", "sla_value": 2, "sla_unit": "working_days", "department_id": dept})
    partner = rpc.execute("res.partner", "create", {"name": NAME, "email": EMAIL})
    officer = users["officer"]
    anonymous = officer.execute(COMPLAINT, "create", {
        "name": f"Pungli {tag}", "category_id": category, "anonymity": "anonim", "partner_id": partner,
        "reporter_name": NAME, "reporter_email": EMAIL, "nik": NIK})
    open_one = officer.execute(COMPLAINT, "create", {"name": f"Biasa {tag}", "category_id": category,
                                                     "reporter_name": "Warga Biasa"})
    # a Bidang sees a complaint once the officer has verified it (it has reached the Bidang)
    officer.execute(COMPLAINT, "action_verify", [open_one, anonymous])
    return {"users": users, "anonymous": anonymous, "open": open_one, "partner": partner}


FORGED = [
    {"state": "closed"}, {"number": "ADU-2026-999999"}, {"sla_state": "met"}, {"escalation_level": 0},
    {"response_deadline": "2030-01-01 00:00:00"}, {"resolution_deadline": "2030-01-01 00:00:00"},
    {"access_token": "forged"}, {"rating_last_value": 5}, {"acknowledgement_due": True},
]


@pytest.mark.parametrize("context", [{}, {"pengaduan_transition": True}, {"dpmptsp_chain": True}])
@pytest.mark.parametrize("who", ["handler", "head"])
def test_no_context_key_writes_a_workflow_field(rpc, trust, who, context):
    user = trust["users"][who]
    [before] = rpc.execute(COMPLAINT, "read", [trust["open"]], fields=["state", "number", "access_token"])
    for vals in FORGED:
        with pytest.raises(xmlrpc.client.Fault):
            user.execute(COMPLAINT, "write", [trust["open"]], vals, context=context)
    [after] = rpc.execute(COMPLAINT, "read", [trust["open"]], fields=["state", "number", "access_token"])
    assert after == before


@pytest.mark.parametrize("who", ["handler", "head"])
def test_anonymous_identity_over_rpc(trust, who):
    user = trust["users"][who]
    ids = [trust["anonymous"]]
    fields = ["partner_id", "reporter_name", "reporter_email", "reporter_salutation", "message_partner_ids",
              "message_follower_ids", "display_name"]
    assert not _leaks(user.execute(COMPLAINT, "read", ids, fields=fields))
    for groupby in ("partner_id", "reporter_name", "reporter_email", "partner_id.email"):
        groups = user.execute(COMPLAINT, "formatted_read_group", [("id", "in", ids)], [groupby], ["__count"])
        assert groups and not _leaks(groups), groupby
    for condition in (("message_partner_ids", "in", [trust["partner"]]),
                      ("message_follower_ids.partner_id", "in", [trust["partner"]]),
                      ("reporter_email", "=", EMAIL), ("partner_id", "=", trust["partner"])):
        assert user.execute(COMPLAINT, "search_count", [("id", "in", ids), condition]) == 0, condition
    with pytest.raises(xmlrpc.client.Fault):
        user.execute(COMPLAINT, "read", ids, fields=["nik"])
    with pytest.raises(xmlrpc.client.Fault):
        user.execute(COMPLAINT, "write", ids, {"anonymity": "none"})
    with pytest.raises(xmlrpc.client.Fault):
        user.execute(COMPLAINT, "read", ids, fields=["identity_id"])


def test_officer_reading_the_identity_is_logged(rpc, trust):
    officer = trust["users"]["officer"]
    [complaint] = officer.execute(COMPLAINT, "read", [trust["anonymous"]], fields=["identity_id"])
    before = rpc.execute("pengaduan.identity.log", "search_count",
                         [("complaint_id", "=", trust["anonymous"]), ("action", "=", "view")])
    [identity] = officer.execute("pengaduan.identity", "read", [complaint["identity_id"][0]], fields=["name"])
    assert identity["name"] == NAME
    after = rpc.execute("pengaduan.identity.log", "search_count",
                        [("complaint_id", "=", trust["anonymous"]), ("action", "=", "view")])
    assert after == before + 1
    [log] = rpc.execute("pengaduan.identity.log", "search", [("complaint_id", "=", trust["anonymous"])], limit=1)
    with pytest.raises(xmlrpc.client.Fault):
        rpc.execute("pengaduan.identity.log", "write", [log], {"reason": "diubah"})
    assert _group_id(rpc, "pengaduan.group_officer")
