# isort: off
# the period first: its concern files extend it
from . import pengaduan_skm_period
# isort: on
from . import (
    pengaduan_complaint,
    pengaduan_skm_demo,
    pengaduan_skm_element_result,
    pengaduan_skm_invitation,
    pengaduan_skm_period_report,
    pengaduan_skm_public,
    pengaduan_skm_response_line,
    report_queue_ticket,
    res_company,
    res_config_settings,
    survey_question,
    survey_user_input,
)
