"""The DPMPTSP office in a shared Odoo (issue 10): its own menus and website, its categories only."""

import re

from odoo.tests import HttpCase, tagged

from ..models.ir_ui_menu import DPMPTSP_MENUS


@tagged("post_install", "-at_install")
class TestDpmptspOffice(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.ref("pengaduan_dpmptsp.company_dpmptsp")
        cls.website = cls.env.ref("pengaduan_dpmptsp.website_dpmptsp")
        cls.env["ir.config_parameter"].set_param("pengaduan.form_rate_limit", "50")

    def _menu_xmlids(self, login):
        user = self.env["res.users"].search([("login", "=", login)])
        menus = self.env["ir.ui.menu"].with_user(user).load_menus(False)
        return {menu["xmlid"] for key, menu in menus.items() if key != "root"}

    def test_dpmptsp_menus_only_in_the_dpmptsp_office(self):
        for xmlid in DPMPTSP_MENUS:
            with self.subTest(menu=xmlid):
                self.assertIn(xmlid, self._menu_xmlids("dpm_fo"))
                self.assertNotIn(xmlid, self._menu_xmlids("petugas"))
        self.assertIn("pengaduan.menu_pengaduan_complaint_all", self._menu_xmlids("petugas"))

    def _open(self, url, **kw):
        host = f"dpmptsp.localhost:{self.http_port()}"
        return self.url_open(url, headers={"Host": host}, **kw)

    def test_own_website_with_own_categories(self):
        page = self._open("/pengaduan").text
        self.assertIn(self.company.name, page)
        own = self.env["pengaduan.category"].search([("company_id", "=", self.company.id), ("child_ids", "=", False)])
        others = self.env["pengaduan.category"].search([("company_id", "not in", [self.company.id, False])])
        self.assertTrue(own and others)
        for category in own:
            self.assertIn(category.complete_name, page)
        for category in others:
            self.assertNotIn(f'<option value="{category.id}"', page)
        token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        self._open("/pengaduan", data={
            "reporter_name": "Rudi Saputra", "reporter_email": "rudi.dpm@example.com",
            "name": "Izin OSS tertahan", "description": "Sudah seminggu.", "anonymity": "none",
            "category_id": str(own[0].id), "csrf_token": token,
        })
        complaint = self.env["pengaduan.complaint"].search([("name", "=", "Izin OSS tertahan")])
        self.assertEqual(complaint.company_id, self.company, "a complaint filed on the DPMPTSP site is the DPMPTSP's")
        self.assertTrue(complaint.dpmptsp_stage, "it goes through the DPMPTSP flow")

    def test_register_year_printed_without_separator(self):
        """'No. Register 1 / 2026', not '2.026': every view showing the year drops the separator."""
        Complaint = self.env["pengaduan.complaint"]
        shown = 0
        for view_type in ("form", "list"):
            views = self.env["ir.ui.view"].search([("model", "=", "pengaduan.complaint"), ("type", "=", view_type)])
            for view in views:
                arch = Complaint.get_view(view.id, view_type)["arch"]
                for field in re.findall(r'<field name="dpmptsp_register_year"[^>]*>', arch):
                    shown += 1
                    self.assertRegex(field, r"options=\"\{'format': false\}\"", f"{view.name}: {field}")
        self.assertTrue(shown, "the register year is shown somewhere")
