from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools.ikm import SCORES

SKM_ELEMENTS = [
    ("u1", "U1 Requirements (persyaratan)"),
    ("u2", "U2 Systems, mechanisms and procedures"),
    ("u3", "U3 Completion time"),
    ("u4", "U4 Cost/tariff"),
    ("u5", "U5 Product specification of the service type"),
    ("u6", "U6 Staff competence"),
    ("u7", "U7 Staff behaviour"),
    ("u8", "U8 Handling of complaints, suggestions and feedback"),
    ("u9", "U9 Facilities and infrastructure"),
]
SKM_PROFILE = [
    ("sex", "Sex"),
    ("age", "Age"),
    ("education", "Education"),
    ("occupation", "Occupation"),
    ("service", "Service received"),
]


class SurveyQuestion(models.Model):
    _inherit = "survey.question"

    pengaduan_skm_element = fields.Selection(
        SKM_ELEMENTS, string="SKM Element", index="btree_not_null",
        help="The element (unsur) of the Indeks Kepuasan Masyarakat this question measures: a "
        "single choice whose choices score 1 to 4.",
    )
    pengaduan_skm_profile = fields.Selection(
        SKM_PROFILE, string="SKM Respondent Profile",
        help="The part of the respondent profile this question asks, for the breakdowns.",
    )

    @api.constrains("pengaduan_skm_element", "survey_id", "question_type")
    def _check_pengaduan_skm_element(self):
        elements = self.filtered("pengaduan_skm_element")
        if not elements:
            return
        for question in elements:
            if question.question_type != "simple_choice":
                raise ValidationError(self.env._(
                    "The question \"%(question)s\" measures an SKM element: it must be a single choice.",
                    question=question.title))
        # one grouped read for every survey concerned
        counts = self.env["survey.question"].sudo()._read_group(
            [("survey_id", "in", elements.survey_id.ids), ("pengaduan_skm_element", "!=", False)],
            ["survey_id", "pengaduan_skm_element"], ["__count"], having=[("__count", ">", 1)])
        if counts:
            survey, element, _count = counts[0]
            labels = dict(self._fields["pengaduan_skm_element"]._description_selection(self.env))
            raise ValidationError(self.env._(
                "The element %(element)s is measured twice in the survey \"%(survey)s\": each element "
                "has one question.", element=labels[element], survey=survey.title))
        elements.suggested_answer_ids._check_pengaduan_skm_score()


class SurveyQuestionAnswer(models.Model):
    _inherit = "survey.question.answer"

    @api.constrains("answer_score", "question_id")
    def _check_pengaduan_skm_score(self):
        for answer in self.filtered(lambda a: a.question_id.pengaduan_skm_element):
            if answer.answer_score not in SCORES:
                raise ValidationError(self.env._(
                    "The choice \"%(choice)s\" of an SKM element scores %(score)s: the choices of an "
                    "element score 1, 2, 3 or 4.", choice=answer.value, score=answer.answer_score))
