from . import (
    hr_department,
    hr_employee,
    mail_thread,
    pengaduan_category,
    pengaduan_channel,
    pengaduan_complaint,
    pengaduan_disposition,
    pengaduan_request_log,
    res_company,
    res_config_settings,
    res_users,
)
