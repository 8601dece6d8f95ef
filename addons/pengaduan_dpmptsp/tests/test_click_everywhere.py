"""Every menu, view and filter of the Pengaduan app for each DPMPTSP demo role, in a real browser
(Odoo's click-everywhere bot: any client error fails the test)."""

from odoo.tests import tagged

from odoo.addons.pengaduan.tests.test_click_everywhere import ClickEverywhereCase


@tagged("post_install", "-at_install", "pengaduan_click")
class TestDpmptspClickEverywhere(ClickEverywhereCase):
    def test_dpm_fo(self):
        self.click_everywhere("dpm_fo")

    def test_dpm_analis(self):
        self.click_everywhere("dpm_analis")

    def test_dpm_kabid(self):
        self.click_everywhere("dpm_kabid")

    def test_dpm_sekretaris(self):
        self.click_everywhere("dpm_sekretaris")

    def test_dpm_kadis(self):
        self.click_everywhere("dpm_kadis")
