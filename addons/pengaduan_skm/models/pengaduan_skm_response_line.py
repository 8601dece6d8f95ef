from odoo import fields, models
from odoo.tools import SQL

from ..tools.ikm import CONVERSION
from .survey_question import SKM_ELEMENTS

# (key, label, lowest age of the group), youngest first
AGE_GROUPS = [
    ("lt20", "Under 20", None),
    ("20_29", "20-29", 20),
    ("30_39", "30-39", 30),
    ("40_49", "40-49", 40),
    ("50_59", "50-59", 50),
    ("ge60", "60 and over", 60),
]
# the profile questions whose answer is a choice, and the column that holds it
PROFILE_CHOICE_COLUMNS = {"sex": "sex_id", "education": "education_id", "occupation": "occupation_id",
                          "service": "service_id"}
# the columns written by _refresh, in the order of its query
_COLUMNS = ("period_id", "company_id", "survey_id", "user_input_id", "date", "element", "score", "interval_value",
            "service_id", "sex_id", "age", "age_group", "education_id", "occupation_id")
# what its query reads: flushed first
_READS = {
    "pengaduan.skm.period": ["company_id", "survey_id", "date_from", "date_to", "office_tz"],
    "survey.user_input": ["survey_id", "state", "test_entry", "end_datetime"],
    "survey.user_input.line": ["user_input_id", "question_id", "answer_type", "skipped", "answer_score",
                               "suggested_answer_id", "value_numerical_box"],
    "survey.question": ["pengaduan_skm_element", "pengaduan_skm_profile"],
}


class PengaduanSkmResponseLine(models.Model):
    """One row per completed response of a period x SKM element it answered, with the
    respondent's profile: the breakdowns of a period's index by service, profile and month.

    The rows of a period are the responses its figures count (the period's survey, completed on
    one of its days in the office's time zone, no test entry), written with its figures by
    ``pengaduan.skm.period._compute_figures`` and frozen with them while it is published: the
    average score of an element over a period is the period's NRR, and the report's profile
    counts are those of the same responses. A response counted by no element (each skipped)
    keeps one row without an element, so that the respondents are the period's. A response
    counts in every period whose days it falls in: group or filter by period.

    A table rather than a SQL view: a response is a row of each period it falls in, so a view
    needs ids made of two, beyond the 32-bit integers of XML-RPC, or numbered rows, which no
    filter on the period could narrow before the whole view is numbered."""

    _name = "pengaduan.skm.response.line"
    _description = "SKM Breakdown"
    _order = "date desc, id desc"
    _rec_name = "element"
    _log_access = False

    period_id = fields.Many2one("pengaduan.skm.period", required=True, readonly=True,
                                index=True, ondelete="cascade")
    company_id = fields.Many2one("res.company", string="Office", required=True, readonly=True, index=True)
    survey_id = fields.Many2one("survey.survey", readonly=True)
    user_input_id = fields.Many2one("survey.user_input", string="Respondents", required=True, readonly=True,
                                    index=True, ondelete="cascade", aggregator="count_distinct")
    date = fields.Date(string="Completed On", readonly=True, help="The day the response was completed, "
                       "in the office's time zone.")
    element = fields.Selection(SKM_ELEMENTS, readonly=True)
    score = fields.Float(string="NRR", digits=(5, 4), readonly=True, aggregator="avg",
                         help="The respondent's score of the element (1 to 4); averaged over a group, "
                         "the group's NRR (nilai rata-rata).")
    interval_value = fields.Float(digits=(5, 2), readonly=True, aggregator="avg",
                                  help="The score x 25; averaged over a group, the group's NRR x 25.")
    service_id = fields.Many2one("survey.question.answer", readonly=True)
    sex_id = fields.Many2one("survey.question.answer", readonly=True)
    age = fields.Integer(readonly=True, aggregator="avg")
    age_group = fields.Selection([(key, label) for key, label, _lowest in AGE_GROUPS], readonly=True)
    education_id = fields.Many2one("survey.question.answer", readonly=True)
    occupation_id = fields.Many2one("survey.question.answer", readonly=True)

    def _age_group_sql(self):
        cases = SQL(" ").join(
            SQL("WHEN profile.age >= %s THEN %s", lowest, key)
            for key, _label, lowest in reversed(AGE_GROUPS) if lowest is not None)
        return SQL("CASE WHEN profile.age IS NULL THEN NULL %s ELSE %s END", cases, AGE_GROUPS[0][0])

    def _query(self, periods):
        profile_choices = SQL(", ").join(
            SQL("MAX(answer.suggested_answer_id) FILTER (WHERE question.pengaduan_skm_profile = %s) AS %s",
                profile, SQL.identifier(column))
            for profile, column in PROFILE_CHOICE_COLUMNS.items())
        return SQL("""
            WITH response AS (
                SELECT skm_period.id AS period_id, skm_period.company_id, skm_period.survey_id,
                       user_input.id AS user_input_id,
                       ((user_input.end_datetime AT TIME ZONE 'UTC') AT TIME ZONE skm_period.office_tz)::date AS date
                  FROM pengaduan_skm_period skm_period
                  JOIN survey_user_input user_input
                    ON user_input.survey_id = skm_period.survey_id
                   AND user_input.state = 'done'
                   AND user_input.test_entry IS NOT TRUE
                   AND user_input.end_datetime IS NOT NULL
                 WHERE skm_period.id IN %(periods)s
                   AND ((user_input.end_datetime AT TIME ZONE 'UTC') AT TIME ZONE skm_period.office_tz)::date
                       BETWEEN skm_period.date_from AND skm_period.date_to
            )
            SELECT response.period_id, response.company_id, response.survey_id, response.user_input_id, response.date,
                   line.element, line.score, line.score * %(conversion)s AS interval_value,
                   profile.service_id, profile.sex_id, profile.age, %(age_group)s AS age_group,
                   profile.education_id, profile.occupation_id
              FROM response
              LEFT JOIN LATERAL (
                    SELECT question.pengaduan_skm_element AS element, answer.answer_score AS score
                      FROM survey_user_input_line answer
                      JOIN survey_question question ON question.id = answer.question_id
                     WHERE answer.user_input_id = response.user_input_id
                       AND question.pengaduan_skm_element IS NOT NULL
                       AND answer.answer_type = 'suggestion'
                       AND answer.skipped IS NOT TRUE
                   ) line ON TRUE
              LEFT JOIN LATERAL (
                    SELECT %(profile_choices)s,
                           FLOOR(MAX(answer.value_numerical_box)
                                 FILTER (WHERE question.pengaduan_skm_profile = 'age'))::int AS age
                      FROM survey_user_input_line answer
                      JOIN survey_question question ON question.id = answer.question_id
                     WHERE answer.user_input_id = response.user_input_id
                       AND question.pengaduan_skm_profile IS NOT NULL
                       AND answer.skipped IS NOT TRUE
                   ) profile ON TRUE
        """, periods=tuple(periods.ids), profile_choices=profile_choices, conversion=CONVERSION,
                   age_group=self._age_group_sql())

    def _refresh(self, periods):
        """Replace the rows of ``periods`` by the responses they count now, in two statements."""
        for model_name, field_names in _READS.items():
            self.env[model_name].flush_model(field_names)
        self.env.cr.execute(SQL("DELETE FROM %s WHERE period_id IN %s", SQL.identifier(self._table),
                                tuple(periods.ids)))
        self.env.cr.execute(SQL("INSERT INTO %s (%s) %s", SQL.identifier(self._table),
                                SQL(", ").join(SQL.identifier(column) for column in _COLUMNS),
                                self._query(periods)))
        self.invalidate_model()
