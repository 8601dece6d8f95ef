from odoo import api, models

# what the public page shows of a published period and of its elements: figures only
PUBLIC_PERIOD_FIELDS = ("name", "company_id", "date_from", "date_to", "respondent_count", "ikm", "grade")
PUBLIC_ELEMENT_FIELDS = ("element", "nrr", "ikm_value", "grade")


class PengaduanSkmPeriodPublic(models.Model):
    _inherit = "pengaduan.skm.period"

    @api.model
    def _public_index(self):
        """The published periods with data, newest first, as plain values of the whitelisted
        fields (a published index is public; nothing else of the period or its responses is)."""
        periods = self.sudo().search([("is_published", "=", True), ("has_data", "=", True)])
        Result = self.env["pengaduan.skm.element.result"]
        element_labels = dict(Result._fields["element"]._description_selection(self.env))
        grade_labels = dict(self._fields["grade"]._description_selection(self.env))
        result = []
        for period in periods:
            values = {name: period[name] for name in PUBLIC_PERIOD_FIELDS}
            values["office"] = period.company_id.name
            values["grade_label"] = grade_labels.get(period.grade, "")
            values["elements"] = [
                dict({name: element[name] for name in PUBLIC_ELEMENT_FIELDS},
                     label=element_labels[element.element], grade_label=grade_labels.get(element.grade, ""),
                     is_lowest=element.is_lowest)
                for element in period.element_ids
            ]
            result.append(values)
        return result

    @api.model
    def _kiosk_start(self, company):
        """The link of a new anonymous response of ``company``'s SKM survey (the kiosk at the
        counter), or ``None`` when the office has no open survey."""
        survey = company._pengaduan_skm_survey()
        if not survey:
            return None
        return self.env["survey.user_input"]._pengaduan_skm_create(survey)._pengaduan_skm_start_path()
