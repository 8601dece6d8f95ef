from . import fetchmail_retry, mail_headers, nik, working_time
