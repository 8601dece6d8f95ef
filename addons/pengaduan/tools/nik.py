"""Structure check of the Indonesian population number (NIK).

``PP KK SS DDMMYY NNNN``: province, regency/city, district, birth date (day
+ 40 for women) and a serial number. Only the structure can be checked
offline; whether the number exists is Dukcapil's business.
"""

import calendar
import re

# Province codes (kode wilayah Kemendagri), including the new Papua provinces.
PROVINCE_CODES = frozenset({
    11, 12, 13, 14, 15, 16, 17, 18, 19, 21,
    31, 32, 33, 34, 35, 36,
    51, 52, 53,
    61, 62, 63, 64, 65,
    71, 72, 73, 74, 75, 76,
    81, 82,
    91, 92, 93, 94, 95, 96, 97,
})

# ASCII digits only (``\d`` also matches other scripts' digits) and no trailing newline (``$``)
_NIK_RE = re.compile(r"^[0-9]{16}\Z")


def nik_problem(nik):
    """Return a short English reason why ``nik`` is not a plausible NIK, or None.

    The reasons are plain keys; callers translate them.
    """
    if not _NIK_RE.match(nik or ""):
        return "format"
    province, regency, district = int(nik[0:2]), int(nik[2:4]), int(nik[4:6])
    day, month, year = int(nik[6:8]), int(nik[8:10]), int(nik[10:12])
    serial = int(nik[12:16])
    if province not in PROVINCE_CODES:
        return "province"
    if not regency or not district:
        return "region"
    if day > 40:
        day -= 40
    if not 1 <= month <= 12 or not 1 <= day <= 31:
        return "birth_date"
    # the two-digit year is ambiguous (19xx/20xx): accept the day if it exists in either century
    if day > max(calendar.monthrange(century + year, month)[1] for century in (1900, 2000)):
        return "birth_date"
    if not serial:
        return "serial"
    return None


def nik_birth_info(nik):
    """Return ``(day, month, two_digit_year, is_female)`` of a structurally valid NIK."""
    day, month, year = int(nik[6:8]), int(nik[8:10]), int(nik[10:12])
    return (day - 40 if day > 40 else day), month, year, day > 40


def mask_nik(nik):
    """Show only the region code and the serial number: ``1471********0001``."""
    if not nik:
        return ""
    if len(nik) <= 8:
        return "*" * len(nik)
    return nik[:4] + "*" * (len(nik) - 8) + nik[-4:]


def nip_problem(nip):
    """Return why ``nip`` is not a plausible civil-servant number (NIP), or None.

    ``YYYYMMDD YYYYMM S NNN``: birth date, start of service (year and month),
    sex (1 man, 2 woman) and a serial number: 18 digits.
    """
    if not re.match(r"^[0-9]{18}\Z", nip or ""):
        return "format"
    birth_year, birth_month, birth_day = int(nip[0:4]), int(nip[4:6]), int(nip[6:8])
    start_year, start_month = int(nip[8:12]), int(nip[12:14])
    if not 1900 <= birth_year <= 2100 or not 1 <= birth_month <= 12 \
            or not 1 <= birth_day <= calendar.monthrange(birth_year, birth_month)[1]:
        return "birth_date"
    if not birth_year < start_year <= 2100 or not 1 <= start_month <= 12:
        return "start_date"
    if nip[14] not in "12":
        return "sex"
    if nip[15:18] == "000":
        return "serial"
    return None


def format_nip(nip):
    """Group an 18-digit NIP as official letters print it (birth date, start of service, sex,
    serial): ``19620820 198301 1 001``. Anything else is returned as it is."""
    nip = (nip or "").strip()
    if not re.match(r"^[0-9]{18}\Z", nip):
        return nip
    return f"{nip[0:8]} {nip[8:14]} {nip[14]} {nip[15:18]}"
