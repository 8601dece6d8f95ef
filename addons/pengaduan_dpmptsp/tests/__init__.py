from . import (
    test_berita_acara,
    test_click_everywhere,
    test_completeness,
    test_first_hour,
    test_flow,
    test_i18n,
    test_side_tables,
)
