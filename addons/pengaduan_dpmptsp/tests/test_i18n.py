"""Keep the Indonesian translation (i18n/id.po) complete.

The source terms are collected with Odoo's own exporter (the reader behind
``odoo i18n export``), so a new user-facing string -- a field label, a help
text, a selection value, a view string, a data record or a ``_()`` /
``self.env._()`` message -- makes this test fail until it is translated.

To fix a failure, regenerate the template from a fresh database and translate
the new entries in ``i18n/id.po``::

    dropdb --if-exists pi18n
    odoo -d pi18n --addons-path=addons -i pengaduan_dpmptsp --stop-after-init
    odoo --addons-path=addons i18n export -d pi18n pengaduan_dpmptsp
    msgmerge --quiet --update --no-fuzzy-matching --backup=none \\
        addons/pengaduan_dpmptsp/i18n/id.po addons/pengaduan_dpmptsp/i18n/pengaduan_dpmptsp.pot
    msgattrib --no-obsolete -o addons/pengaduan_dpmptsp/i18n/id.po addons/pengaduan_dpmptsp/i18n/id.po
"""

from odoo.tests import tagged

from odoo.addons.pengaduan.tests import test_i18n as core_i18n

LANG = core_i18n.LANG


@tagged("post_install", "-at_install")
class TestI18n(core_i18n.TestI18n):
    """The checks of the core (every term translated, template up to date, placeholders kept)
    on this addon's id.po, plus a few of its terms."""

    allow_inherited_tests_method = True  # the core's checks run on this addon
    module = "pengaduan_dpmptsp"
    min_terms = 50

    def test_translations_loaded(self):
        """With Indonesian active and the module's terms loaded, the UI speaks Indonesian."""
        self.env["res.lang"]._activate_lang(LANG)
        self.env["ir.module.module"]._load_module_terms([self.module], [LANG], overwrite=True)
        self.env.registry.clear_cache("stable")  # translated field descriptions / selections
        env = self.env(context=dict(self.env.context, lang=LANG))
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
