"""The public form under attack, against a real server (real threads, real transactions).

A burst of parallel submissions from one address gets exactly the rate limit through; the same
filled-in form sent several times at once (a double click, a retry) makes one complaint and shows
it to each; NUL bytes and oversized values get the form back with a message. Never a server error.
"""

import re
import threading
import uuid

import pytest
import requests

LIMIT = 20
BURST = 40
CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')
KEY_RE = re.compile(r'name="submission_key" value="([^"]+)"')
NUMBER_RE = re.compile(r'class="o_pengaduan_number">([^<]+)<')
TOO_MANY = "Too many complaints were sent from your connection"


def _form_session(url):
    """A visitor's session with the csrf token of its form page."""
    session = requests.Session()
    page = session.get(f"{url}/pengaduan", timeout=60)
    assert page.status_code == 200, page.status_code
    return session, CSRF_RE.search(page.text).group(1)


def _values(token, **values):
    return {"reporter_name": "Uji Serangan", "reporter_email": "uji.serangan@example.com",
            "name": "Uji serangan", "description": "Formulir diuji.", "anonymity": "none",
            "csrf_token": token, **values}


@pytest.fixture
def form_limit(rpc):
    """The form's rate limit set to LIMIT, with no request counted yet; restored afterwards."""
    Param = "ir.config_parameter"
    before = rpc.execute(Param, "get_param", "pengaduan.form_rate_limit")

    def forget_requests():
        ids = rpc.execute("pengaduan.request.log", "search", [("kind", "=", "form")])
        if ids:
            rpc.execute("pengaduan.request.log", "unlink", ids)

    forget_requests()
    rpc.execute(Param, "set_param", "pengaduan.form_rate_limit", str(LIMIT))
    yield LIMIT
    rpc.execute(Param, "set_param", "pengaduan.form_rate_limit", before or "5")
    forget_requests()


def test_parallel_burst_gets_exactly_the_limit_through(url, rpc, form_limit):
    tag = uuid.uuid4().hex[:8]
    sessions = [_form_session(url) for _ in range(BURST)]
    barrier = threading.Barrier(BURST)
    answers, errors = [], []

    def submit(index, session, token):
        barrier.wait()
        try:
            response = session.post(f"{url}/pengaduan", timeout=120,
                                    data=_values(token, name=f"Uji serentak {tag} {index}"))
            answers.append((response.status_code, response.text))
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(repr(error))

    threads = [threading.Thread(target=submit, args=(index, session, token))
               for index, (session, token) in enumerate(sessions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=180)
    assert not errors, errors
    assert sorted(status for status, _text in answers) == [200] * BURST, [status for status, _text in answers]
    refused = [text for _status, text in answers if TOO_MANY in text]
    created = rpc.execute("pengaduan.complaint", "search_count", [("name", "like", f"Uji serentak {tag} ")])
    assert created == form_limit
    assert len(refused) == BURST - form_limit
    assert all("pengaduan_form_errors" in text for text in refused)


def test_the_same_form_sent_at_once_makes_one_complaint(url, rpc, form_limit):
    """A double click (or a browser's retry) sends one filled-in form several times at the same
    moment: one complaint, and every answer shows its number; one request of the rate limit."""
    tag, copies = uuid.uuid4().hex[:8], 4
    session = requests.Session()
    page = session.get(f"{url}/pengaduan", timeout=60).text
    data = _values(CSRF_RE.search(page).group(1), submission_key=KEY_RE.search(page).group(1),
                   name=f"Uji klik ganda {tag}")
    barrier = threading.Barrier(copies)
    answers, errors = [], []

    def submit():
        barrier.wait()
        try:
            response = session.post(f"{url}/pengaduan", data=data, timeout=120)
            answers.append((response.status_code, response.text))
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(repr(error))

    threads = [threading.Thread(target=submit) for _ in range(copies)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=180)
    assert not errors, errors
    assert [status for status, _text in answers] == [200] * copies
    numbers = {match.group(1) for _status, text in answers if (match := NUMBER_RE.search(text))}
    [complaint] = rpc.execute("pengaduan.complaint", "search_read", [("name", "=", f"Uji klik ganda {tag}")],
                              fields=["number"])
    assert numbers == {complaint["number"]}, numbers
    assert sum("o_pengaduan_resubmitted" in text for _status, text in answers) == copies - 1
    assert rpc.execute("pengaduan.request.log", "search_count", [("kind", "=", "form")]) == 1


@pytest.mark.parametrize("values, message", [
    ({"name": "Judul\x00jahat"}, "The subject contains characters that are not allowed"),
    ({"reporter_name": "\x00"}, "The name contains characters that are not allowed"),
    ({"anonymity": "none\x00"}, "The identity choice contains characters that are not allowed"),
    ({"description": "D" * 20_001}, "The description of your complaint is too long"),
    ({"description": "D" * 3_000_000}, "The description of your complaint is too long"),
    ({"reporter_email": "a" * 300 + "@example.com"}, "The e-mail address is too long"),
    ({"name": "S" * 201, "reporter_phone": "\x00"}, "The subject is too long"),
])
@pytest.mark.parametrize("multipart", [False, True], ids=["urlencoded", "multipart"])
def test_nul_and_oversize_get_a_clear_page(url, rpc, form_limit, values, message, multipart):
    session, token = _form_session(url)
    count = rpc.execute("pengaduan.complaint", "search_count", [])
    files = {"attachments": ("kk.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")} if multipart else None
    response = session.post(f"{url}/pengaduan", data=_values(token, **values), files=files, timeout=120)
    assert response.status_code == 200
    assert "pengaduan_form_errors" in response.text
    assert message in response.text
    assert "Traceback" not in response.text
    assert rpc.execute("pengaduan.complaint", "search_count", []) == count
