"""Keep the Indonesian translation of pengaduan_dpmptsp (i18n/id.po) complete: the core's checks
(see ``pengaduan/tests/test_i18n.py`` for how to regenerate the template) on this addon."""

from odoo.tests import tagged

from odoo.addons.pengaduan.tests import test_i18n as core_i18n


@tagged("post_install", "-at_install")
class TestI18n(core_i18n.TestI18n):
    """The checks of the core (every term translated, template up to date, placeholders kept)
    on this addon's id.po, plus a few of its terms."""

    allow_inherited_tests_method = True  # the core's checks run on this addon
    module = "pengaduan_dpmptsp"
    min_terms = 50

    def test_translations_loaded(self):
        """With Indonesian active and the module's terms loaded, the UI speaks Indonesian."""
        env = self._indonesian_env()
        Complaint = env["pengaduan.complaint"]

        stages = dict(Complaint._fields["dpmptsp_stage"]._description_selection(env))
        self.assertEqual(stages["paraf_kabid"], "Paraf Kabid")
        self.assertEqual(stages["signature"], "Tanda Tangan Kepala Dinas")
        self.assertEqual(stages["handed"], "Diserahkan kepada Pelapor")
        types = dict(env["pengaduan.document"]._fields["document_type"]._description_selection(env))
        self.assertEqual(types["form"], "Formulir Pengaduan")
        descriptions = Complaint.fields_get(["dpmptsp_completeness"], ["string"])
        self.assertEqual(descriptions["dpmptsp_completeness"]["string"], "Kelengkapan Berkas")
        self.assertEqual(env.ref("pengaduan_dpmptsp.group_front_office").name, "Front Office (DPMPTSP)")
        self.assertEqual(env.ref("pengaduan_dpmptsp.pengaduan_complaint_action_register").name,
                         "Buku Register Pengaduan")
        arch = Complaint.get_view(env.ref("pengaduan.pengaduan_complaint_view_form").id, "form")["arch"]
        self.assertIn("Periksa Kelengkapan", arch)

        # code translations (the msgid is a variable so that the exporter does not pick it up here)
        message = "Write the reason for sending the complaint back."
        self.assertEqual(env._(message), "Tuliskan alasan pengembalian pengaduan.")
