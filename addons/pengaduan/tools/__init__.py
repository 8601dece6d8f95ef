from . import nik, working_time
