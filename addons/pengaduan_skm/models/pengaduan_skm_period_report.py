from odoo import api, fields, models
from odoo.tools.misc import format_date, formatLang

from ..tools import ikm as ikm_tools
from .pengaduan_skm_response_line import PROFILE_CHOICE_COLUMNS

# the grades an element is improved from, besides the lowest
IMPROVE_GRADES = ("C", "D")
# the regulation's worked example rounds the weight 1/9 to this
ROUNDED_WEIGHT = 0.111


class PengaduanSkmPeriodReport(models.Model):
    """The breakdowns of a period and its printed report (Laporan Hasil SKM)."""

    _inherit = "pengaduan.skm.period"

    improvement_element_ids = fields.Many2many(
        "pengaduan.skm.element.result", compute="_compute_improvement_element_ids", string="Elements to Improve",
        help="The elements with the lowest NRR of the period, and those graded C or D, lowest first.")

    @api.depends("element_ids.is_lowest", "element_ids.grade", "element_ids.nrr")
    def _compute_improvement_element_ids(self):
        for period in self:
            period.improvement_element_ids = period._improvement_elements()

    def _improvement_elements(self):
        self.ensure_one()
        return self.element_ids.filtered(
            lambda result: result.respondent_count and (result.is_lowest or result.grade in IMPROVE_GRADES)
        ).sorted(lambda result: (result.nrr, result.element))

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_open_breakdown(self):
        """The breakdown of this period's responses (its survey, its days) by service, profile and month."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("pengaduan_skm.pengaduan_skm_response_line_action")
        action.update({
            "name": self.env._("Breakdown: %s", self.name),
            "domain": [("period_id", "=", self.id)],
            "context": {},
        })
        return action

    def action_print_report(self):
        return self.env.ref("pengaduan_skm.action_report_skm_result").report_action(self)

    # ------------------------------------------------------------------
    # Report values (in the language of the environment: the template renders in the office's)
    # ------------------------------------------------------------------
    def _report_lang(self):
        """The Laporan Hasil SKM is in Indonesian whoever prints it (when installed)."""
        return self.company_id._pengaduan_letter_lang()

    def _report_number(self, value, digits):
        return formatLang(self.env, value, digits=digits)

    def _report_date(self, value):
        return format_date(self.env, value, lang_code=self.env.lang, date_format="d MMMM y")

    def _report_profiles(self):
        """[{title, rows: [(label, count, share)]}] per part of the profile: the respondents of the
        period by sex, age group, education, occupation and service, one grouped read each."""
        self.ensure_one()
        Line = self.env["pengaduan.skm.response.line"]
        age_labels = dict(Line._fields["age_group"]._description_selection(self.env))
        age_title = Line._fields["age_group"]._description_string(self.env)
        titles = dict(self.env["survey.question"]._fields["pengaduan_skm_profile"]._description_selection(self.env))
        # the questionnaire's choices, in its order (the questionnaire is public: read as superuser)
        questions = self.survey_id.sudo().question_ids.filtered("pengaduan_skm_profile")
        total = self.respondent_count
        parts = []
        for profile in ("sex", "age", "education", "occupation", "service"):
            question = questions.filtered(lambda q, p=profile: q.pengaduan_skm_profile == p)
            if not question:
                continue
            column = PROFILE_CHOICE_COLUMNS.get(profile, "age_group")
            counts = dict(Line._read_group([("period_id", "=", self.id)], [column], ["user_input_id:count_distinct"]))
            if column == "age_group":
                labels = age_labels
            else:
                # a choice since removed from the questionnaire still counts, after the others
                choices = question.suggested_answer_ids.sorted("sequence")
                choices |= Line.env["survey.question.answer"].union(*counts).sudo() - choices
                labels = {choice: choice.value for choice in choices}
            rows = [(label, counts.get(key, 0)) for key, label in labels.items()]
            missing = sum(count for key, count in counts.items() if not key)
            if missing:
                rows.append((self.env._("Not stated"), missing))
            parts.append({
                "title": age_title if column == "age_group" else titles[profile],
                "rows": [(label, count, self._report_number(100.0 * count / total if total else 0.0, 1))
                         for label, count in rows],
            })
        return parts

    def _report_values(self):
        """What the Laporan Hasil SKM prints, as text in the environment's language."""
        self.ensure_one()
        elements = dict(self.env["pengaduan.skm.element.result"]._fields["element"]._description_selection(self.env))
        grades = dict(self._fields["grade"]._description_selection(self.env))
        improvements = self._improvement_elements()
        values = {
            "period": self.env._("%(date_from)s to %(date_to)s", date_from=self._report_date(self.date_from),
                                 date_to=self._report_date(self.date_to)),
            "date_computed": self.date_computed and format_date(
                self.env, fields.Datetime.context_timestamp(self.with_context(tz=self.office_tz), self.date_computed),
                lang_code=self.env.lang, date_format="d MMMM y"),
            "print_date": self._report_date(self.company_id._pengaduan_local_date()),
            "survey": self.survey_id.sudo().title,
            "has_data": self.has_data,
            "profiles": (profiles := self._report_profiles() if self.respondent_count else []),
            "profile_rows": [profiles[index:index + 2] for index in range(0, len(profiles), 2)],
            "elements": [{
                "label": elements[result.element],
                "respondents": result.respondent_count,
                "nrr": self._report_number(result.nrr, 4),
                "interval": self._report_number(result.ikm_value, 2),
                "grade": grades.get(result.grade, ""),
                "improve": result in improvements,
            } for result in self.element_ids],
            "improvements": [elements[result.element] for result in improvements],
        }
        if self.has_data:
            nrr_sum = sum(self.element_ids.mapped("nrr"))
            values.update({
                "ikm": self._report_number(self.ikm, 2),
                "grade": grades.get(self.grade, ""),
                "ikm_rounded_weight": self._report_number(
                    round(ikm_tools.CONVERSION * nrr_sum * ROUNDED_WEIGHT, 2), 2),
            })
        return values
