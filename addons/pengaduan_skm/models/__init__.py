from . import pengaduan_skm_element_result, pengaduan_skm_period, pengaduan_skm_demo, survey_question
