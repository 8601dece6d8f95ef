from . import test_dukcapil, test_i18n, test_menus, test_side_tables
