from . import (
    ir_ui_menu,
    pengaduan_complaint,
    pengaduan_document,
    pengaduan_dpmptsp_step,
    pengaduan_letter,
    pengaduan_letter_numbering,
    res_company,
    res_config_settings,
)
