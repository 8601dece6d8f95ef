from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    # as Odoo's crm and hr_recruitment do on their models: the mail gateway looks every sender up
    # by this column several times per message, and the desk makes a contact per complainant;
    # without an index each lookup reads every contact of the database
    email_normalized = fields.Char(index="btree_not_null")
