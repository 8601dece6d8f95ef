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

import re
from pathlib import Path
from xml.etree import ElementTree

import polib

from odoo.modules.module import Manifest
from odoo.tests import TransactionCase, tagged
from odoo.tools import file_path
from odoo.tools.translate import TranslationModuleReader

MODULE = "pengaduan_dpmptsp"
LANG = "id_ID"
I18N_DIR = Path(file_path(f"{MODULE}/i18n"))
PO_PATH = I18N_DIR / "id.po"
POT_PATH = I18N_DIR / f"{MODULE}.pot"

# printf-style placeholders (%s, %(name)s, %d, %%) and format/QWeb fields ({name}, {{ expr }})
PLACEHOLDER_RE = re.compile(
    r"%(?:\([^)]*\))?[-#0 +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[diouxXeEfFgGcrsa%]"
    r"|\{\{.*?\}\}|\{[^{}]*\}"
)
# markup kept verbatim in a translation: tag names and QWeb t-* attributes with their values
TAG_RE = re.compile(r"</?\s*([A-Za-z][\w:.-]*)")
QWEB_ATTR_RE = re.compile(r"""\bt-[\w-]+\s*=\s*(?:"[^"]*"|'[^']*')""")


def _placeholders(text):
    return sorted(PLACEHOLDER_RE.findall(text))


def _markup(text):
    return sorted(TAG_RE.findall(text)), sorted(QWEB_ATTR_RE.findall(text))


def _short(text, limit=100):
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


@tagged("post_install", "-at_install")
class TestI18n(TransactionCase):
    """The module's translatable terms all have an Indonesian translation."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.po = polib.pofile(str(PO_PATH))
        # msgid -> msgstr, for real (non-obsolete, non-fuzzy, non-empty) translations only
        cls.translations = {
            entry.msgid: entry.msgstr
            for entry in cls.po
            if not entry.obsolete and not entry.fuzzy and entry.msgstr.strip()
        }

    # ------------------------------------------------------------------
    # helpers
    # ------------------------------------------------------------------
    def _demo_xmlids(self):
        """External ids of the module's demo records: demo data is not part of the template."""
        manifest = Manifest.for_addon(MODULE, display_warning=False) or {}
        xmlids = set()
        for relpath in manifest.get("demo", []):
            path = Path(file_path(f"{MODULE}/{relpath}"))
            if path.suffix == ".xml":
                for node in ElementTree.parse(path).iter():
                    xmlid = node.get("id")
                    if xmlid:
                        xmlids.add(xmlid if "." in xmlid else f"{MODULE}.{xmlid}")
            elif path.suffix == ".csv":
                import csv  # noqa: PLC0415

                with path.open(newline="", encoding="utf-8") as f:
                    for row in csv.DictReader(f):
                        xmlid = row.get("id")
                        if xmlid:
                            xmlids.add(xmlid if "." in xmlid else f"{MODULE}.{xmlid}")
        return xmlids

    def _source_terms(self):
        """{term: [where it comes from]} of the module, as ``odoo i18n export`` collects them."""
        demo_xmlids = self._demo_xmlids()
        terms = {}
        reader = TranslationModuleReader(self.env.cr, modules=[MODULE])
        for module, ttype, name, res_id, source, _value, _comments in reader:
            if module != MODULE:
                continue
            if ttype in ("model", "model_terms") and res_id in demo_xmlids:
                continue
            where = f"{ttype}:{name}:{res_id}" if ttype != "code" else f"code:{name}"
            terms.setdefault(source, []).append(where)
        return terms

    # ------------------------------------------------------------------
    # tests
    # ------------------------------------------------------------------
    def test_every_term_translated(self):
        """Every source term of the module has a non-empty translation in id.po."""
        terms = self._source_terms()
        self.assertGreater(len(terms), 50, "the exporter found suspiciously few terms for the module")
        untranslated = sorted(term for term in terms if term not in self.translations)
        if untranslated:
            lines = [
                f"  - {term!r}  ({terms[term][0]}{', ...' if len(terms[term]) > 1 else ''})" for term in untranslated
            ]
            self.fail(
                f"{len(untranslated)} term(s) of {MODULE} have no Indonesian translation in "
                f"{MODULE}/i18n/id.po (re-export the .pot and translate them):\n" + "\n".join(lines)
            )

    def test_template_up_to_date(self):
        """Every source term is in the .pot: the .po is merged with it when loaded, and entries
        missing from the template would be discarded as obsolete."""
        template = {entry.msgid for entry in polib.pofile(str(POT_PATH)) if not entry.obsolete}
        missing = sorted(term for term in self._source_terms() if term not in template)
        if missing:
            self.fail(
                f"{len(missing)} term(s) are missing from {MODULE}/i18n/{MODULE}.pot; re-export it "
                f"with `odoo --addons-path=addons i18n export -d <db> {MODULE}`:\n"
                + "\n".join(f"  - {term!r}" for term in missing)
            )

    def test_placeholders_and_markup_kept(self):
        """A translation keeps the placeholders, HTML tags and QWeb attributes of its msgid."""
        problems = []
        for msgid, msgstr in self.translations.items():
            if _placeholders(msgid) != _placeholders(msgstr):
                problems.append(
                    f"  - placeholders {_placeholders(msgid)} != {_placeholders(msgstr)}: "
                    f"{_short(msgid)!r} -> {_short(msgstr)!r}"
                )
            elif _markup(msgid) != _markup(msgstr):
                problems.append(f"  - markup differs: {_short(msgid)!r} -> {_short(msgstr)!r}")
        if problems:
            self.fail(
                f"{len(problems)} translation(s) in {MODULE}/i18n/id.po break their msgid:\n" + "\n".join(problems)
            )

    def test_po_header(self):
        self.assertEqual(self.po.metadata.get("Language"), "id")
        self.assertEqual(self.po.metadata.get("Plural-Forms"), "nplurals=1; plural=0;")

    def test_translations_loaded(self):
        """With Indonesian active and the module's terms loaded, the UI speaks Indonesian."""
        self.env["res.lang"]._activate_lang(LANG)
        self.env["ir.module.module"]._load_module_terms([MODULE], [LANG], overwrite=True)
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
