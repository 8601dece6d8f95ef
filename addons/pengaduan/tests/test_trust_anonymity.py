"""Anonymity as data: an anonymous complaint holds no identity that a handler or a head can
reach by any generic path, because the identity is not there (it is in ``pengaduan.identity``,
readable by complaint officers only, each reading logged).

The walk (``test_walk_every_field``) reads, searches, groups, aggregates and exports every
field of the complaint and of its side tables as a handler and as a head and fails if any
identity value appears: a field added later cannot leak without failing it. The HTTP probes
(JSON-RPC of the web client and the chatter's routes) are in ``TestTrustAnonymityHttp``.
"""
import json
import re
from email.message import EmailMessage
from email.utils import make_msgid

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from odoo.addons.mail.tests.common import MockEmail

from .common import PengaduanCase, wib

NAME = "Siti Rahmawati Pelapor"
EMAIL = "siti.rahmawati@warga.example"
PHONE = "+62 812 3456 7890"
NIK = "3174051508900001"
# what must never appear (lower case; the phone also as digits). The bare mail domain of the
# complainant's provider is no identity (the Message-Id of their e-mails, kept for threading,
# names it): the address and the name are
NEEDLES = ("rahmawati", "siti.rahmawati", NIK, "3456 7890")
PHONE_DIGITS = "81234567890"
SIDE_MODELS = {
    # model: domain on the complaints' ids
    "pengaduan.disposition": lambda ids: [("complaint_id", "in", ids)],
    "pengaduan.letter": lambda ids: [("complaint_id", "in", ids)],
    "mail.message": lambda ids: [("model", "=", "pengaduan.complaint"), ("res_id", "in", ids)],
    "mail.followers": lambda ids: [("res_model", "=", "pengaduan.complaint"), ("res_id", "in", ids)],
    "mail.notification": lambda ids: [("mail_message_id.model", "=", "pengaduan.complaint"),
                                      ("mail_message_id.res_id", "in", ids)],
    "mail.tracking.value": lambda ids: [("mail_message_id.model", "=", "pengaduan.complaint"),
                                        ("mail_message_id.res_id", "in", ids)],
    "mail.activity": lambda ids: [("res_model", "=", "pengaduan.complaint"), ("res_id", "in", ids)],
    "rating.rating": lambda ids: [("res_model", "=", "pengaduan.complaint"), ("res_id", "in", ids)],
    "ir.attachment": lambda ids: [("res_model", "=", "pengaduan.complaint"), ("res_id", "in", ids)],
    # agency addons, when installed
    "pengaduan.walkin.step": lambda ids: [("complaint_id", "in", ids)],
    "pengaduan.document": lambda ids: [("complaint_id", "in", ids)],
    "pengaduan.dpmptsp.step": lambda ids: [("complaint_id", "in", ids)],
}


def _without_own_ids(value, top=True):
    """``value`` without the ids of the records read themselves (the "id" of each row of a
    read, the domains of groups): compared with a partner id, a complaint's or a message's id
    that happens to be the same number is no leak."""
    if isinstance(value, dict):
        return {key: _without_own_ids(item, top=False) for key, item in value.items()
                if key not in ("__domain", "__extra_domain")}
    if isinstance(value, (list, tuple)):
        return [{key: _without_own_ids(v, top=False) for key, v in item.items()
                 if key not in ("id", "__domain", "__extra_domain")}
                if top and isinstance(item, dict) else _without_own_ids(item, top=False) for item in value]
    return value


def leaks(value, partner_ids=()):
    """The identity values found in ``value`` (any structure of read/group/export results)."""
    text = json.dumps(value, default=str).lower()
    found = [needle for needle in NEEDLES if needle.lower() in text]
    if PHONE_DIGITS in re.sub(r"\D", "", text.replace(NIK, "")):
        found.append("phone digits")
    ids_text = json.dumps(_without_own_ids(value), default=str) if partner_ids else ""
    for partner_id in partner_ids:
        # a many2one is read as [id, name] and grouped as [id, name]
        if re.search(rf"\[{partner_id}, ", ids_text) or re.search(rf'"id": {partner_id}\b', ids_text):
            found.append(f"partner id {partner_id}")
    return found


