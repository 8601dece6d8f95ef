from odoo import models

# Menus that only make sense in an office that uses the DPMPTSP flow.
DPMPTSP_MENUS = (
    "pengaduan_dpmptsp.menu_pengaduan_register_book",
    "pengaduan_dpmptsp.menu_pengaduan_document",
    "pengaduan_dpmptsp.menu_pengaduan_dpmptsp_step",
)


class IrUiMenu(models.Model):
    _inherit = "ir.ui.menu"

    def _load_menus_blacklist(self):
        """Hide the DPMPTSP menus from users none of whose offices uses the DPMPTSP flow
        (the web client's documented hook, as ``hr`` uses it; menus are cached per user and
        cleared when a user's companies or the company flag change)."""
        res = super()._load_menus_blacklist()
        if not any(self.env.user.sudo().company_ids.mapped("pengaduan_dpmptsp_flow")):
            res += [menu.id for xmlid in DPMPTSP_MENUS
                    if (menu := self.env.ref(xmlid, raise_if_not_found=False))]
        return res
