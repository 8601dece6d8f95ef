from . import (
    pengaduan_dashboard,
    pengaduan_dispose_wizard,
    pengaduan_identity_wizard,
    pengaduan_quick_entry_wizard,
    pengaduan_register_wizard,
)
