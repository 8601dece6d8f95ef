"""The side tables of a complaint over XML-RPC, as real users logged in with a password.

Contract: followers, ratings (with their ``access_token``), messages, attachments and
activities of a complaint -- and its walk-in steps when pengaduan_dukcapil is installed --
are not listed (search, search_count, search_read, formatted_read_group) nor read by a handler
of another department, an internal user of another company or a plain internal user; a handler
of the complaint's department lists and reads them.
"""

import secrets
import xmlrpc.client

import pytest

COMPLAINT = "pengaduan.complaint"
SIDE_FIELDS = {
    "mail.followers": ["partner_id"],
    "rating.rating": ["access_token", "partner_id"],
    "mail.message": ["body", "author_id"],
    "ir.attachment": ["name", "datas"],
    "mail.activity": ["summary"],
    "pengaduan.walkin.step": ["step", "complaint_id"],
}


def _group_id(rpc, xmlid):
    module, name = xmlid.split(".")
    [data] = rpc.execute("ir.model.data", "search_read", [("module", "=", module), ("name", "=", name)],
                         fields=["res_id"])
    return data["res_id"]


def _user(rpc, url, tag, groups, company_id, department_id=None):
    """A user with a password, in ``groups``, logged in over XML-RPC."""
    login, password = f"side_{tag}_{secrets.token_hex(4)}", secrets.token_urlsafe(16)
    user_id = rpc.execute("res.users", "create", {
        "name": f"Side {tag}", "login": login, "password": password, "email": f"{login}@side.example",
        "company_id": company_id, "company_ids": [(6, 0, [company_id])],
        "group_ids": [(6, 0, [_group_id(rpc, xmlid) for xmlid in groups])],
    })
    if department_id:
        rpc.execute("hr.employee", "create", {"name": f"Side {tag}", "user_id": user_id,
                                              "department_id": department_id, "company_id": company_id})
    return type(rpc)(url, rpc.db, login, password)  # conftest.OdooRPC


@pytest.fixture(scope="module")
def world(rpc, url):
    """A verified complaint of department A with one record in each side table, and the users."""
    [admin] = rpc.execute("res.users", "read", [rpc.uid], fields=["company_id"])
    company_id = admin["company_id"][0]
    tag = secrets.token_hex(3)
    dept_a = rpc.execute("hr.department", "create", {"name": f"Side A {tag}", "company_id": company_id})
    dept_b = rpc.execute("hr.department", "create", {"name": f"Side B {tag}", "company_id": company_id})
    company_2 = rpc.execute("res.company", "create", {"name": f"Side Office 2 {tag}"})
    handler = ["base.group_user", "pengaduan.group_handler"]
    users = {
        "reader": _user(rpc, url, "reader", handler, company_id, dept_a),
        "handler_b": _user(rpc, url, "handler_b", handler, company_id, dept_b),
        "officer_2": _user(rpc, url, "officer_2", ["base.group_user", "pengaduan.group_officer"], company_2),
        "plain": _user(rpc, url, "plain", ["base.group_user"], company_id),
    }
    category = rpc.execute("pengaduan.category", "create", {
        "name": f"Side {tag}", "sla_value": 2, "sla_unit": "working_days", "department_id": dept_a})
    citizen = rpc.execute("res.partner", "create", {"name": f"Warga {tag}", "email": f"warga{tag}@side.example"})
    values = {"name": f"Side tables {tag}", "reporter_name": "Warga", "category_id": category,
              "partner_id": citizen, "company_id": company_id}
    walkin = rpc.execute("ir.model.data", "search_read",
                         [("module", "=", "pengaduan"), ("name", "=", "channel_walkin")], fields=["res_id"])
    if walkin:
        values["channel_id"] = walkin[0]["res_id"]
    complaint = rpc.execute(COMPLAINT, "create", values)
    rpc.execute(COMPLAINT, "action_verify", [complaint])  # it reaches department A's Bidang
    rpc.execute(COMPLAINT, "message_subscribe", [complaint], partner_ids=[citizen])
    rpc.execute(COMPLAINT, "message_post", [complaint], body="Catatan internal", message_type="comment",
                subtype_xmlid="mail.mt_note")
    rpc.execute("ir.attachment", "create", {"name": "ktp.pdf", "datas": "S1RQ", "res_model": COMPLAINT,
                                            "res_id": complaint})
    rpc.execute(COMPLAINT, "activity_schedule", [complaint], "mail.mail_activity_data_todo",
                summary="Hubungi pelapor", user_id=rpc.uid)
    model_id = rpc.execute("ir.model", "search", [("model", "=", COMPLAINT)])[0]
    rpc.execute("rating.rating", "create", {"res_model_id": model_id, "res_id": complaint, "partner_id": citizen})

    side = {}
    for model in SIDE_FIELDS:
        if not rpc.execute("ir.model", "search_count", [("model", "=", model)]):
            continue  # pengaduan_dukcapil not installed
        if model == "pengaduan.walkin.step":
            domain = [("complaint_id", "=", complaint)]
        else:
            domain = [("model" if model == "mail.message" else "res_model", "=", COMPLAINT),
                      ("res_id", "=", complaint)]
        side[model] = rpc.execute(model, "search", domain)
        assert side[model], f"the fixture made no {model}"
    return {"complaint": complaint, "side": side, "users": users}


def _listings(client, model, ids):
    domain = [("id", "in", ids)]
    return {
        "search": len(client.execute(model, "search", domain)),
        "search_count": client.execute(model, "search_count", domain),
        "search_read": len(client.execute(model, "search_read", domain, fields=SIDE_FIELDS[model])),
        "formatted_read_group": client.execute(model, "formatted_read_group", domain, [], ["__count"])[0]["__count"],
    }


@pytest.mark.parametrize("outsider", ["handler_b", "officer_2", "plain"])
def test_outsiders_neither_list_nor_read_the_side_tables(world, outsider):
    client = world["users"][outsider]
    with pytest.raises(xmlrpc.client.Fault):
        client.execute(COMPLAINT, "read", [world["complaint"]], fields=["name"])
    for model, ids in world["side"].items():
        try:
            found = _listings(client, model, ids)
        except xmlrpc.client.Fault as fault:  # no access rights at all on the model
            assert "AccessError" in fault.faultString or "not allowed" in fault.faultString, fault.faultString
            found = {}
        assert not any(found.values()), (outsider, model, found)
        with pytest.raises(xmlrpc.client.Fault):
            client.execute(model, "read", ids, fields=SIDE_FIELDS[model])
    tokens = world["users"]["reader"].execute("rating.rating", "read", world["side"]["rating.rating"],
                                              fields=["access_token"])
    try:
        leaked = client.execute("rating.rating", "search", [("access_token", "=", tokens[0]["access_token"])])
    except xmlrpc.client.Fault:
        leaked = []
    assert not leaked


def test_reader_of_the_complaint_lists_and_reads_the_side_tables(world):
    client = world["users"]["reader"]
    [complaint] = client.execute(COMPLAINT, "read", [world["complaint"]], fields=["message_follower_ids"])
    assert sorted(complaint["message_follower_ids"]) == sorted(world["side"]["mail.followers"])
    for model, ids in world["side"].items():
        found = _listings(client, model, ids)
        assert set(found.values()) == {len(ids)}, (model, found)
        assert len(client.execute(model, "read", ids, fields=SIDE_FIELDS[model])) == len(ids)
    [rating] = client.execute("rating.rating", "read", world["side"]["rating.rating"], fields=["access_token"])
    assert rating["access_token"]
