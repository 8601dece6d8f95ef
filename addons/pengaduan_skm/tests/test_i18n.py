"""Keep the Indonesian translation of pengaduan_skm (i18n/id.po) complete: the core's checks
(see ``pengaduan/tests/test_i18n.py`` for how to regenerate the template) on this addon."""

from odoo.tests import tagged

from odoo.addons.pengaduan.tests import test_i18n as core_i18n


@tagged("post_install", "-at_install")
class TestI18n(core_i18n.TestI18n):
    allow_inherited_tests_method = True  # the core's checks run on this addon
    module = "pengaduan_skm"
    min_terms = 60

    def test_translations_loaded(self):
        """With Indonesian active and the addon's terms loaded, the questionnaire and the screens
        speak Indonesian."""
        env = self._indonesian_env()
        question = env.ref("pengaduan_skm.survey_skm_u1")
        self.assertEqual(question.title, "Bagaimana pendapat Saudara tentang kesesuaian persyaratan "
                                         "pelayanan dengan jenis pelayanannya?")
        self.assertEqual(env.ref("pengaduan_skm.survey_skm_u9_1").value, "Buruk")
        grades = dict(env["pengaduan.skm.period"]._fields["grade"]._description_selection(env))
        self.assertEqual(grades["A"], "A (Sangat Baik)")
        message = "Only complaint managers publish or unpublish an SKM period."
        self.assertEqual(env._(message), "Hanya manajer pengaduan yang dapat menerbitkan atau menarik periode SKM.")
