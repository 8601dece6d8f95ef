from odoo import models


class PengaduanWorkflowMixin(models.AbstractModel):
    """The one way a workflow step writes its values (complaints and dispositions).

    Contract: the public ``action_*`` method has checked the caller's groups and the record's
    state (``_check_transition`` on complaints, the recipient on dispositions); the values are
    then written as superuser, a privilege the caller cannot get from the context or RPC.
    Workflow fields are readonly for users, so nothing else writes them."""

    _name = "pengaduan.workflow.mixin"
    _description = "Pengaduan: workflow writes"

    def _transition(self, vals):
        """Write workflow values as superuser, the guards having been passed."""
        return self.sudo().write(vals)
