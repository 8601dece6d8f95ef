"""The side tables of a complaint are readable by exactly those who may read the complaint.

Contract: followers (``mail.followers``: they name the complainant), ratings (``rating.rating``:
their ``access_token`` lets the holder rate as the citizen), messages, attachments and
activities of a complaint are hidden -- by ``search``, ``search_count``, ``read``,
``search_read``, ``read_group`` and ``formatted_read_group`` -- from a handler of another
department, an internal user of another company and a plain internal user without any
complaint group, while the users who read the complaint still read them (the chatter still
shows the followers). Followers and ratings of other models are unchanged.

Followers and ratings are scoped by the rules of security/pengaduan_side_rules.xml; messages,
attachments and activities by Odoo itself (checked here, not assumed).
"""
import base64
import warnings

from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.mail.tests.common import mail_new_test_user
from odoo.addons.mail.tools.discuss import Store

from .common import PengaduanCase, wib

# fields read per side table: what an outsider must never get
SECRET_FIELDS = {
    "mail.followers": ["partner_id", "res_id"],
    "rating.rating": ["access_token", "partner_id", "res_id"],
    "mail.message": ["body", "author_id", "partner_ids"],
    "ir.attachment": ["name", "datas"],
    "mail.activity": ["summary", "user_id"],
}


class SideTableAssertions:
    """Assertions shared with the agency addons' side-table tests (a plain mixin, not a
    test case: importing it elsewhere runs no test twice)."""

    def _read_paths(self, user, records, fields):
        """Every way a user lists ``records``, each returning how many it finds."""
        model = self.env[records._name].with_user(user)
        domain = [("id", "in", records.ids)]

        def read_group():
            with warnings.catch_warnings():  # deprecated in 19.0, still callable over RPC
                warnings.simplefilter("ignore", DeprecationWarning)
                return model.read_group(domain, ["__count"], [])[0]["__count"]

        return {
            "search": lambda: len(model.search(domain)),
            "search_count": lambda: model.search_count(domain),
            "search_read": lambda: len(model.search_read(domain, fields)),
            "formatted_read_group": lambda: model.formatted_read_group(domain, [], ["__count"])[0]["__count"],
            "read_group": read_group,
        }

    def assert_hidden(self, user, records, fields=None):
        """``user`` finds none of ``records`` and reading any of them is refused. A user without
        access rights to the model is refused every listing too."""
        self.assertTrue(records, "nothing to check")
        fields = fields or SECRET_FIELDS.get(records._name, ["display_name"])
        paths = self._read_paths(user, records, fields)
        if self.env[records._name].with_user(user).has_access("read"):
            found = {name: path() for name, path in paths.items()}
            self.assertEqual(found, dict.fromkeys(found, 0), f"{user.login} lists {records._name} {records.ids}")
        else:
            for name, path in paths.items():
                with self.assertRaises(AccessError, msg=f"{user.login}: {name} on {records._name}"):
                    path()
        for record in records:
            with self.assertRaises(AccessError, msg=f"{user.login} reads {record}"):
                record.with_user(user).read(fields)
            record.invalidate_recordset()

    def assert_visible(self, user, records, fields=None):
        """``user`` finds and reads all of ``records``."""
        self.assertTrue(records, "nothing to check")
        fields = fields or SECRET_FIELDS.get(records._name, ["display_name"])
        found = {name: path() for name, path in self._read_paths(user, records, fields).items()}
        self.assertEqual(found, dict.fromkeys(found, len(records)), f"{user.login} on {records._name}")
        self.assertEqual(len(records.with_user(user).read(fields)), len(records))
        records.invalidate_recordset()


