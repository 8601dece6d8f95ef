from . import pengaduan_dashboard
