"""Keep the Indonesian translation (i18n/id.po) complete.

The source terms are collected with Odoo's own exporter (the reader behind
``odoo i18n export``), so a new user-facing string -- a field label, a help
text, a selection value, a view string, a data record or a ``_()`` /
``self.env._()`` message -- makes this test fail until it is translated.

To fix a failure, regenerate the template from a fresh database and translate
the new entries in ``i18n/id.po``::

    dropdb --if-exists pi18n
    odoo -d pi18n --addons-path=addons -i pengaduan --stop-after-init
    odoo --addons-path=addons i18n export -d pi18n pengaduan
    msgmerge --quiet --update --no-fuzzy-matching --backup=none \\
        addons/pengaduan/i18n/id.po addons/pengaduan/i18n/pengaduan.pot
    msgattrib --no-obsolete -o addons/pengaduan/i18n/id.po addons/pengaduan/i18n/id.po
"""

import re
from pathlib import Path
from xml.etree import ElementTree

import polib

from odoo.modules.module import Manifest
from odoo.tests import TransactionCase, tagged
from odoo.tools import file_path
from odoo.tools.translate import TranslationModuleReader

LANG = "id_ID"

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
    """The module's translatable terms all have an Indonesian translation.

    The agency addons reuse it: a subclass sets ``module`` (and ``min_terms``) and overrides
    ``test_translations_loaded`` with a few terms of its own."""

    module = "pengaduan"
    min_terms = 100

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        i18n_dir = Path(file_path(f"{cls.module}/i18n"))
        cls.po_path, cls.pot_path = i18n_dir / "id.po", i18n_dir / f"{cls.module}.pot"
        cls.po = polib.pofile(str(cls.po_path))
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
        manifest = Manifest.for_addon(self.module, display_warning=False) or {}
        xmlids = set()
        for relpath in manifest.get("demo", []):
            path = Path(file_path(f"{self.module}/{relpath}"))
            if path.suffix == ".xml":
                for node in ElementTree.parse(path).iter():
                    xmlid = node.get("id")
                    if xmlid:
                        xmlids.add(xmlid if "." in xmlid else f"{self.module}.{xmlid}")
            elif path.suffix == ".csv":
                import csv  # noqa: PLC0415

                with path.open(newline="", encoding="utf-8") as f:
                    for row in csv.DictReader(f):
                        xmlid = row.get("id")
                        if xmlid:
                            xmlids.add(xmlid if "." in xmlid else f"{self.module}.{xmlid}")
        return xmlids

    def _source_terms(self):
        """{term: [where it comes from]} of the module, as ``odoo i18n export`` collects them."""
        demo_xmlids = self._demo_xmlids()
        terms = {}
        reader = TranslationModuleReader(self.env.cr, modules=[self.module])
        for module, ttype, name, res_id, source, _value, _comments in reader:
            if module != self.module:
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
        self.assertGreater(len(terms), self.min_terms, "the exporter found suspiciously few terms for the module")
        untranslated = sorted(term for term in terms if term not in self.translations)
        if untranslated:
            lines = [
                f"  - {term!r}  ({terms[term][0]}{', ...' if len(terms[term]) > 1 else ''})" for term in untranslated
            ]
            self.fail(
                f"{len(untranslated)} term(s) of {self.module} have no Indonesian translation in "
                f"{self.module}/i18n/id.po (re-export the .pot and translate them):\n" + "\n".join(lines)
            )

    def test_template_up_to_date(self):
        """Every source term is in the .pot: the .po is merged with it when loaded, and entries
        missing from the template would be discarded as obsolete."""
        template = {entry.msgid for entry in polib.pofile(str(self.pot_path)) if not entry.obsolete}
        missing = sorted(term for term in self._source_terms() if term not in template)
        if missing:
            self.fail(
                f"{len(missing)} term(s) are missing from {self.module}/i18n/{self.module}.pot; re-export it "
                f"with `odoo --addons-path=addons i18n export -d <db> {self.module}`:\n"
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
                f"{len(problems)} translation(s) in {self.module}/i18n/id.po break their msgid:\n" + "\n".join(problems)
            )

    def test_po_header(self):
        self.assertEqual(self.po.metadata.get("Language"), "id")
        self.assertEqual(self.po.metadata.get("Plural-Forms"), "nplurals=1; plural=0;")

    def _indonesian_env(self):
        """The environment in Indonesian with the module's terms loaded."""
        self.env["res.lang"]._activate_lang(LANG)
        self.env["ir.module.module"]._load_module_terms([self.module], [LANG], overwrite=True)
        self.env.registry.clear_cache("stable")  # translated field descriptions / selections
        return self.env(context=dict(self.env.context, lang=LANG))

    def test_translations_loaded(self):
        """With Indonesian active and the module's terms loaded, the UI speaks Indonesian."""
        env = self._indonesian_env()
        Complaint = env["pengaduan.complaint"]

        # selection values
        states = dict(Complaint._fields["state"]._description_selection(env))
        self.assertEqual(states["new"], "Diterima")
        self.assertEqual(states["returned"], "Dikembalikan")
        self.assertEqual(states["verified"], "Terverifikasi")
        self.assertEqual(states["in_progress"], "Diproses")
        self.assertEqual(states["answered"], "Dijawab")
        self.assertEqual(states["closed"], "Selesai")
        self.assertEqual(states["rejected"], "Ditolak")
        sla_states = dict(Complaint._fields["sla_state"]._description_selection(env))
        self.assertEqual(sla_states["on_track"], "Sesuai Jadwal")
        self.assertEqual(sla_states["at_risk"], "Berisiko Terlambat")

        # field labels
        descriptions = Complaint.fields_get(["number", "partner_id", "user_id"], ["string"])
        self.assertEqual(descriptions["number"]["string"], "Nomor Pengaduan")
        self.assertEqual(descriptions["partner_id"]["string"], "Pelapor")
        self.assertEqual(descriptions["user_id"]["string"], "Petugas Penangan")

        # data records and view architecture
        self.assertEqual(env.ref("pengaduan.channel_walkin").name, "Datang Langsung")
        self.assertEqual(env.ref("pengaduan.group_officer").name, "Petugas Pengelola Pengaduan")
        arch = Complaint.get_view(env.ref("pengaduan.pengaduan_complaint_view_form").id, "form")["arch"]
        self.assertIn("Kembalikan ke Pelapor", arch)

        # code translations (the msgid is a variable so that the exporter does not pick it up here)
        message = "Complaint at risk"
        self.assertEqual(env._(message), "Pengaduan berisiko terlambat")
