"""The worked data set of TestSkmIndex (March 2025, IKM 81.30 B, U9 2.60 C) with a respondent
profile for each response, shared by the breakdown and the report tests."""

from datetime import date, datetime

from .test_skm import SkmCase

XMLID = "pengaduan_skm.survey_skm_profile_"


class SkmWorkedSetCase(SkmCase):
    """The six responses that count, with their profile (choices by external id suffix):

    ======  ===========  ======  ==========  ================  ==========================
    resp.   U1..U8 / U9  sex     age         education         occupation / service
    ======  ===========  ======  ==========  ================  ==========================
    R1      4 / 4        male    19          SMA               PNS / documents
    R2      4 / 4        female  25          D4/S1             private / licensing
    R3      3 / 3        female  34          SMA               entrepreneur / licensing
    R4      3 / 1        male    47          SMP               other / information
    R5      2 / 1        female  60          SD                other / licensing
    R6      4 / skipped  male    29.9        S2                PNS / (not answered)
    ======  ===========  ======  ==========  ================  ==========================

    By sex 3 men, 3 women; by age group under 20: 1, 20-29: 2 (29.9 is 29), 30-39: 1, 40-49: 1,
    50-59: 0, 60 and over: 1; licensing 3 (U1 NRR 3.0, U9 (4 + 3 + 1) / 3 = 2.6667), one service
    not stated. The four responses that do not count (in progress, test entry, 1 April and 28
    February local) have profiles too, all female licensing users aged 40."""

    PROFILES = {
        "R1": {"sex": "sex_1", "age": 19, "education": "education_3", "occupation": "occupation_1",
               "service": "service_1"},
        "R2": {"sex": "sex_2", "age": 25, "education": "education_5", "occupation": "occupation_4",
               "service": "service_2"},
        "R3": {"sex": "sex_2", "age": 34, "education": "education_3", "occupation": "occupation_5",
               "service": "service_2"},
        "R4": {"sex": "sex_1", "age": 47, "education": "education_2", "occupation": "occupation_6",
               "service": "service_3"},
        "R5": {"sex": "sex_2", "age": 60, "education": "education_1", "occupation": "occupation_6",
               "service": "service_2"},
        "R6": {"sex": "sex_1", "age": 29.9, "education": "education_6", "occupation": "occupation_1"},
    }
    NOT_COUNTED_PROFILE = {"sex": "sex_2", "age": 40, "education": "education_3", "occupation": "occupation_6",
                           "service": "service_2"}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        same = cls.same
        cls.responses = {
            "R1": cls.respond(same(4, 4), datetime(2025, 2, 28, 17, 30)),
            "R2": cls.respond(same(4, 4), datetime(2025, 3, 10, 3, 0)),
            "R3": cls.respond(same(3, 3), datetime(2025, 3, 15, 3, 0)),
            "R4": cls.respond(same(3, 1), datetime(2025, 3, 20, 3, 0)),
            "R5": cls.respond(same(2, 1), datetime(2025, 3, 31, 16, 30)),
            "R6": cls.respond(same(4), datetime(2025, 3, 25, 3, 0), skipped=["u9"]),
        }
        cls.not_counted = (
            cls.respond(same(1, 1), datetime(2025, 3, 12, 3, 0), state="in_progress")
            | cls.respond(same(1, 1), datetime(2025, 3, 12, 3, 0), test_entry=True)
            | cls.respond(same(1, 1), datetime(2025, 3, 31, 17, 30))
            | cls.respond(same(1, 1), datetime(2025, 2, 28, 16, 30))
        )
        for key, response in cls.responses.items():
            cls.answer_profile(response, cls.PROFILES[key])
        for response in cls.not_counted:
            cls.answer_profile(response, cls.NOT_COUNTED_PROFILE)
        cls.period = cls.Period.create({
            "name": "SKM Maret 2025", "company_id": cls.company.id, "survey_id": cls.survey.id,
            "date_from": date(2025, 3, 1), "date_to": date(2025, 3, 31), "population": 100,
        })

    @classmethod
    def answer_profile(cls, response, profile):
        """The profile lines of a response: {part: choice suffix, or the age}."""
        lines = []
        for part, value in profile.items():
            question = cls.env.ref(f"{XMLID}{part}")
            if part == "age":
                lines.append({"user_input_id": response.id, "question_id": question.id,
                              "answer_type": "numerical_box", "value_numerical_box": value})
            else:
                lines.append({"user_input_id": response.id, "question_id": question.id,
                              "answer_type": "suggestion", "suggested_answer_id": cls.env.ref(f"{XMLID}{value}").id})
        cls.env["survey.user_input.line"].create(lines)

    @classmethod
    def choice(cls, suffix):
        return cls.env.ref(f"{XMLID}{suffix}")
