"""Generated inputs for the two doors the public has: the e-mail gateway and the web form.

Bounded, reproducible runs of hypothesis (``derandomize``: the same examples at every run, so
that a failure in CI fails again on a laptop). The properties:

- the gateway: any message to the office address, whatever its sender, subject, body,
  charset, attachments or threading headers, becomes exactly one complaint holding the
  message (its Message-Id) with no unhandled exception; an automatic reply is kept out of the
  desk and never answered;
- the form: any set of posted values gets a page, never an error page; either the page shows
  the tracking number of exactly one new complaint holding what was typed, or it lists the
  refusals in the visitor's language and nothing was created.
"""

import re
import uuid
from collections import Counter
from email.header import Header
from email.message import EmailMessage
from email.policy import SMTP

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from odoo.addons.mail.tests.common import MailCommon

FUZZ = settings(max_examples=60, deadline=None, derandomize=True, database=None, print_blob=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
GATEWAY_LOGGERS = ("odoo.addons.mail.models.mail_thread", "odoo.addons.mail.models.mail_mail",
                   "odoo.addons.pengaduan.models.pengaduan_complaint_intake")

# any text, control characters, right-to-left marks and astral planes included; no surrogates
# (e-mail and HTTP carry bytes of an encoding, where a lone surrogate cannot exist)
any_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=300)
indonesian = st.sampled_from(["Pelayanan KTP-el lambat", "Akta kelahiran belum terbit", "Antrean", "",
                              "Re: ADU-2026-000001", "Fwd: keluhan", "=?utf-8?q?bad?=", "  "])
local_part = st.from_regex(r"[a-z0-9][a-z0-9._+-]{0,20}", fullmatch=True)
domains = st.sampled_from(["example.com", "mail.example", "xn--bcher-kva.example", "sub.domain.example"])
REFUSALS = {"id_ID": "Pengaduan Anda tidak dapat dikirim", "en_US": "Your complaint could not be sent"}
addresses = st.builds(lambda local, domain: f"{local}@{domain}", local_part, domains)
charsets = st.sampled_from(["utf-8", "iso-8859-1", "windows-1252", "us-ascii", "utf-16"])


def message_id_of(text):
    """A Message-Id-like value (``In-Reply-To``) of any text: no spaces nor angle brackets."""
    return "<" + re.sub(r"[\s<>]", "", text)[:80] + ">"


@st.composite
def messages(draw):
    """(headers and parts, the marks of an automatic reply) of one message."""
    name = draw(st.one_of(any_text, st.just(""), indonesian))
    address = draw(st.one_of(addresses,
                             st.sampled_from(["", "not-an-address", "a@", "@b.example", "a@b@c.example"])))
    return {
        "name": name,
        "address": address,
        "subject": draw(st.one_of(any_text, indonesian)),
        "body": draw(any_text),
        "html": draw(st.booleans()),
        "charset": draw(charsets),
        "attachments": draw(st.lists(st.tuples(any_text.map(lambda s: s.replace("/", "")[:60] or "x"),
                                               st.binary(max_size=2000),
                                               st.sampled_from(["application/pdf", "image/png",
                                                                "application/octet-stream", "text/plain"])),
                                     max_size=2)),
        "in_reply_to": draw(st.one_of(st.none(), any_text.map(message_id_of))),
        "date": draw(st.sampled_from([None, "Mon, 02 Feb 2026 09:15:00 +0700", "yesterday",
                                      "Thu, 01 Jan 1970 00:00:00 +0000", "Fri, 31 Dec 9999 23:59:59 +1400"])),
        "auto": draw(st.sampled_from([None, None, None, ("Auto-Submitted", "auto-replied"),
                                      ("Precedence", "bulk"), ("X-Autoreply", "yes")])),
    }


def header(value):
    """``value`` as one header line: line breaks of any kind made spaces, non-ASCII text as an
    RFC 2047 encoded word."""
    value = " ".join(value.splitlines())
    try:
        value.encode("ascii")
    except UnicodeEncodeError:
        return Header(value, "utf-8").encode()
    return value


