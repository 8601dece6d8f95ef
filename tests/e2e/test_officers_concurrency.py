"""Two officers acting on the same complaint at the same moment (real server, real transactions).

Each pair of calls goes through XML-RPC as two real users, released together by a barrier: one
wins; the other gets a clear message (an Odoo warning naming the complaint or the letter, never
a serialization error or a traceback), and nothing is written twice: one answer e-mail, one
disposition, one letter number. PostgreSQL serializes the two writes of the row; Odoo retries
the loser's call, which then finds the state changed and is refused by the workflow's guard.
"""

import threading
import uuid
import xmlrpc.client

import pytest

ROUNDS = 4
# an Odoo warning (UserError, ValidationError...) over XML-RPC: its message, no traceback
RPC_FAULT_CODE_WARNING = 2
NIP = "197805122003121002"


@pytest.fixture(scope="module")
def officers(rpc):
    """Two complaint officers of the administrator's office, as (uid, password) pairs."""
    [admin] = rpc.execute("res.users", "read", [rpc.uid], fields=["company_id"])
    company_id = admin["company_id"][0]
    [group] = rpc.execute("ir.model.data", "search_read",
                          [("module", "=", "pengaduan"), ("name", "=", "group_officer")], fields=["res_id"])
    tag = uuid.uuid4().hex[:8]
    users = []
    for index in range(2):
        login = f"petugas.serentak.{tag}.{index}"
        password = f"Serentak-{tag}-{index}!"
        uid = rpc.execute("res.users", "create", {
            "name": f"Petugas Serentak {index + 1}", "login": login, "password": password,
            "company_id": company_id, "company_ids": [(6, 0, [company_id])], "lang": "en_US",
            "group_ids": [(4, group["res_id"])],
        })
        users.append((uid, password))
    return {"users": users, "company_id": company_id}


def _call(url, db, uid, password, model, method, ids, barrier, outcomes, kwargs=None):
    proxy = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/object", allow_none=True)
    barrier.wait()
    try:
        proxy.execute_kw(db, uid, password, model, method, [ids], kwargs or {})
        outcomes.append(("ok", uid, None))
    except xmlrpc.client.Fault as fault:
        outcomes.append(("refused", uid, fault))
    except Exception as error:  # noqa: BLE001 - reported by the assertions
        outcomes.append(("error", uid, error))


