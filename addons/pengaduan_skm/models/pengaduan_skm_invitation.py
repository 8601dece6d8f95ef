from odoo import api, fields, models


class PengaduanSkmInvitation(models.Model):
    """Which survey response a complaint's complainant was invited to fill in.

    The response itself (``survey.user_input``) carries no contact, no e-mail and no
    complaint, so whoever reads the survey's answers (officers, as survey users) cannot tell
    who gave them. This table is the only link between a complaint and its response: no
    group has access to it; the invitation code reads it with the superuser and hands out
    the link only, to the complainant (answer e-mail, portal, tracking page, ticket)."""

    _name = "pengaduan.skm.invitation"
    _description = "SKM Survey Invitation"

    complaint_id = fields.Many2one("pengaduan.complaint", required=True, index=True, ondelete="cascade")
    user_input_id = fields.Many2one("survey.user_input", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="complaint_id.company_id", store=True)

    _complaint_unique = models.Constraint("UNIQUE(complaint_id)", "A complaint has one survey invitation.")

    @api.model
    def _for_complaints(self, complaints, create=True):
        """The invitations of ``complaints`` (sudo), created with a fresh anonymous response of
        the office's survey where missing and ``create``. Offices without an open survey get none."""
        invitations = self.sudo().search([("complaint_id", "in", complaints.ids)])
        if not create:
            return invitations
        missing = complaints - invitations.complaint_id
        values = []
        for complaint in missing:
            survey = complaint.company_id._pengaduan_skm_survey()
            if survey:
                answer = self.env["survey.user_input"]._pengaduan_skm_create(survey)
                values.append({"complaint_id": complaint.id, "user_input_id": answer.id})
        return invitations | self.sudo().create(values) if values else invitations

    def _url(self):
        """The personal link: the survey's start page with this response's token."""
        self.ensure_one()
        answer = self.sudo().user_input_id
        return f"{answer.survey_id.get_base_url()}{answer._pengaduan_skm_start_path()}"