def build(spec, to, message_id):
    """The raw message of ``spec``: its headers written by hand (whatever a sender's program
    may write), its body and attachments by Python's e-mail package."""
    name = header(spec["name"])
    if name and not name.startswith("=?"):
        name = '"' + name.replace("\\", "").replace('"', "") + '"'
    lines = [f"From: {name} <{spec['address']}>" if name else f"From: {spec['address']}",
             f"To: {to}", f"Subject: {header(spec['subject'])}", f"Message-ID: {message_id}"]
    if spec["date"]:
        lines.append(f"Date: {spec['date']}")
    if spec["in_reply_to"]:
        lines.append(f"In-Reply-To: {header(spec['in_reply_to'])}")
    if spec["auto"]:
        lines.append(": ".join(spec["auto"]))
    body = EmailMessage(policy=SMTP)
    try:
        spec["body"].encode(spec["charset"])
        charset = spec["charset"]
    except UnicodeEncodeError:
        charset = "utf-8"
    body.set_content(spec["body"], subtype="html" if spec["html"] else "plain", charset=charset)
    for filename, data, mimetype in spec["attachments"]:
        maintype, subtype = mimetype.split("/")
        body.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
    return ("\r\n".join(lines) + "\r\n").encode() + body.as_bytes()


@tagged("post_install", "-at_install", "pengaduan_fuzz")
class TestFuzzGateway(MailCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.alias_email = cls.company_admin.pengaduan_alias_id.alias_full_name
        cls.Complaint = cls.env["pengaduan.complaint"]

    def test_every_message_becomes_one_complaint(self):
        outcomes = Counter()

        @FUZZ
        @given(spec=messages())
        def deliver(spec):
            message_id = f"<{uuid.uuid4().hex}@fuzz.example>"
            raw = build(spec, self.alias_email, message_id)
            before = self.Complaint.search_count([])
            with self.mock_mail_gateway(), mute_logger(*GATEWAY_LOGGERS), self.env.cr.savepoint():
                thread_id = self.env["mail.thread"].sudo().message_process(None, raw)
                self.Complaint._cron_send_acknowledgements()
                message = self.env["mail.message"].sudo().search([("message_id", "=", message_id)])
                self.assertEqual(self.Complaint.search_count([]) - before, 1, "one complaint per message")
                complaint = self.Complaint.browse(thread_id)
                self.assertEqual((message.model, message.res_id), (complaint._name, complaint.id),
                                 "the message is on its complaint")
                self.assertTrue(complaint.number and complaint.number != "/")
                self.assertTrue(complaint.name, "a complaint always has a subject")
                answered = [mail for mail in self._new_mails if "@" in spec["address"] and spec["address"].lower() in
                            " ".join([mail.email_to or "", *mail.recipient_ids.mapped("email")]).lower()]
                if spec["auto"]:
                    # registered all the same (nothing is lost), never answered (no mail loop)
                    self.assertFalse(answered, "an automatic message is never answered")
                outcomes["automatic" if spec["auto"] else "answered" if answered else "registered"] += 1

        deliver()  # hypothesis provides the values  # pylint: disable=no-value-for-parameter
        self.assertGreater(outcomes["automatic"], 3, outcomes)
        self.assertGreater(outcomes["answered"], 3, outcomes)


printable = st.text(st.characters(categories=("L", "N", "P", "Zs")), min_size=1, max_size=120)
# internal fields a forged post may add: never taken
forged = {"state": st.just("closed"), "company_id": st.just("2"), "user_id": st.just("2")}
# what a citizen may type: mostly accepted
plausible_form = st.fixed_dictionaries({
    "reporter_name": printable, "reporter_email": addresses,
    "name": printable, "description": printable, "statement_true": st.just("on"),
}, optional={
    "reporter_phone": st.from_regex(r"(\+62|0)8[0-9]{8,11}", fullmatch=True),
    "anonymity": st.sampled_from(["none", "anonim", "rahasia"]), **forged,
})
# anything at all in any field
any_form = st.fixed_dictionaries({}, optional={
    "reporter_name": any_text,
    "reporter_email": st.one_of(any_text, addresses),
    "reporter_phone": st.one_of(any_text, st.from_regex(r"(\+62|0)8[0-9 -]{8,14}", fullmatch=True)),
    "nik": st.one_of(any_text, st.from_regex(r"[0-9]{16}", fullmatch=True)),
    "category_id": st.one_of(any_text, st.integers(-5, 10**12).map(str)),
    "name": st.one_of(any_text, st.text(min_size=201, max_size=260), indonesian),
    "description": st.one_of(any_text, st.text(min_size=1, max_size=40)),
    "anonymity": st.one_of(st.sampled_from(["none", "anonim", "rahasia"]), any_text),
    "statement_true": st.sampled_from(["on", "1", "", "x" * 17]),
    # the form's hidden key: anything, or a well-formed key the page did not give
    "submission_key": st.one_of(any_text, st.from_regex(r"[A-Za-z0-9_-]{20,64}", fullmatch=True)), **forged,
})
form_values = st.one_of(plausible_form, any_form)


@tagged("post_install", "-at_install", "pengaduan_fuzz")
class TestFuzzForm(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].set_param("pengaduan.form_rate_limit", "100000")
        cls.Complaint = cls.env["pengaduan.complaint"]
        cls.category = cls.env["pengaduan.category"].search([("company_id", "in", [False, cls.env.company.id])],
                                                            limit=1)

    def form_page(self):
        """The csrf token and the submission key of a new form page."""
        page = self.url_open("/pengaduan").text
        return (re.search(r'name="csrf_token" value="([^"]+)"', page).group(1),
                re.search(r'name="submission_key" value="([^"]+)"', page).group(1))

    def test_every_submission_gets_a_number_or_its_refusals(self):
        lang = self.env["res.lang"]._activate_lang("id_ID")
        self.env["ir.module.module"]._load_module_terms(["pengaduan"], ["id_ID"])
        self.env.ref("website.default_website").language_ids |= lang
        urls = {"id_ID": f"/{lang.url_code}/pengaduan", "en_US": "/pengaduan"}
        outcomes = Counter()
        made = {}  # submission key -> the number of the complaint made with it

        @FUZZ
        @given(values=form_values, lang=st.sampled_from(["id_ID", "en_US"]))
        def submit(values, lang):
            before = self.Complaint.search([]).ids
            self.opener.cookies.clear()
            token, key = self.form_page()
            data = {"submission_key": key, **values, "csrf_token": token}
            response = self.url_open(urls[lang], data=data, allow_redirects=False)
            self.assertEqual(response.status_code, 200, response.text[:500])
            self.assertNotIn("Traceback", response.text)
            created = self.Complaint.sudo().search([("id", "not in", before)])
            if data["submission_key"] in made:
                # hypothesis sends an example again: the form it stands for was sent already
                self.assertFalse(created, "a form sent again makes no second complaint")
                self.assertIn(made[data["submission_key"]], response.text)
                outcomes["sent again"] += 1
                return
            if "pengaduan_form_errors" in response.text:
                self.assertFalse(created, "a refused submission creates nothing")
                self.assertRegex(response.text, REFUSALS[lang], "the refusal is in the visitor's language")
                outcomes["refused"] += 1
                return
            self.assertEqual(len(created), 1, "one complaint per submission")
            self.assertIn(created.number, response.text, "the page shows its tracking number")
            self.assertEqual(created.name, data["name"].strip(), "the subject as typed")
            self.assertEqual(created.state, "new", "the public sets no state")
            self.assertEqual(created.company_id, self.env.company, "the public chooses no office")
            if created.sudo().public_submission_key:
                made[created.sudo().public_submission_key] = created.number
            outcomes["accepted"] += 1

        submit()  # hypothesis provides the values  # pylint: disable=no-value-for-parameter
        self.assertGreater(outcomes["accepted"], 3, outcomes)
        self.assertGreater(outcomes["refused"], 3, outcomes)