class AnonymityCase(PengaduanCase):
    """One complaint received by e-mail and made anonymous afterwards (its opening e-mail,
    follower and tracking held the identity), then answered by the complainant's own e-mail;
    one registered anonymous from the start by an officer."""

    def setUp(self):
        super().setUp()
        self.real = self.env["res.partner"].create({"name": NAME, "email": EMAIL, "phone": PHONE})
        alias = self.company.pengaduan_alias_id
        self.assertTrue(alias.alias_full_name, "the company's complaint alias")
        self.alias_email = alias.alias_full_name
        with self.at(wib(2026, 11, 23, 9)):
            thread_id = self.env["mail.thread"].message_process(
                "pengaduan.complaint", self.mail("Pungutan liar di loket", "<p>Ada pungli di loket 3.</p>"))
        self.by_mail = self.Complaint.browse(thread_id)
        self.assertEqual(self.by_mail.partner_id, self.real, "linked to the sender's contact at first")
        self.by_mail.department_id = self.dept_a
        with self.at(wib(2026, 11, 23, 9, 30)):
            self.by_mail.with_user(self.officer).write({"anonymity": "anonim"})
            self.by_mail.with_user(self.officer).action_verify()
            self.by_mail.with_user(self.staff_a).action_start()
        # the complainant writes again, from the real mailbox
        first = self.by_mail.sudo().message_ids.filtered(lambda m: m.message_type == "email")[-1:]
        self.assertTrue(first)
        with self.at(wib(2026, 11, 23, 10)):
            self.env["mail.thread"].message_process(
                "pengaduan.complaint",
                self.mail("Re: Pungutan liar", "<p>Tambahan: terjadi lagi hari ini.</p>",
                          in_reply_to=first.message_id))
        self.registered = self.receive(
            wib(2026, 11, 23, 9), anonymity="anonim", partner_id=self.real.id, reporter_name=NAME,
            reporter_email=EMAIL, reporter_phone=PHONE, nik=NIK, description="<p>Laporan suap.</p>")
        with self.at(wib(2026, 11, 23, 9, 30)):
            self.registered.with_user(self.officer).action_verify()  # it reaches the Bidang
        self.complaints = self.by_mail | self.registered

    def mail(self, subject, body, in_reply_to=None):
        message = EmailMessage()
        message["From"] = f'"{NAME}" <{EMAIL}>'
        message["To"] = self.alias_email
        message["Subject"] = subject
        message["Message-Id"] = make_msgid(domain="warga.example")
        message["Date"] = "Mon, 23 Nov 2026 09:00:00 +0700"
        if in_reply_to:
            message["In-Reply-To"] = in_reply_to
            message["References"] = in_reply_to
        message.set_content(re.sub("<[^>]+>", "", body))
        message.add_alternative(body, subtype="html")
        return message.as_bytes()


