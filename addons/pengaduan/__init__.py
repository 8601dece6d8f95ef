from . import controllers, models, tools, wizards


def post_init_hook(env):
    """Every existing company gets its complaint alias."""
    env["res.company"].search([])._pengaduan_ensure_alias()
