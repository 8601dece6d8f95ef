from . import test_i18n, test_skm, test_skm_invitation
