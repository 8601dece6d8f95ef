"""The actions of our menus open in the web client (issue: desks crashed with ``Name 'ref' is not defined``).

The web client evaluates an action's ``context`` and ``domain`` itself, with a small evaluator that
knows ``uid``, ``active_id``, ``context``, ``allowed_company_ids`` and the date helpers, but not
``ref()`` (that is a function of the XML data loader only).
"""

from odoo.tests import HttpCase, TransactionCase, tagged
from odoo.tools.safe_eval import datetime, safe_eval

from odoo.addons.mail.tests.common import mail_new_test_user

# the names the web client's evaluator offers (web/static/src/core/py_js + user context)
CLIENT_NAMES = {
    "uid": 1, "active_id": 1, "active_ids": [1], "active_model": "pengaduan.complaint",
    "context": {}, "allowed_company_ids": [1], "current_company_id": 1, "datetime": datetime,
}


@tagged("post_install", "-at_install")
class TestFirstHourDeskActions(TransactionCase):

    def _our_actions(self):
        data = self.env["ir.model.data"].search([
            ("module", "in", ["pengaduan", "pengaduan_dukcapil", "pengaduan_dpmptsp"]),
            ("model", "=", "ir.actions.act_window"),
        ])
        return self.env["ir.actions.act_window"].browse(data.mapped("res_id"))

    def test_every_action_context_is_evaluable_by_the_client(self):
        actions = self._our_actions()
        self.assertIn(self.env.ref("pengaduan.pengaduan_quick_entry_wizard_action_walkin"), actions)
        for action in actions:
            for name in ("context", "domain"):
                text = action[name]
                if not text:
                    continue
                with self.subTest(action=action.name, field=name):
                    safe_eval(text, dict(CLIENT_NAMES))

    def test_desks_open_on_their_channel(self):
        for xmlid, channel in (
            ("pengaduan.pengaduan_quick_entry_wizard_action_walkin", "pengaduan.channel_walkin"),
            ("pengaduan.pengaduan_quick_entry_wizard_action_phone", "pengaduan.channel_phone"),
        ):
            action = self.env.ref(xmlid)
            context = safe_eval(action.context, dict(CLIENT_NAMES))
            wizard = self.env["pengaduan.quick.entry.wizard"].with_context(**context).new({})
            self.assertEqual(wizard.channel_id, self.env.ref(channel), xmlid)


@tagged("post_install", "-at_install")
class TestSlaGraphColours(HttpCase):
    """The analysis graph paints Met green and Failed red (it painted them red and blue).
    Reads the demo complaints of the main office (met, failed, overdue and on track)."""

    def test_sla_states_painted_by_meaning(self):
        head = mail_new_test_user(self.env, login="fh_graph_head", lang="en_US", name="Graph Head",
                                  groups="base.group_user,pengaduan.group_head",
                                  company_id=self.env.ref("base.main_company").id)
        self.assertEqual(set(self.env["pengaduan.complaint"].with_user(head).search([]).mapped("sla_state")),
                         {"met", "failed", "overdue", "on_track"}, "the demo data the tour reads")
        self.start_tour("/odoo", "pengaduan_sla_graph_tour", login=head.login)


@tagged("post_install", "-at_install")
class TestDesksInBrowser(HttpCase):
    """README step 1 in a browser, as the demo officer (Indonesian): each desk from its menu,
    submitted, and the register printed (they crashed with ``Name 'ref' is not defined``)."""

    def test_desks_from_their_menus(self):
        self.start_tour("/odoo", "pengaduan_desks_tour", login="petugas")
        Complaint = self.env["pengaduan.complaint"]
        walkin = Complaint.search([("name", "=", "Tur loket dijawab")])
        self.assertEqual(walkin.channel_id, self.env.ref("pengaduan.channel_walkin"))
        self.assertEqual(walkin.state, "closed", "answered on the spot")
        phone = Complaint.search([("name", "=", "Tur telepon diteruskan")])
        self.assertEqual(phone.channel_id, self.env.ref("pengaduan.channel_phone"))
        self.assertEqual(phone.state, "in_progress")
        self.assertTrue(phone.disposition_ids, "forwarded to the Bidang")


@tagged("post_install", "-at_install")
class TestDeskInIndonesian(TransactionCase):
    """What the demo staff read: Odoo's own apps in Indonesian (their terms are loaded by the
    demo before its records), and a list whose number column holds a whole tracking number."""

    def test_odoo_apps_in_indonesian(self):
        self.assertEqual(self.env.ref("mail.menu_root_discuss").with_context(lang="id_ID").name, "Diskusi")
        self.assertEqual(self.env.ref("pengaduan.model_pengaduan_complaint").with_context(lang="id_ID").name,
                         "Pengaduan Masyarakat")
        demo = self.env.ref("pengaduan.complaint_new").message_ids.mapped("body")
        self.assertIn("<p>Pengaduan Masyarakat dibuat</p>", demo, "the demo's chatter is Indonesian")

    def test_number_column_holds_a_tracking_number(self):
        arch = self.env["pengaduan.complaint"].get_view(self.env.ref("pengaduan.pengaduan_complaint_view_list").id,
                                                         "list")["arch"]
        self.assertRegex(arch, r'<field name="number"[^>]* width="150px"', "ADU-2026-000001 was cut to ADU-2026...")
