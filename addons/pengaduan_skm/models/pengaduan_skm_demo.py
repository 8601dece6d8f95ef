import random
from datetime import datetime, timedelta

from odoo import api, models

# the share of the scores 1, 2, 3 and 4 per element in the demonstration's responses
DEMO_WEIGHTS = {
    "u1": (1, 8, 60, 31), "u2": (2, 12, 58, 28), "u3": (3, 20, 55, 22), "u4": (0, 2, 10, 88),
    "u5": (1, 9, 62, 28), "u6": (1, 7, 57, 35), "u7": (0, 5, 50, 45), "u8": (4, 16, 55, 25),
    "u9": (5, 24, 53, 18),
}


class PengaduanSkmPeriodDemo(models.Model):
    _inherit = "pengaduan.skm.period"

    @api.model
    def _demo_create_responses(self, period_xmlid, count, seed=14):
        """Completed responses spread over the demonstration period (repeatable: a fixed seed)."""
        period = self.env.ref(period_xmlid)
        survey = period.survey_id
        rng = random.Random(seed)
        questions = survey.question_ids.filtered(lambda q: q.pengaduan_skm_element or q.pengaduan_skm_profile)
        start, end = period._utc_bounds()
        end = min(end, datetime.now())
        span = max((end - start).total_seconds(), 3600)
        inputs = self.env["survey.user_input"].create([{
            "survey_id": survey.id, "state": "done",
            "start_datetime": (moment := start + timedelta(seconds=rng.uniform(0, span - 600))),
            "end_datetime": moment + timedelta(seconds=rng.randint(60, 500)),
        } for _index in range(count)])
        lines = []
        for user_input in inputs:
            for question in questions:
                if question.question_type == "numerical_box":
                    lines.append({"user_input_id": user_input.id, "question_id": question.id,
                                  "answer_type": "numerical_box", "value_numerical_box": rng.randint(17, 70)})
                    continue
                answers = question.suggested_answer_ids.sorted("sequence")
                weights = DEMO_WEIGHTS.get(question.pengaduan_skm_element) or [1] * len(answers)
                answer = rng.choices(answers, weights=weights[:len(answers)])[0]
                lines.append({"user_input_id": user_input.id, "question_id": question.id,
                              "answer_type": "suggestion", "suggested_answer_id": answer.id})
        self.env["survey.user_input.line"].create(lines)
        return inputs