def _race(url, db, officers, model, method, ids_per_officer, kwargs=None):
    """Run ``model.method(ids)`` as both officers at once; their outcomes."""
    barrier = threading.Barrier(2)
    outcomes = []
    threads = [
        threading.Thread(target=_call, args=(url, db, uid, password, model, method, ids, barrier, outcomes, kwargs))
        for (uid, password), ids in zip(officers["users"], ids_per_officer, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "a call still running after 2 minutes"
    return outcomes


def _assert_one_wins(outcomes, *expected_words):
    """One call went through; the other was refused with a warning whose message has the words."""
    kinds = sorted(kind for kind, _uid, _fault in outcomes)
    assert kinds == ["ok", "refused"], outcomes
    [fault] = [fault for kind, _uid, fault in outcomes if kind == "refused"]
    assert fault.faultCode == RPC_FAULT_CODE_WARNING, f"not a clear message: {fault.faultString[:2000]}"
    message = fault.faultString
    for forbidden in ("Traceback", "serialize", "psycopg2", "concurrent update"):
        assert forbidden not in message, message
    for word in expected_words:
        assert word in message, message
    return message


def _complaint(rpc, company_id, label, state="in_progress"):
    complaint_id = rpc.execute("pengaduan.complaint", "create", {
        "name": f"Uji dua petugas {label}", "reporter_name": "Warga Uji Serentak",
        "reporter_email": f"serentak.{uuid.uuid4().hex[:8]}@warga.example", "company_id": company_id,
    })
    rpc.execute("pengaduan.complaint", "action_verify", [complaint_id])
    if state == "in_progress":
        rpc.execute("pengaduan.complaint", "action_start", [complaint_id])
    [complaint] = rpc.execute("pengaduan.complaint", "read", [complaint_id], fields=["number", "state"])
    assert complaint["state"] == state
    return complaint_id, complaint["number"]


def test_two_officers_answer_the_same_complaint(url, db, rpc, officers):
    for round_ in range(ROUNDS):
        complaint_id, number = _complaint(rpc, officers["company_id"], f"jawab {round_}")
        answer = f"Jawaban serentak {uuid.uuid4().hex}"
        rpc.execute("pengaduan.complaint", "write", [complaint_id], {"answer": f"<p>{answer}</p>"})
        outcomes = _race(url, db, officers, "pengaduan.complaint", "action_answer", [[complaint_id], [complaint_id]])
        _assert_one_wins(outcomes, number)
        [complaint] = rpc.execute("pengaduan.complaint", "read", [complaint_id],
                                  fields=["state", "resolved_date", "first_response_date"])
        assert complaint["state"] == "answered" and complaint["resolved_date"] and complaint["first_response_date"]
        sent = rpc.execute("mail.message", "search_count", [
            ("model", "=", "pengaduan.complaint"), ("res_id", "=", complaint_id), ("body", "ilike", answer)])
        assert sent == 1, f"the answer was sent {sent} times"
        changes = [value["new_value_char"] for value in rpc.execute("mail.tracking.value", "search_read", [
            ("mail_message_id.model", "=", "pengaduan.complaint"), ("mail_message_id.res_id", "=", complaint_id),
            ("field_id.name", "=", "state")], fields=["new_value_char"])]
        assert changes and len(changes) == len(set(changes)), f"each state once (answered once): {changes}"


def test_two_officers_dispose_the_same_complaint(url, db, rpc, officers):
    departments = rpc.execute("hr.department", "search_read", [("company_id", "in", [officers["company_id"], False])],
                              fields=["name"], limit=2)
    assert len(departments) == 2, "two departments to dispose to"
    for round_ in range(ROUNDS):
        complaint_id, number = _complaint(rpc, officers["company_id"], f"disposisi {round_}", state="verified")
        # each officer opens the disposition form on the complaint as it is now, then confirms
        wizard_ids = []
        for (uid, password), department in zip(officers["users"], departments, strict=True):
            proxy = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/object", allow_none=True)
            context = {"active_model": "pengaduan.complaint", "active_ids": [complaint_id]}
            wizard_ids.append(proxy.execute_kw(db, uid, password, "pengaduan.dispose.wizard", "create", [{
                "to_department_id": department["id"], "instruction": next(iter(_instructions(rpc))),
            }], {"context": context}))
        outcomes = _race(url, db, officers, "pengaduan.dispose.wizard", "action_confirm",
                         [[wizard_ids[0]], [wizard_ids[1]]])
        _assert_one_wins(outcomes, number)
        dispositions = rpc.execute("pengaduan.disposition", "search_read", [("complaint_id", "=", complaint_id)],
                                   fields=["to_department_id", "from_user_id"])
        assert len(dispositions) == 1, dispositions
        [winner] = [uid for kind, uid, _fault in outcomes if kind == "ok"]
        assert dispositions[0]["from_user_id"][0] == winner
        [complaint] = rpc.execute("pengaduan.complaint", "read", [complaint_id], fields=["state", "department_id"])
        assert complaint["state"] == "in_progress"
        assert complaint["department_id"][0] == dispositions[0]["to_department_id"][0], "the winner's routing"


def _instructions(rpc):
    fields = rpc.execute("pengaduan.dispose.wizard", "fields_get", ["instruction"], attributes=["selection"])
    return [key for key, _label in fields["instruction"]["selection"]]


def test_two_officers_sign_the_same_letter(url, db, rpc, officers):
    [admin] = rpc.execute("res.users", "read", [rpc.uid], fields=["name"])
    # the signatory is one of the two officers, so that both may press the button (the other
    # is refused by the signatory check, the same clear kind of message)
    signer_uid, _password = officers["users"][0]
    employee_id = rpc.execute("hr.employee", "create", {
        "name": f"{admin['name']} Penanda Tangan Serentak", "user_id": signer_uid,
        "company_id": officers["company_id"], "nip": NIP, "job_title": "Kepala Dinas",
    })
    numbers = []
    for round_ in range(ROUNDS):
        complaint_id, _number = _complaint(rpc, officers["company_id"], f"surat {round_}")
        letter_id = rpc.execute("pengaduan.letter", "create", {
            "complaint_id": complaint_id, "perihal": f"Jawaban serentak {round_}", "addressee": "Warga Uji",
            "body": "<p>Surat uji dua petugas.</p>", "signatory_id": employee_id,
        })
        # the same officer twice: two browser tabs of the signatory
        both = {"users": [officers["users"][0], officers["users"][0]]}
        outcomes = _race(url, db, both, "pengaduan.letter", "action_sign", [[letter_id], [letter_id]])
        message = _assert_one_wins(outcomes, "already signed")
        [letter] = rpc.execute("pengaduan.letter", "read", [letter_id], fields=["state", "number"])
        assert letter["state"] == "signed" and letter["number"], letter
        assert letter["number"] in message, "the message names the number the letter has"
        numbers.append(letter["number"])
        notes = rpc.execute("mail.message", "search_count", [
            ("model", "=", "pengaduan.complaint"), ("res_id", "=", complaint_id),
            ("body", "ilike", f"{letter['number']}")])
        assert notes == 1, f"the signature was logged {notes} times"
    assert len(set(numbers)) == len(numbers), numbers
