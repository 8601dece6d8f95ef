from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    """The office aliases move to complaint mailboxes (mail.alias.mixin): each company keeps its
    alias record and address, now owned by its mailbox."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["res.company"].search([])._pengaduan_ensure_alias()