@tagged("post_install", "-at_install")
class TestTrustAnonymity(AnonymityCase, MockEmail):

    def test_identity_not_on_the_complaint_nor_its_side_tables(self):
        for complaint in self.complaints:
            sudo = complaint.sudo()
            self.assertTrue(sudo.identity_id)
            self.assertEqual(sudo.identity_id.name, NAME)
            self.assertEqual(sudo.identity_id.email, EMAIL)
            self.assertEqual(sudo.identity_id.partner_id, self.real)
            self.assertFalse(sudo.reporter_email or sudo.reporter_phone or sudo.nik)
            self.assertNotEqual(sudo.partner_id, self.real)
            self.assertTrue(sudo.partner_id.email.endswith("@pelapor.invalid"), "a pseudonym")
            self.assertNotIn(self.real, sudo.message_partner_ids)
            stored = sudo.message_ids.read(["author_id", "email_from", "reply_to", "partner_ids",
                                            "incoming_email_to", "incoming_email_cc", "record_name", "subject"])
            self.assertFalse(leaks(stored, self.real.ids), stored)
            self.assertFalse(sudo.message_ids.tracking_value_ids.filtered(
                lambda t: t.field_id.name in ("partner_id", "reporter_name", "reporter_email")))
        # the complainant's own reply is in the chatter, under the pseudonym
        reply = self.by_mail.sudo().message_ids.filtered(lambda m: "terjadi lagi" in (m.body or ""))
        self.assertEqual(len(reply), 1)
        self.assertEqual(reply.author_id, self.by_mail.sudo().partner_id)
        self.assertFalse(reply.is_internal, "the complainant's message, not an unknown sender's note")

    def test_salutation_and_nik_derivatives(self):
        for user in (self.staff_a, self.head):
            values = self.registered.with_user(user).read(["reporter_salutation", "nik_masked"])[0]
            self.assertNotIn("Rahmawati", values["reporter_salutation"])
            self.assertFalse(values["nik_masked"], "no NIK on the complaint")
            with self.assertRaises(AccessError):
                self.registered.with_user(user).read(["nik"])
            with self.assertRaises(AccessError):
                self.registered.with_user(user).read(["identity_id"])
            with self.assertRaises(AccessError):
                self.registered.sudo().identity_id.with_user(user).read(["name"])

    def test_walk_every_field(self):
        """Every field of the complaint and its side tables, as a handler and as a head:
        read, search, group by, array_agg and export; no identity value comes out."""
        checked = 0
        for user in (self.staff_a, self.head):
            # with the right to export, so that the export is walked too
            user.sudo().group_ids = [(4, self.env.ref("base.group_allow_export").id)]
            models = {"pengaduan.complaint": [("id", "in", self.complaints.ids)]}
            models.update({name: domain(self.complaints.ids) for name, domain in SIDE_MODELS.items()
                           if name in self.env})
            for model_name, domain in models.items():
                Model = self.env[model_name].with_user(user)
                if not Model.has_access("read"):
                    continue  # refused outright: nothing to leak
                fields = Model.fields_get(attributes=["type", "relation", "store", "searchable"])
                for fname, info in fields.items():
                    if info["type"] in ("binary", "properties", "properties_definition", "json"):
                        continue
                    with self.subTest(user=user.login, model=model_name, field=fname):
                        checked += self._walk_field(Model, domain, fname, info)
                # export of all the fields at once (what the list view's export does)
                names = [f for f, info in fields.items() if info["type"] not in ("binary", "properties",
                                                                                  "properties_definition", "json")]
                try:
                    rows = Model.search(domain).export_data(names)["datas"]
                except UserError:
                    rows = []
                self.assertFalse(leaks(rows), f"export of {model_name} by {user.login}")
        self.assertGreater(checked, 500, "the walk went through the fields")

    def _walk_field(self, Model, domain, fname, info):
        context = f"{Model._name}.{fname} by {Model.env.user.login}"
        partner_ids = self.real.ids if info.get("relation") == "res.partner" else ()
        # read
        try:
            values = Model.search_read(domain, [fname])
        except AccessError:
            return 1
        self.assertFalse(leaks(values, partner_ids), f"read {context}")
        count = 1
        # search: the field and, for a relation, its identifying sub-fields; no match may exist
        conditions = []
        if not info.get("searchable"):
            pass
        elif info["type"] in ("char", "text", "html"):
            conditions += [(fname, "ilike", needle) for needle in ("rahmawati", "siti.rahmawati", NIK, "3456")]
        elif info["type"] in ("many2one", "one2many", "many2many"):
            conditions += [(fname, "ilike", "rahmawati")]
            comodel = Model.env[info["relation"]]
            if info["relation"] == "res.partner":
                conditions += [(fname, "in", self.real.ids)]
            for sub in ("name", "email", "email_from", "email_normalized", "phone", "author_id", "partner_id"):
                field = comodel._fields.get(sub)
                if not field:
                    continue
                if field.type == "many2one" and field.comodel_name == "res.partner":
                    conditions.append((f"{fname}.{sub}", "in", self.real.ids))
                elif field.type == "char":
                    conditions += [(f"{fname}.{sub}", "ilike", "rahmawati"), (f"{fname}.{sub}", "ilike", "3456")]
        for condition in conditions:
            try:
                found = Model.search_count([*domain, condition])
            except (UserError, ValueError):  # refused (no access, unsupported operator): no answer
                continue
            count += 1
            self.assertFalse(found, f"search oracle {condition} on {context}")
        # group by the field, and its array_agg
        field = Model._fields.get(fname)
        if field is not None and field._description_groupable(Model.env):
            spec = f"{fname}:day" if info["type"] in ("date", "datetime") else fname
            try:
                groups = Model.formatted_read_group(domain, [spec], ["__count"])
            except (AccessError, ValueError, UserError):
                groups = []
            self.assertFalse(leaks(groups, partner_ids), f"group by {context}")
            try:
                legacy = Model.read_group(domain, ["__count"], [spec], lazy=False)
            except (AccessError, ValueError, UserError):
                legacy = []
            self.assertFalse(leaks(legacy, partner_ids), f"read_group {context}")
            count += 1
        if field is not None and field.store and field.column_type:
            try:
                aggregated = Model.formatted_read_group(domain, [], [f"{fname}:array_agg"])
            except (AccessError, ValueError, UserError):
                aggregated = []
            self.assertFalse(leaks(aggregated, partner_ids), f"array_agg {context}")
            count += 1
        return count

    def test_grouping_dispositions_by_complainant(self):
        with self.at(wib(2026, 11, 23, 10)):
            self.Disposition.with_user(self.head).create({
                "complaint_id": self.by_mail.id, "to_department_id": self.dept_a.id,
                "to_user_id": self.staff_a.id, "instruction": "follow_up"})
        for user in (self.staff_a, self.head):
            groups = self.Disposition.with_user(user).formatted_read_group(
                [("complaint_id", "=", self.by_mail.id)], ["complaint_id.partner_id"], ["__count"])
            self.assertTrue(groups)
            self.assertFalse(leaks(groups, self.real.ids))

    def test_nobody_but_an_officer_lifts_anonymity_and_it_is_logged(self):
        Log = self.env["pengaduan.identity.log"]
        for user in (self.staff_a, self.head, self.officer):
            for vals in ({"anonymity": "none"}, {"anonymity": "rahasia"}, {"reporter_name": "Tebakan"},
                         {"partner_id": self.real.id}):
                with self.subTest(user=user.login, vals=vals), self.assertRaises(UserError):
                    self.registered.with_user(user).write(vals)
        self.assertEqual(self.registered.anonymity, "anonim")
        for user in (self.staff_a, self.head):
            with self.assertRaises(AccessError):
                self.registered.with_user(user)._lift_anonymity("ingin tahu")
            with self.assertRaises(AccessError):
                self.registered.with_user(user).action_identity_wizard()
        # the officer opens the identity: logged
        identity = self.registered.sudo().identity_id
        before = Log.sudo().search_count([("complaint_id", "=", self.registered.id), ("action", "=", "view")])
        self.assertEqual(identity.with_user(self.officer).read(["name"])[0]["name"], NAME)
        self.assertEqual(Log.sudo().search_count([("complaint_id", "=", self.registered.id),
                                                  ("action", "=", "view")]), before + 1)
        # the officer lifts it with a reason: logged with who, when, why; the identity returns
        with self.assertRaises(UserError):
            self.registered.with_user(self.officer)._lift_anonymity("  ")
        with self.at(wib(2026, 11, 23, 11)):
            self.registered.with_user(self.officer)._lift_anonymity("Pelapor setuju identitasnya dibuka.")
        self.assertEqual(self.registered.anonymity, "none")
        self.assertEqual(self.registered.reporter_name, NAME)
        self.assertEqual(self.registered.partner_id, self.real)
        lifted = Log.sudo().search([("complaint_id", "=", self.registered.id), ("action", "=", "lift")])
        self.assertEqual(len(lifted), 1)
        self.assertEqual(lifted.user_id, self.officer)
        self.assertIn("setuju", lifted.reason)
        # nobody edits or deletes the log, the superuser neither
        for env_user in (self.officer, self.manager):
            with self.assertRaises(UserError):
                lifted.with_user(env_user).write({"reason": "diubah"})
            with self.assertRaises(UserError):
                lifted.with_user(env_user).unlink()
        with self.assertRaises(UserError):
            lifted.sudo().write({"reason": "diubah"})
        with self.assertRaises(UserError):
            lifted.sudo().unlink()
        # heads and handlers do not read the log
        for user in (self.staff_a, self.head):
            with self.assertRaises(AccessError):
                Log.with_user(user).search_read([], ["reason"])

    def test_answer_reaches_the_real_address_only_when_it_leaves(self):
        complaint = self.by_mail
        complaint.with_user(self.staff_a).write({"answer": "<p>Petugas loket sudah ditindak.</p>"})
        with self.mock_mail_gateway(), self.at(wib(2026, 11, 23, 11)):
            complaint.with_user(self.staff_a).action_answer()
            self.env["mail.mail"].sudo().process_email_queue()
        sent = [mail for mail in self._mails if "ditindak" in (mail["body"] or "")]
        self.assertTrue(sent, "the answer was e-mailed")
        self.assertTrue(any(EMAIL in " ".join(mail["email_to"]) for mail in sent), "to the real address")
        # no stored row the staff reads holds the address
        stored = self.env["mail.mail"].sudo().search([("model", "=", complaint._name), ("res_id", "=", complaint.id)])
        self.assertFalse(leaks(stored.read(["email_to", "recipient_ids", "email_cc"]), self.real.ids))

    def test_nik_masked_for_everybody_but_officers(self):
        identified = self.receive(wib(2026, 11, 23, 9), nik=NIK)
        for user in (self.staff_a, self.head):
            self.assertEqual(identified.with_user(user).nik_masked, "3174********0001")
            with self.assertRaises(AccessError):
                identified.with_user(user).read(["nik"])
            self.assertFalse(identified.with_user(user).search_count([("id", "=", identified.id), ("nik", "=", NIK)])
                             if "nik" in self.Complaint.with_user(user).fields_get() else 0)
        self.assertEqual(identified.with_user(self.officer).nik, NIK)
        if "nik_birth_date" in self.Complaint._fields:  # pengaduan_dukcapil
            for user in (self.staff_a, self.head):
                with self.assertRaises(AccessError):
                    identified.with_user(user).read(["nik_birth_date"])
                with self.assertRaises(AccessError):
                    identified.with_user(user).read(["nik_sex"])

    def test_erasure_on_request_and_after_retention(self):
        Log = self.env["pengaduan.identity.log"].sudo()
        identified = self.receive(wib(2026, 11, 23, 9), nik=NIK, reporter_phone=PHONE)
        with self.assertRaises(UserError):
            identified.with_user(self.officer)._erase_personal_data("permintaan pelapor")  # still open
        identified.sudo()._transition({"state": "closed", "date_closed": wib(2020, 1, 1)})
        for user in (self.staff_a, self.head):
            with self.assertRaises(AccessError):
                identified.with_user(user)._erase_personal_data("permintaan")
        identified.with_user(self.officer)._erase_personal_data("Permintaan penghapusan dari pelapor.")
        self.assertFalse(identified.reporter_email or identified.reporter_phone or identified.sudo().nik)
        self.assertTrue(identified.personal_data_erased)
        self.assertEqual(identified.state, "closed", "the statistics stay")
        self.assertTrue(Log.search([("complaint_id", "=", identified.id), ("action", "=", "erase")]))
        # retention: closed long ago, erased by the scheduled action
        old = self.receive(wib(2026, 11, 23, 9), reporter_name="Warga Lama", reporter_email="lama@warga.example")
        old.sudo()._transition({"state": "closed", "date_closed": wib(2020, 1, 1)})
        recent = self.receive(wib(2026, 11, 23, 9), reporter_email="baru@warga.example")
        recent.sudo()._transition({"state": "closed", "date_closed": wib(2026, 11, 23, 12)})
        self.company.pengaduan_retention_days = 365
        with self.at(wib(2026, 11, 24, 9)):
            self.Complaint._cron_erase_expired_personal_data()
        self.assertFalse(old.reporter_email)
        self.assertNotEqual(old.reporter_name, "Warga Lama")
        self.assertEqual(recent.reporter_email, "baru@warga.example")
        self.assertTrue(Log.search([("complaint_id", "=", old.id), ("action", "=", "retention")]))


