from odoo import models

# Menus that only make sense in a Disdukcapil office.
DUKCAPIL_MENUS = (
    "pengaduan_dukcapil.menu_pengaduan_cek_data",
    "pengaduan_dukcapil.menu_pengaduan_walkin_steps",
)


class IrUiMenu(models.Model):
    _inherit = "ir.ui.menu"

    def _load_menus_blacklist(self):
        """Hide the Disdukcapil menus from users none of whose offices is a Disdukcapil.

        A Disdukcapil office is a company with a region code (Kode Wilayah). Until some company
        has one (a fresh database), every office is taken as one, so nothing is hidden.
        """
        res = super()._load_menus_blacklist()
        Company = self.env["res.company"].sudo()
        if (not any(self.env.user.sudo().company_ids.mapped("dukcapil_region_code"))
                and Company.search_count([("dukcapil_region_code", "!=", False)], limit=1)):
            res += [menu.id for xmlid in DUKCAPIL_MENUS
                    if (menu := self.env.ref(xmlid, raise_if_not_found=False))]
        return res
