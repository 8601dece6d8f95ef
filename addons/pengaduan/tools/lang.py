"""The language of the office's own texts and of a new complainant's contact."""


def indonesian_or_current(env):
    """Indonesian when installed (the offices' language), else the current language."""
    return "id_ID" if env["res.lang"]._lang_get("id_ID") else env.lang or "en_US"
