from . import mail_headers, nik, working_time
