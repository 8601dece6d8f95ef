"""Keep the Indonesian translation of pengaduan_dukcapil (i18n/id.po) complete: the core's checks
(see ``pengaduan/tests/test_i18n.py`` for how to regenerate the template) on this addon."""

from odoo.tests import tagged

from odoo.addons.pengaduan.tests import test_i18n as core_i18n


@tagged("post_install", "-at_install")
class TestI18n(core_i18n.TestI18n):
    allow_inherited_tests_method = True  # the core's checks run on this addon
    module = "pengaduan_dukcapil"
    min_terms = 20

    def test_translations_loaded(self):
        """With Indonesian active and the addon's terms loaded, its screens speak Indonesian."""
        env = self._indonesian_env()
        Complaint = env["pengaduan.complaint"]
        sexes = dict(Complaint._fields["nik_sex"]._description_selection(env))
        self.assertEqual(sexes["female"], "Perempuan")
        descriptions = Complaint.fields_get(["nik_birth_date"], ["string"])
        self.assertEqual(descriptions["nik_birth_date"]["string"], "Tanggal Lahir (dari NIK)")
        # code translations (the msgid is a variable so that the exporter does not pick it up here)
        message = "All walk-in steps of %s are done."
        self.assertEqual(env._(message), "Semua tahap layanan datang langsung untuk %s sudah selesai.")
