from datetime import datetime, time, timedelta

import pytz

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..tools import ikm as ikm_tools

GRADES = [
    ("A", "A (Very Good)"),
    ("B", "B (Good)"),
    ("C", "C (Less than Good)"),
    ("D", "D (Not Good)"),
]


class PengaduanSkmPeriod(models.Model):
    """A survey period of an office and its Indeks Kepuasan Masyarakat. The figures are computed
    from the completed responses (``action_compute``) and frozen while the period is published."""

    _name = "pengaduan.skm.period"
    _description = "SKM Period"
    _inherit = ["mail.thread"]
    _order = "date_from desc, id desc"

    name = fields.Char(required=True, tracking=True)
    company_id = fields.Many2one("res.company", string="Office", required=True, index=True,
                                 default=lambda self: self.env.company)
    survey_id = fields.Many2one(
        "survey.survey", required=True, index=True,
        domain=[("question_ids.pengaduan_skm_element", "!=", False)],
        default=lambda self: self.env.ref("pengaduan_skm.survey_skm", raise_if_not_found=False))
    date_from = fields.Date(string="From", required=True, index=True)
    date_to = fields.Date(string="To", required=True)
    population = fields.Integer(
        tracking=True,
        help="Services delivered in the period (entered by the office): the base of the minimum sample.")
    minimum_sample = fields.Integer(
        compute="_compute_minimum_sample",
        help="The minimum number of respondents for the population (Krejcie & Morgan table).")
    sample_below_minimum = fields.Boolean(compute="_compute_minimum_sample")
    respondent_count = fields.Integer(string="Respondents", readonly=True)
    ikm = fields.Float(string="IKM", digits=(5, 2), readonly=True, aggregator=False)
    grade = fields.Selection(GRADES, readonly=True)
    has_data = fields.Boolean(string="Enough Data", readonly=True,
                              help="The figures were computed from at least one complete response.")
    date_computed = fields.Datetime(string="Computed On", readonly=True)
    element_ids = fields.One2many("pengaduan.skm.element.result", "period_id", string="Elements",
                                  readonly=True)
    is_published = fields.Boolean(string="Published", readonly=True, tracking=True, copy=False)
    follow_up = fields.Html(string="Follow-up Plan", help="Rencana tindak lanjut for the lowest elements.")
    signatory_id = fields.Many2one(
        "hr.employee", check_company=True,
        compute="_compute_signatory_id", store=True, readonly=False, precompute=True,
        help="Official who signs the report: name, position and NIP appear under it.")
    # the office's time zone, stored for the breakdown's SQL view: its days are the period's
    office_tz = fields.Char(string="Time Zone", compute="_compute_office_tz", store=True)

    _dates_ordered = models.Constraint("CHECK (date_from <= date_to)",
                                       "A period ends on or after the day it starts.")
    _population_positive = models.Constraint("CHECK (population >= 0)", "The population cannot be negative.")

    @api.depends("population", "respondent_count")
    def _compute_minimum_sample(self):
        for period in self:
            period.minimum_sample = ikm_tools.minimum_sample(period.population)
            period.sample_below_minimum = bool(period.population) and \
                period.respondent_count < period.minimum_sample

    @api.depends("company_id")
    def _compute_signatory_id(self):
        """The head of office signs by default; another official of the office may be chosen."""
        for period in self:
            if period.signatory_id and period.signatory_id.company_id == period.company_id:
                continue
            head = period.company_id._pengaduan_head_employee() if period.company_id else None
            period.signatory_id = head.id if head and head.company_id == period.company_id else False

    @api.depends("company_id.pengaduan_calendar_id.tz", "company_id.resource_calendar_id.tz")
    def _compute_office_tz(self):
        for period in self:
            period.office_tz = period.company_id._pengaduan_tz() if period.company_id else False

    @api.constrains("survey_id", "company_id")
    def _check_survey(self):
        for period in self:
            if not period.survey_id.question_ids.filtered("pengaduan_skm_element"):
                raise ValidationError(self.env._(
                    "The survey \"%s\" has no question mapped to an SKM element.", period.survey_id.title))

    def write(self, vals):
        if "is_published" in vals:
            self._check_publisher()
        if self.filtered("is_published") and set(vals) & {"date_from", "date_to", "survey_id", "company_id"}:
            raise UserError(self.env._("A published period cannot change: unpublish it first."))
        return super().write(vals)

    def _check_publisher(self):
        if not self.env.su and not self.env.user.has_group("pengaduan.group_manager"):
            raise AccessError(self.env._("Only complaint managers publish or unpublish an SKM period."))

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_compute(self):
        """Compute the figures of the periods from their completed responses."""
        self.check_access("write")
        if self.filtered("is_published"):
            raise UserError(self.env._("The figures of a published period are frozen: unpublish it first."))
        # the responses are the survey module's (survey rights): read with the privilege of the
        # computation, which has just checked the caller may write the period
        for period in self.sudo():
            period._compute_figures()
        return True

    def action_publish(self):
        self._check_publisher()
        self.action_compute()
        empty = self.filtered(lambda period: not period.has_data)
        if empty:
            raise UserError(self.env._("Not enough data to publish \"%s\": no complete response in the period.",
                                       empty[0].name))
        self.sudo().write({"is_published": True})
        return True

    def action_unpublish(self):
        self._check_publisher()
        self.sudo().write({"is_published": False})
        return True

    def action_open_responses(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Responses"),
            "res_model": "survey.user_input",
            "view_mode": "list,form",
            "domain": self._responses_domain(),
        }

    # ------------------------------------------------------------------
    # Figures
    # ------------------------------------------------------------------
    def _utc_bounds(self):
        """The period's first and last day in the office's time zone, as naive UTC bounds [start, end)."""
        self.ensure_one()
        tz = pytz.timezone(self.office_tz or self.company_id._pengaduan_tz())

        def utc(day):
            return tz.localize(datetime.combine(day, time.min)).astimezone(pytz.utc).replace(tzinfo=None)
        return utc(self.date_from), utc(self.date_to + timedelta(days=1))

    def _responses_domain(self):
        """The completed responses that count in the period: by their completion date."""
        start, end = self._utc_bounds()
        return [("survey_id", "=", self.survey_id.id), ("state", "=", "done"), ("test_entry", "=", False),
                ("end_datetime", ">=", start), ("end_datetime", "<", end)]

    def _element_sums(self):
        """{element: (sum of scores, respondents who answered it)} in one grouped read."""
        self.ensure_one()
        groups = self.env["survey.user_input.line"]._read_group([
            ("survey_id", "=", self.survey_id.id), ("user_input_id", "any", self._responses_domain()),
            ("question_id.pengaduan_skm_element", "!=", False),
            ("answer_type", "=", "suggestion"), ("skipped", "=", False),
        ], ["question_id"], ["answer_score:sum", "user_input_id:count_distinct"])
        return {question.pengaduan_skm_element: (score, respondents) for question, score, respondents in groups}

    def _compute_figures(self):
        self.ensure_one()
        sums = self._element_sums()
        results = []
        for element in ikm_tools.ELEMENTS:
            score, respondents = sums.get(element, (0.0, 0))
            value = ikm_tools.nrr(score, respondents)
            results.append({
                "element": element, "respondent_count": respondents, "score_sum": score,
                "nrr": value or 0.0, "grade": ikm_tools.nrr_grade(value),
            })
        index = ikm_tools.ikm({r["element"]: r["nrr"] if r["respondent_count"] else None for r in results})
        respondents = self.env["survey.user_input"].search_count(self._responses_domain())
        answered = [r["nrr"] for r in results if r["respondent_count"]]
        lowest = min(answered) if answered else None
        for values in results:
            values["is_lowest"] = lowest is not None and values["respondent_count"] > 0 and values["nrr"] == lowest
        self.element_ids.unlink()
        self.write({
            "element_ids": [fields.Command.create(values) for values in results],
            "respondent_count": respondents,
            "ikm": index or 0.0,
            "grade": ikm_tools.ikm_grade(index),
            "has_data": index is not None,
            "date_computed": fields.Datetime.now(),
        })
        # the breakdown of the same responses, frozen with the figures
        self.env["pengaduan.skm.response.line"]._refresh(self)

    def _lowest_elements(self):
        self.ensure_one()
        return self.element_ids.filtered("is_lowest")
