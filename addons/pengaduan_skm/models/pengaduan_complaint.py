from markupsafe import Markup

from odoo import models


class PengaduanComplaint(models.Model):
    """The complainant's invitation to the satisfaction survey (SKM): one anonymous response
    per complaint, e-mailed when the complaint is answered (or closed without an answer),
    linked from the complainant's pages and printed on the walk-in ticket.

    The personal link never enters the chatter (whose e-mails also reach the followers): the
    invitation leaves as an e-mail of its own, outside the complaint's thread, and the chatter
    logs that it went."""

    _inherit = "pengaduan.complaint"

    def _pengaduan_skm_invitations(self, create=True):
        return self.env["pengaduan.skm.invitation"]._for_complaints(self, create=create)

    def _pengaduan_skm_link(self):
        """What the complainant's pages show: ``{"url": ..., "done": bool}`` once the complaint
        is answered or closed and its complainant was invited, else ``None``. Reads only. The
        pages ask only for a visitor who is not staff (an officer previewing the portal page):
        the link is the complainant's."""
        self.ensure_one()
        if self.state not in ("answered", "closed"):
            return None
        invitation = self._pengaduan_skm_invitations(create=False)
        if not invitation:
            return None
        return {"url": invitation._url(), "done": invitation.user_input_id.state == "done"}

    def _do_answer(self):
        result = super()._do_answer()
        self._pengaduan_skm_invite()
        return result

    def _do_close(self):
        # answered ones were invited with the answer; a rejected one is invited at its closing
        result = super()._do_close()
        self._pengaduan_skm_invite()
        return result

    def _pengaduan_skm_invite(self):
        """E-mail the invitation to the complainants of these complaints who have an address
        and were not invited yet (once per complaint, whatever reopens it)."""
        mailable = self.filtered(lambda c: c._complainant_emails())
        uninvited = mailable - mailable._pengaduan_skm_invitations(create=False).complaint_id
        if not uninvited:
            return
        invitations = uninvited._pengaduan_skm_invitations()
        senders = invitations.complaint_id._acknowledgement_senders()
        values = []
        for invitation in invitations:
            complaint = invitation.complaint_id.with_context(lang=invitation.complaint_id._reporter_lang())
            env = complaint.env
            url = invitation._url()
            paragraph = Markup("<p>%s</p>")
            sender = senders[complaint.id]
            values.append({
                "subject": env._("How satisfied are you with our service? (complaint %s)", complaint.number),
                "body_html": Markup("").join([
                    paragraph % env._("Dear %s,", complaint.reporter_salutation),
                    paragraph % env._("Thank you for your complaint %s. Please tell us how satisfied you are "
                                      "with our service, in a short survey (Survei Kepuasan Masyarakat):",
                                      complaint.number),
                    Markup('<p><a href="%s">%s</a></p>') % (url, env._("Fill in the survey")),
                    paragraph % env._("Your answers are stored without your name."),
                    Markup("<p>%s<br/>%s</p>") % (env._("Regards,"), complaint.company_id.name),
                ]),
                # outside the thread and authored by the office: no staff member reads it
                "model": False, "res_id": False, "author_id": complaint.company_id.partner_id.id,
                "message_type": "email_outgoing", "auto_delete": True,
                "email_to": min(complaint._complainant_emails()),
                **({"email_from": sender["email_from"], "reply_to": sender["email_from"]}
                   if sender.get("email_from") else {}),
            })
        self.env["mail.mail"].sudo().create(values)
        invitations.complaint_id._message_log_batch(bodies=dict.fromkeys(
            invitations.complaint_id.ids,
            Markup("<p>%s</p>") % self.env._("Satisfaction survey (SKM) invitation sent to the complainant.")))