@tagged("post_install", "-at_install")
class TestSideTables(SideTableAssertions, PengaduanCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_2 = cls.env["res.company"].create({"name": "Dinas Uji Kedua"})
        cls.officer_2 = mail_new_test_user(
            cls.env, login="pgd_side_officer_2", groups="base.group_user,pengaduan.group_officer",
            company_id=cls.company_2.id, company_ids=[(6, 0, cls.company_2.ids)])
        cls.plain = mail_new_test_user(cls.env, login="pgd_side_plain", groups="base.group_user",
                                       company_id=cls.company.id)
        cls.citizen = cls.env["res.partner"].create({"name": "Siti Warga", "email": "siti@warga.example"})

        # a complaint of department A, with one record in each side table
        with freeze_time(wib(2026, 11, 23, 9)):
            cls.complaint = cls.Complaint.with_user(cls.officer).create({
                "name": "Bidang A rahasia", "channel_id": cls.channel.id, "category_id": cls.cat_hours.id,
                "partner_id": cls.citizen.id, "reporter_name": "Siti Warga", "date_received": wib(2026, 11, 23, 9),
            }).with_env(cls.env)
            as_officer = cls.complaint.with_user(cls.officer)
            as_officer.action_verify()  # it reaches department A
            as_officer.message_subscribe(partner_ids=cls.citizen.ids)
            as_officer.message_post(body="Catatan internal: alamat pelapor", message_type="comment",
                                    subtype_xmlid="mail.mt_note")
            cls.env["ir.attachment"].with_user(cls.officer).create({
                "name": "ktp-pelapor.pdf", "datas": base64.b64encode(b"KTP"),
                "res_model": cls.complaint._name, "res_id": cls.complaint.id,
            })
            as_officer.activity_schedule("mail.mail_activity_data_todo", user_id=cls.staff_a.id,
                                         summary="Hubungi pelapor")
            cls.token = cls.complaint.sudo()._rating_get_access_token(cls.citizen)
        cls.env.flush_all()

        def side(model):
            model_field = "model" if model == "mail.message" else "res_model"
            return cls.env[model].sudo().search([(model_field, "=", cls.complaint._name),
                                                 ("res_id", "=", cls.complaint.id)]).sudo(False)

        cls.followers = side("mail.followers")
        cls.ratings = side("rating.rating")
        # the activity's "assigned to you" notification is Odoo's private message to its
        # assignee (and author): not part of the chatter others read
        cls.all_messages = side("mail.message")
        cls.messages = cls.all_messages.filtered(lambda m: m.message_type != "user_notification")
        cls.attachments = side("ir.attachment")
        cls.activities = side("mail.activity")
        cls.outsiders = (cls.handler_b, cls.officer_2, cls.plain)
        cls.insiders = (cls.staff_a, cls.officer, cls.head, cls.manager)

    def test_fixture(self):
        """The users stand where the tests expect them: outsiders cannot read the complaint."""
        self.assertEqual(self.complaint.department_id, self.dept_a)
        self.assertIn(self.citizen, self.followers.partner_id)
        self.assertEqual(self.ratings.access_token, self.token)
        for user in self.outsiders:
            self.assertFalse(self.complaint.with_user(user).has_access("read"), user.login)
        for user in self.insiders:
            self.assertTrue(self.complaint.with_user(user).has_access("read"), user.login)

    # -- scoped by our rules ---------------------------------------------------------------
    def test_followers_hidden_from_outsiders(self):
        for user in self.outsiders:
            with self.subTest(user=user.login):
                self.assert_hidden(user, self.followers)
                Followers = self.env["mail.followers"].with_user(user)
                by_document = [("res_model", "=", self.complaint._name), ("res_id", "=", self.complaint.id)]
                self.assertFalse(Followers.search(by_document))
                self.assertFalse(Followers.search([("partner_id", "=", self.citizen.id)]))

    def test_followers_visible_to_readers_and_in_their_chatter(self):
        for user in self.insiders:
            with self.subTest(user=user.login):
                self.assert_visible(user, self.followers)
                complaint = self.complaint.with_user(user)
                self.assertEqual(complaint.message_follower_ids, self.followers)
                self.assertIn(self.citizen, complaint.message_partner_ids)
                store = Store()
                complaint._thread_to_store(store, [], request_list=["followers"])
                [thread] = [t for t in store.get_result()["mail.thread"] if t["id"] == self.complaint.id]
                self.assertEqual(thread["followersCount"], len(self.followers))

    def test_ratings_and_their_token_hidden_from_outsiders(self):
        for user in self.outsiders:
            with self.subTest(user=user.login):
                self.assert_hidden(user, self.ratings)
                Rating = self.env["rating.rating"].with_user(user)
                self.assertFalse(Rating.search([("access_token", "=", self.token)]))
                self.assertFalse(Rating.search_read([("res_model", "=", self.complaint._name)], ["access_token"]))
                with self.assertRaises(AccessError):
                    self.ratings.with_user(user).write({"rating": 1, "feedback": "palsu", "consumed": True})
        self.assertFalse(self.ratings.sudo().consumed)

    def test_ratings_visible_to_readers(self):
        for user in self.insiders:
            with self.subTest(user=user.login):
                self.assert_visible(user, self.ratings)
                self.assertEqual(self.ratings.with_user(user).access_token, self.token)
                self.ratings.invalidate_recordset()

    def test_other_models_unchanged(self):
        """Followers and ratings of any other model stay readable as Odoo made them."""
        partner = self.env["res.partner"].create({"name": "Mitra Uji"})
        partner.message_subscribe(partner_ids=self.citizen.ids)
        followers = self.env["mail.followers"].search([("res_model", "=", "res.partner"),
                                                       ("res_id", "=", partner.id)])
        rating = self.env["rating.rating"].create({
            "res_model_id": self.env["ir.model"]._get_id("res.partner"), "res_id": partner.id,
            "partner_id": self.citizen.id,
        })
        for user in self.outsiders + self.insiders:
            with self.subTest(user=user.login):
                self.assert_visible(user, followers)
                self.assert_visible(user, rating, ["access_token", "partner_id"])

    # -- scoped by Odoo through the document: verified, not assumed -------------------------
    def test_messages_attachments_activities_hidden_from_outsiders(self):
        self.assertEqual(len(self.all_messages), 3)
        for user in self.outsiders:
            for records in (self.all_messages, self.attachments, self.activities):
                with self.subTest(user=user.login, model=records._name):
                    self.assert_hidden(user, records)
                    by_document = [("res_id", "=", self.complaint.id)]
                    by_document.append(("model" if records._name == "mail.message" else "res_model",
                                        "=", self.complaint._name))
                    try:
                        found = self.env[records._name].with_user(user).search(by_document)
                    except AccessError:
                        found = None  # ir.attachment refuses outright who may not read complaints
                    self.assertFalse(found)

    def test_messages_attachments_activities_visible_to_readers(self):
        for user in self.insiders:
            for records in (self.messages, self.attachments, self.activities):
                with self.subTest(user=user.login, model=records._name):
                    self.assert_visible(user, records)
