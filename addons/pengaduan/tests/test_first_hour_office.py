"""The first hour of a new office on demo data (issue 10): the office's own website, its
categories only, dispositions inside the office, what a Bidang sees, where staff land."""

import re

from odoo.exceptions import ValidationError
from odoo.tests import HttpCase, TransactionCase, tagged
from odoo.tools.safe_eval import safe_eval

# Odoo's website placeholders and demo company data a citizen must never see
PLACEHOLDERS = (
    "555-555-5556", "yourcompany.example.com", "Copyright &copy; Company name", "Fake Buena Vista",
    "We are a team of passionate people", "Marina Blvd",
)


@tagged("post_install", "-at_install")
class TestOfficeWebsite(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.website = cls.env.ref("website.default_website")
        cls.company = cls.website.company_id
        cls.env["ir.config_parameter"].set_param("pengaduan.form_rate_limit", "50")

    def test_pages_show_the_office_and_no_placeholder(self):
        urls = ("/", "/pengaduan/beranda", "/pengaduan", "/pengaduan/lacak", "/contactus")
        for lang, url in [(lang, url) for lang in ("id_ID", "en_US") for url in urls]:
            with self.subTest(url=url, lang=lang):
                self.opener.cookies.set("frontend_lang", lang)
                response = self.url_open(url if lang == "id_ID" else f"/en{url}")
                self.assertEqual(response.status_code, 200)
                page = response.text
                self.assertIn(f'<html lang="{lang.replace("_", "-")}"', page)
                self.assertIn(self.company.name, page)
                for placeholder in PLACEHOLDERS:
                    self.assertNotIn(placeholder, page)
        self.assertNotEqual(self.website.logo, self.website._default_logo(), "the website shows Odoo's 'Your Logo'")

    def test_home_page_lists_channels_standards_and_links(self):
        page = self.url_open("/").text
        self.assertIn('id="pengaduan_home_standards"', page, "the home page is not the office's")
        self.assertRegex(page, r'href="(/en)?/pengaduan"')
        self.assertRegex(page, r'href="(/en)?/pengaduan/lacak"')
        category = self.env["pengaduan.complaint"].with_company(self.company)._public_categories()[:1]
        self.assertTrue(category)
        self.assertIn(category._public_standard(), page)
        self.assertEqual(self.website.default_lang_id.code, "id_ID", "the office's website speaks Indonesian first")

    def test_form_offers_only_the_office_categories_and_files_there(self):
        other = self.env["res.company"].create({"name": "Dinas Lain Kota Uji"})
        foreign = self.env["pengaduan.category"].create({"name": "Kategori Dinas Lain", "company_id": other.id})
        own = self.env["pengaduan.category"].create({"name": "Kategori Kantor Ini", "company_id": self.company.id})
        page = self.url_open("/pengaduan").text
        self.assertIn(own.name, page)
        self.assertNotIn(foreign.name, page)
        token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        values = {"reporter_name": "Ani Wijaya", "reporter_email": "ani.kantor@example.com",
                  "name": "Kategori kantor lain", "description": "Uji.", "anonymity": "none",
                  "csrf_token": token}
        refused = self.url_open("/pengaduan", data=dict(values, category_id=str(foreign.id)))
        self.assertIn("pengaduan_form_errors", refused.text)
        self.assertFalse(self.env["pengaduan.complaint"].search([("name", "=", "Kategori kantor lain")]))
        self.url_open("/pengaduan", data=dict(values, category_id=str(own.id)))
        complaint = self.env["pengaduan.complaint"].search([("name", "=", "Kategori kantor lain")])
        self.assertEqual(complaint.company_id, self.company)
        self.assertEqual(complaint.category_id, own)


    def test_public_times_carry_the_office_zone(self):
        category = self.env["pengaduan.complaint"].with_company(self.company)._public_categories()[:1]
        complaint = self.env["pengaduan.complaint"].sudo().create({
            "name": "Jam pelayanan", "category_id": category.id, "company_id": self.company.id,
            "reporter_name": "Rina Warga", "reporter_email": "rina.jam@warga.example"})
        page = self.url_open(f"/pengaduan/lacak?number={complaint.number}&contact=rina.jam@warga.example").text
        self.assertIn("o_pengaduan_track_result", page)
        self.assertRegex(page, r"Resolution due by:\s*<span>\d{1,2} \w+ \d{4} \d\d:\d\d WIB</span>")
        self.assertNotRegex(page, r"\d\d/\d\d/\d{4} \d\d:\d\d:\d\d", "a bare date-time, no zone")

    def test_portal_list_keeps_the_status_on_a_phone(self):
        self.authenticate("warga", "warga")
        page = self.url_open("/my/pengaduan").text
        self.assertIn("o_pengaduan_portal_row", page, "the demo citizen has complaints")
        head = page[page.index("<thead>"):page.index("</thead>")]
        headers = re.findall(r"<th(?:\s[^>]*)?>", head)
        self.assertEqual(len(headers), 4)
        self.assertEqual(headers[2], '<th class="d-none d-md-table-cell">', "the received date gives way on a phone")
        self.assertNotIn("d-none", headers[3], "the status column stays on small screens")
        self.assertRegex(page, r'<td class="text-nowrap"><a [^>]*>ADU-')


@tagged("post_install", "-at_install")
class TestOfficeDesk(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.ref("base.main_company")
        cls.other = cls.env["res.company"].create({"name": "Dinas Lain Kota Uji"})
        cls.foreign_department = cls.env["hr.department"].create(
            {"name": "Bidang Dinas Lain", "company_id": cls.other.id})
        cls.department = cls.env.ref("pengaduan.department_pendaftaran")
        cls.complaint = cls.env["pengaduan.complaint"].create({
            "name": "Uji disposisi antar kantor", "reporter_name": "Warga Uji", "company_id": cls.company.id,
        })

    def test_no_disposition_to_another_office(self):
        self.complaint.action_verify()
        Disposition = self.env["pengaduan.disposition"].with_user(self.env.ref("pengaduan.user_kepala"))
        with self.assertRaises(ValidationError):
            Disposition.create({"complaint_id": self.complaint.id, "to_department_id": self.foreign_department.id})
        outsider = self.env["res.users"].create({
            "name": "Pegawai Dinas Lain", "login": "pegawai_lain", "company_id": self.other.id,
            "company_ids": [(6, 0, self.other.ids)],
            "group_ids": [(6, 0, [self.env.ref("pengaduan.group_handler").id])],
        })
        with self.assertRaises(ValidationError):
            Disposition.create({"complaint_id": self.complaint.id, "to_user_id": outsider.id,
                                "to_department_id": self.department.id})

    def test_dispose_wizard_offers_only_the_office_staff(self):
        wizard = self.env["pengaduan.dispose.wizard"].with_context(
            active_model="pengaduan.complaint", active_ids=self.complaint.ids).create({})
        self.assertEqual(wizard.company_id, self.company)
        fields = wizard.get_views([(False, "form")])["models"]["pengaduan.dispose.wizard"]["fields"]
        view = wizard.get_views([(False, "form")])["views"]["form"]["arch"]
        user_domain = re.search(r'name="to_user_id"[^>]*domain="([^"]+)"', view).group(1)
        user_domain = user_domain.replace("&amp;", "&").replace("&gt;", ">").replace("&lt;", "<")
        department_domain = fields["to_department_id"]["domain"]
        for department in (False, self.department.id):
            with self.subTest(department=department):
                context = {"company_id": self.company.id, "to_department_id": department}
                users = self.env["res.users"].search(safe_eval(user_domain, context))
                logins = set(users.mapped("login"))
                self.assertIn("kabid", logins)
                self.assertIn("bidang", logins)
                self.assertNotIn("demo", logins, "Odoo's Marc Demo is offered")
                self.assertNotIn("pegawai_lain", logins)
                # a disposition goes down to a Bidang: not to the head of office, nor to the
                # administrator (whose employee sits in an archived demo department)
                self.assertNotIn("kepala", logins)
                self.assertNotIn("admin", logins)
        departments = self.env["hr.department"].search(
            safe_eval(department_domain, {"company_id": self.company.id}))
        self.assertIn(self.department, departments)
        self.assertNotIn(self.foreign_department, departments)
        self.assertFalse(departments.filtered(lambda d: d.name in ("R&D USA", "Sales", "Management")),
                         "Odoo's demo departments are offered")

    def test_bidang_sees_only_what_reached_it(self):
        complaint = self.env["pengaduan.complaint"].create({
            "name": "Uji baru diterima", "reporter_name": "Warga Uji", "department_id": self.department.id,
        })
        for login in ("bidang", "kabid"):
            user = self.env["res.users"].search([("login", "=", login)])
            Complaint = self.env["pengaduan.complaint"].with_user(user)
            with self.subTest(login=login, state="new"):
                self.assertFalse(Complaint.search([("id", "=", complaint.id)]),
                                 f"{login} sees a complaint that was only received")
        complaint.action_verify()
        for login in ("bidang", "kabid"):
            user = self.env["res.users"].search([("login", "=", login)])
            with self.subTest(login=login, state="verified"):
                self.assertTrue(self.env["pengaduan.complaint"].with_user(user).search([("id", "=", complaint.id)]))

    def test_staff_land_on_their_complaints(self):
        action = self.env.ref("pengaduan.pengaduan_complaint_action")
        for login in ("petugas", "bidang", "kabid", "kepala", "admin"):
            with self.subTest(login=login):
                self.assertEqual(self.env["res.users"].search([("login", "=", login)]).action_id.id, action.id)


@tagged("post_install", "-at_install")
class TestPortalOnAPhone(HttpCase):
    """The demo citizen's complaint list on a phone-sized screen keeps the status in view."""

    browser_size = "390x800"

    def test_status_inside_the_screen(self):
        self.start_tour("/my/pengaduan", "pengaduan_portal_phone_tour", login="warga")
