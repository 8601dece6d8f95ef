"""Every menu, view and filter of the Pengaduan app, for every demo role, in a real browser.

Odoo's own click-everywhere bot (``@web/webclient/clickbot``) opens each menu of the
app, switches to each view and toggles each filter; any client error (an "Oops!"
dialog, a failed RPC, a traceback in the console) fails the test. It runs on the demo
data the README's users meet, as those users, in their language.
"""

import logging

from odoo.tests import HttpCase, tagged

_logger = logging.getLogger(__name__)

CLICKBOT = (
    "odoo.loader.modules.get('@web/webclient/clickbot/clickbot_loader')"
    ".startClickEverywhere('%s');"
)


class ClickEverywhereCase(HttpCase):
    """Run the clickbot on one app menu as one demo user (password = login)."""

    app_xmlid = "pengaduan.menu_pengaduan_root"

    def click_everywhere(self, login):
        user = self.env["res.users"].search([("login", "=", login)])
        self.assertTrue(user, f"demo user {login} is missing")
        if "tour_enabled" in user._fields:
            user.tour_enabled = False
        menus = self.env["ir.ui.menu"].with_user(user).load_menus(False)
        apps = [menus[app_id]["xmlid"] for app_id in menus["root"]["children"]]
        self.assertIn(self.app_xmlid, apps, f"{login} does not see the Pengaduan app")
        self.browser_js(
            "/odoo",
            CLICKBOT % self.app_xmlid,
            "odoo.isReady === true",
            login=login,
            timeout=600,
            success_signal="clickbot test succeeded",
        )


@tagged("post_install", "-at_install", "pengaduan_click")
class TestClickEverywhere(ClickEverywhereCase):
    def test_petugas(self):
        self.click_everywhere("petugas")

    def test_bidang(self):
        self.click_everywhere("bidang")

    def test_kabid(self):
        self.click_everywhere("kabid")

    def test_kepala(self):
        self.click_everywhere("kepala")

    def test_admin(self):
        self.click_everywhere("admin")
