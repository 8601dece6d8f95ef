"""Keep the Indonesian translation of pengaduan_dukcapil (i18n/id.po) complete: the core's checks
(see ``pengaduan/tests/test_i18n.py`` for how to regenerate the template) on this addon."""

from odoo.tests import tagged

from odoo.addons.pengaduan.tests import test_i18n as core_i18n

LANG = core_i18n.LANG


@tagged("post_install", "-at_install")
class TestI18n(core_i18n.TestI18n):
    allow_inherited_tests_method = True  # the core's checks run on this addon
    module = "pengaduan_dukcapil"
    min_terms = 20

    def test_translations_loaded(self):
        """With Indonesian active and the addon's terms loaded, its screens speak Indonesian."""
        self.env["res.lang"]._activate_lang(LANG)
        self.env["ir.module.module"]._load_module_terms([self.module], [LANG], overwrite=True)
        self.env.registry.clear_cache("stable")
        env = self.env(context=dict(self.env.context, lang=LANG))
        Complaint = env["pengaduan.complaint"]
        sexes = dict(Complaint._fields["nik_sex"]._description_selection(env))
        self.assertEqual(sexes["female"], "Perempuan")
        descriptions = Complaint.fields_get(["nik_birth_date"], ["string"])
        self.assertEqual(descriptions["nik_birth_date"]["string"], "Tanggal Lahir (dari NIK)")
        # code translations (the msgid is a variable so that the exporter does not pick it up here)
        message = "All walk-in steps of %s are done."
        self.assertEqual(env._(message), "Semua tahap layanan datang langsung untuk %s sudah selesai.")
