from . import test_i18n, test_skm, test_skm_breakdown, test_skm_invitation, test_skm_report
