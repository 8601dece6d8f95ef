"""The Disdukcapil menus show in the Disdukcapil office only (issue 10)."""

from odoo.tests import TransactionCase, tagged

from ..models.ir_ui_menu import DUKCAPIL_MENUS


@tagged("post_install", "-at_install")
class TestDukcapilMenus(TransactionCase):
    def _menu_xmlids(self, user):
        menus = self.env["ir.ui.menu"].with_user(user).load_menus(False)
        return {menu["xmlid"] for key, menu in menus.items() if key != "root"}

    def test_menus_of_the_office_only(self):
        other = self.env["res.company"].create({"name": "Dinas Lain Uji"})
        outsider = self.env["res.users"].create({
            "name": "Petugas Dinas Lain", "login": "petugas_lain", "company_id": other.id,
            "company_ids": [(6, 0, other.ids)],
            "group_ids": [(6, 0, [self.env.ref("pengaduan.group_officer").id])],
        })
        officer = self.env["res.users"].search([("login", "=", "petugas")])
        self.assertTrue(officer.company_id.dukcapil_region_code)
        for xmlid in DUKCAPIL_MENUS:
            with self.subTest(menu=xmlid):
                self.assertIn(xmlid, self._menu_xmlids(officer))
                self.assertNotIn(xmlid, self._menu_xmlids(outsider))
        # a fresh database (no office has a region code yet) hides nothing
        self.env["res.company"].search([]).write({"dukcapil_region_code": False})
        self.assertIn(DUKCAPIL_MENUS[0], self._menu_xmlids(outsider))
