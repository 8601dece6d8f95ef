"""Letters signed at the same moment get unique, gap-free numbers (real server, real transactions).

The signature takes the next number of a ``no_gap`` sequence under a row lock: concurrent
signatures wait or are retried by the server, and none may share a number or leave a hole.
"""

import re
import threading
import xmlrpc.client

THREADS = 4
LETTERS_PER_THREAD = 5
# a valid NIP: born 12 May 1978, civil servant since December 2003, man, serial 002
NIP = "197805122003121002"


def _number_regex(numbering):
    """Regex of the numbers of ``numbering`` (a search_read dict), capturing the sequence part."""
    regex = re.escape(numbering["pattern"])
    for placeholder, value in {
        "classification": re.escape(numbering["classification_code"]),
        "sequence": r"(?P<sequence>\d+)",
        "unit": re.escape(numbering["unit_code"]),
        "month_roman": r"(?:I|II|III|IV|V|VI|VII|VIII|IX|X|XI|XII)",
        "month": r"\d{2}",
        "year": r"(?P<year>\d{4})",
    }.items():
        regex = regex.replace(re.escape("{%s}" % placeholder), value, 1)
    return re.compile(f"^{regex}$")


def _signatory(rpc):
    """The administrator's employee, with a NIP so that the administrator may sign."""
    [user] = rpc.execute("res.users", "read", [rpc.uid], fields=["company_id", "name"])
    company_id = user["company_id"][0]
    employees = rpc.execute("hr.employee", "search_read",
                            [("user_id", "=", rpc.uid), ("company_id", "=", company_id)],
                            fields=["nip"], limit=1)
    if employees:
        employee = employees[0]
        if not employee["nip"]:
            rpc.execute("hr.employee", "write", [employee["id"]], {"nip": NIP})
        return employee["id"], company_id
    employee_id = rpc.execute("hr.employee", "create", {
        "name": user["name"], "user_id": rpc.uid, "company_id": company_id, "nip": NIP,
        "job_title": "Kepala Dinas", "pangkat_golongan": "Pembina Utama Muda (IV/c)",
    })
    return employee_id, company_id


def _sign_many(url, db, uid, password, letter_ids, barrier, errors):
    proxy = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/object", allow_none=True)
    barrier.wait()
    for letter_id in letter_ids:
        try:
            proxy.execute_kw(db, uid, password, "pengaduan.letter", "action_sign", [[letter_id]])
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(f"letter {letter_id}: {error!r}")


def test_concurrent_signatures_get_gap_free_numbers(url, db, rpc):
    employee_id, company_id = _signatory(rpc)
    [numbering] = rpc.execute("pengaduan.letter.numbering", "search_read",
                              [("document_type", "=", "answer"), ("company_id", "=", company_id)],
                              fields=["pattern", "classification_code", "unit_code"], limit=1)
    number_re = _number_regex(numbering)

    complaint_id = rpc.execute("pengaduan.complaint", "create", {
        "name": "Uji tanda tangan serentak", "reporter_name": "Uji Serentak",
        "reporter_email": "serentak@example.com", "company_id": company_id,
    })
    count = THREADS * LETTERS_PER_THREAD
    letter_ids = rpc.execute("pengaduan.letter", "create", [{
        "complaint_id": complaint_id,
        "perihal": f"Jawaban serentak {index}",
        "addressee": "Uji Serentak",
        "body": f"<p>Surat uji serentak nomor {index}.</p>",
        "signatory_id": employee_id,
    } for index in range(count)])
    drafts = rpc.execute("pengaduan.letter", "read", letter_ids, fields=["state", "number"])
    assert all(d["state"] == "draft" and not d["number"] for d in drafts), "drafts have no number"

    barrier = threading.Barrier(THREADS)
    errors = []
    threads = [
        threading.Thread(target=_sign_many, args=(url, db, rpc.uid, rpc.password,
                                                  letter_ids[index::THREADS], barrier, errors))
        for index in range(THREADS)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert not any(thread.is_alive() for thread in threads), "signatures still running after 5 minutes"
    assert not errors, errors

    letters = rpc.execute("pengaduan.letter", "read", letter_ids, fields=["state", "number", "letter_date"])
    assert all(letter["state"] == "signed" for letter in letters), letters
    numbers = [letter["number"] for letter in letters]
    assert len(set(numbers)) == count, f"duplicate letter numbers: {sorted(numbers)}"
    matches = [number_re.match(number or "") for number in numbers]
    assert all(matches), f"numbers not following the pattern {numbering['pattern']!r}: {numbers}"
    sequences = sorted(int(match["sequence"]) for match in matches)
    assert sequences == list(range(sequences[0], sequences[0] + count)), f"gap in the numbers: {sequences}"

    # and no hole in the whole year of this numbering: every number up to the last one is used
    year = letters[0]["letter_date"][:4]
    signed = rpc.execute("pengaduan.letter", "search_read",
                         [("company_id", "=", company_id), ("document_type", "=", "answer"),
                          ("state", "=", "signed"), ("letter_date", ">=", f"{year}-01-01"),
                          ("letter_date", "<=", f"{year}-12-31")], fields=["number"])
    year_sequences = sorted(
        int(match["sequence"]) for match in (number_re.match(letter["number"]) for letter in signed) if match)
    assert year_sequences == list(range(1, len(year_sequences) + 1)), f"gap in the year's numbers: {year_sequences}"
