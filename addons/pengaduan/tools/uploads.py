"""The files a citizen may send with a complaint (web form, portal, e-mail).

Only real PDF, JPG, PNG and DOCX documents within the office's size limits are kept. The type
is taken from the content, never from the name or from what the client claims: a renamed
executable or archive is refused, and a name that says another type than the content is
refused too (the portal stores the type that the name says, and handlers open files by name).

Shared API (messages are translated, in the language of ``env``, and name the file):

- ``ALLOWED_TYPES``: mimetype -> label of the accepted documents;
- ``upload_limits(env) -> (max_bytes_per_file, max_total_bytes)``;
- ``check_upload(env, name, data) -> (mimetype, error)``: exactly one of both is None;
- ``filter_uploads(env, files) -> (kept, refused)``: ``files`` a list of ``(name, data)``,
  ``kept`` a list of ``{"name", "raw", "mimetype"}`` (ready for ``ir.attachment``),
  ``refused`` a list of ``(name, error)``; per-file, total and count limits enforced.
"""

import io
import math
import mimetypes
import re
import zipfile

from odoo.tools.mimetypes import guess_mimetype

MB = 1024 * 1024
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ALLOWED_TYPES = {
    "application/pdf": "PDF",
    "image/jpeg": "JPG",
    "image/png": "PNG",
    DOCX: "DOCX",
}
# parts every Word document has (ECMA-376 part 2: the content types stream; the main document
# part, which Word always writes there): a zip without them is not a Word document, whatever
# its name or its first bytes (libmagic only looks at the name of the first member)
DOCX_PARTS = frozenset({"[Content_Types].xml", "word/document.xml"})
# the member list of a real document is short; a zip whose central directory announces more is
# refused without looking further
DOCX_MAX_MEMBERS = 10_000
DEFAULT_MAX_MB = 10
MAX_FILES = 20
MAX_NAME_LENGTH = 255
# what the name's extension may say for each accepted type (mimetypes' table: .jpg, .jpeg,
# .jpe, .jfif are all image/jpeg); a name with no extension, or one unknown to the table,
# says nothing
NAME_TYPES = {"image/pjpeg": "image/jpeg", "image/jpg": "image/jpeg"}
# control characters: PostgreSQL refuses NUL, XML (QWeb pages) refuses all but tab and newlines
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _mb_param(env, key, default):
    """A size in MB from the system parameters, in bytes; the default for a missing, unreadable,
    zero, negative or infinite value (a typo must not stop the office from receiving files)."""
    value = env["ir.config_parameter"].sudo().get_param(key)
    try:
        megabytes = float(value)
    except (TypeError, ValueError):
        megabytes = default
    if not math.isfinite(megabytes) or megabytes <= 0:
        megabytes = default
    return int(megabytes * MB)


def upload_limits(env):
    """``(max_bytes_per_file, max_total_bytes)`` from ``pengaduan.attachment_max_mb`` and
    ``pengaduan.attachment_total_max_mb`` (10 MB each by default)."""
    return (_mb_param(env, "pengaduan.attachment_max_mb", DEFAULT_MAX_MB),
            _mb_param(env, "pengaduan.attachment_total_max_mb", DEFAULT_MAX_MB))


def format_mb(size):
    """A size in bytes as the MB figure shown to people: 10, 0.5."""
    return f"{size / MB:.1f}".removesuffix(".0")


def _shown_name(name):
    """The file name as messages show it: no control characters, not endless."""
    name = CONTROL_RE.sub("", name or "")
    return name if len(name) <= 80 else name[:77] + "..."


def _is_docx_package(data):
    """True when ``data`` is a zip holding the parts of a Word document. Only the central
    directory is read, never a member: a zip bomb costs nothing here."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            infos = package.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError,
            NotImplementedError, RuntimeError, UnicodeDecodeError):
        return False
    if len(infos) > DOCX_MAX_MEMBERS:
        return False
    return DOCX_PARTS.issubset(info.filename for info in infos)


def check_upload(env, name, data):
    """``(mimetype, None)`` for an accepted file, ``(None, message)`` for a refused one."""
    max_bytes = upload_limits(env)[0]
    shown = _shown_name(name)
    if CONTROL_RE.search(name or "") or len(name or "") > MAX_NAME_LENGTH:
        return None, env._("The name of the file %(name)s is too long or contains characters that are "
                           "not allowed: rename it.", name=shown)
    if len(data) > max_bytes:
        return None, env._("The file %(name)s is larger than %(size)s MB.", name=shown, size=format_mb(max_bytes))
    mimetype = guess_mimetype(data, default="application/octet-stream")
    if mimetype not in ALLOWED_TYPES:
        return None, env._("The file %(name)s is not a PDF, JPG, PNG or DOCX document.", name=shown)
    if mimetype == DOCX and not _is_docx_package(data):
        return None, env._("The file %(name)s is not a real Word (DOCX) document.", name=shown)
    named = mimetypes.guess_type(name or "", strict=False)[0]
    if named and NAME_TYPES.get(named, named) != mimetype:
        return None, env._("The file %(name)s is a %(type)s document but its name says otherwise: rename it "
                           "with the right extension.", name=shown, type=ALLOWED_TYPES[mimetype])
    return mimetype, None


def filter_uploads(env, files):
    """Split ``files`` (``(name, data)`` pairs) into the kept attachments and the refused files.

    Files are taken in order: once the total limit (or the number of files) would be passed,
    the following files are refused, each with its message."""
    max_total = upload_limits(env)[1]
    kept, refused, total = [], [], 0
    for name, data in files:
        mimetype, error = check_upload(env, name, data)
        if not error and len(kept) >= MAX_FILES:
            error = env._("The file %(name)s is refused: at most %(count)s files can be sent.",
                          name=_shown_name(name), count=MAX_FILES)
        if not error and total + len(data) > max_total:
            error = env._("The file %(name)s is refused: all the files together would be larger than %(size)s MB.",
                          name=_shown_name(name), size=format_mb(max_total))
        if error:
            refused.append((name, error))
            continue
        total += len(data)
        kept.append({"name": name, "raw": data, "mimetype": mimetype})
    return kept, refused
