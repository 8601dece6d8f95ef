from . import pengaduan_dpmptsp_step_wizard
