from . import pengaduan_dispose_wizard
