from . import (
    pengaduan_complaint,
    pengaduan_document,
    pengaduan_dpmptsp_step,
    pengaduan_letter,
    pengaduan_letter_numbering,
    res_company,
    res_config_settings,
)