@tagged("post_install", "-at_install")
class TestTrustAnonymityHttp(AnonymityCase, HttpCase):
    """What the web client and the chatter ask over JSON-RPC, as a head and as a handler
    logged in with a password."""

    def call_kw(self, model, method, args, kwargs=None):
        return self.make_jsonrpc_request(f"/web/dataset/call_kw/{model}/{method}", {
            "model": model, "method": method, "args": args, "kwargs": kwargs or {}})

    def test_json_routes_as_head_and_handler(self):
        for user in (self.head, self.staff_a):
            self.authenticate(user.login, user.login)
            for complaint in self.complaints:
                data = self.make_jsonrpc_request("/mail/data", {"fetch_params": [["mail.thread", {
                    "thread_model": complaint._name, "thread_id": complaint.id,
                    "request_list": ["followers", "suggestedRecipients", "attachments", "activities"],
                }]]})
                self.assertFalse(leaks(data, self.real.ids), f"/mail/data as {user.login}")
                with mute_logger("odoo.http"):
                    recipients = self.make_jsonrpc_request("/mail/thread/recipients", {
                        "thread_model": complaint._name, "thread_id": complaint.id})
                self.assertFalse(leaks(recipients, self.real.ids), f"/mail/thread/recipients as {user.login}")
                suggested = self.make_jsonrpc_request("/mail/thread/recipients/get_suggested_recipients", {
                    "thread_model": complaint._name, "thread_id": complaint.id, "partner_ids": []})
                self.assertFalse(leaks(suggested, self.real.ids))
                messages = self.make_jsonrpc_request("/mail/thread/messages", {
                    "thread_model": complaint._name, "thread_id": complaint.id})
                self.assertFalse(leaks(messages, self.real.ids), f"/mail/thread/messages as {user.login}")
            ids = self.complaints.ids
            for groupby in ("partner_id", "reporter_name", "reporter_email", "reporter_phone", "partner_id.email"):
                groups = self.call_kw("pengaduan.complaint", "web_read_group", [], {
                    "domain": [("id", "in", ids)], "groupby": [groupby], "aggregates": ["__count"]})
                self.assertFalse(leaks(groups, self.real.ids), f"web_read_group {groupby} as {user.login}")
                groups = self.call_kw("pengaduan.complaint", "formatted_read_group", [], {
                    "domain": [("id", "in", ids)], "groupby": [groupby], "aggregates": ["__count"]})
                self.assertFalse(leaks(groups, self.real.ids))
            read = self.call_kw("pengaduan.complaint", "web_read", [ids], {"specification": {
                "partner_id": {"fields": {"display_name": {}, "email": {}}}, "reporter_name": {},
                "reporter_email": {}, "reporter_salutation": {}, "message_follower_ids": {"fields": {
                    "display_name": {}, "email": {}}}, "message_ids": {"fields": {
                        "author_id": {"fields": {"display_name": {}}}, "email_from": {}}}}})
            self.assertFalse(leaks(read, self.real.ids), f"web_read as {user.login}")
            for condition in (["message_partner_ids", "in", self.real.ids],
                              ["message_follower_ids.partner_id", "in", self.real.ids],
                              ["message_ids.author_id", "in", self.real.ids],
                              ["message_ids.email_from", "ilike", EMAIL]):
                found = self.call_kw("pengaduan.complaint", "search_count", [[["id", "in", ids], condition]])
                self.assertEqual(found, 0, f"search oracle {condition} as {user.login}")
