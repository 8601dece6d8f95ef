from . import test_berita_acara, test_completeness, test_flow, test_i18n, test_side_tables
