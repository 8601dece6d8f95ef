# isort: off
# the mixin first: models below inherit from it
from . import pengaduan_cache_mixin
# isort: on
from . import (
    fetchmail_server,
    hr_department,
    hr_employee,
    ir_sequence,
    ir_sequence_date_range,
    mail_alias,
    mail_alias_domain,
    mail_template,
    mail_thread,
    pengaduan_category,
    pengaduan_channel,
    pengaduan_complaint,
    pengaduan_disposition,
    pengaduan_letter,
    pengaduan_letter_numbering,
    pengaduan_request_log,
    res_company,
    res_config_settings,
    res_partner,
    res_users,
    resource_calendar,
    resource_calendar_attendance,
    resource_calendar_leaves,
)
