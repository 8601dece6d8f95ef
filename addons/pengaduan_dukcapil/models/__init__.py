from . import ir_ui_menu, pengaduan_complaint, pengaduan_walkin_step, res_company, res_config_settings
