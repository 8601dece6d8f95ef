"""The offices' complaint addresses: one mailbox per company, on Odoo's alias mixin."""

import ast

from odoo.tests import tagged

from odoo.addons.mail.tests.common import MailCommon


@tagged("post_install", "-at_install", "pengaduan_mail")
class TestMailbox(MailCommon):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Mailbox = cls.env["pengaduan.mailbox"]
        cls.channel_email = cls.env.ref("pengaduan.channel_email")

    def mailbox(self, company):
        return self.Mailbox.search([("company_id", "=", company.id)])

    def test_each_company_has_one_mailbox_whose_alias_makes_its_complaints(self):
        for company in (self.company_admin, self.company_2):
            mailbox = self.mailbox(company)
            self.assertEqual(len(mailbox), 1)
            alias = company.pengaduan_alias_id
            self.assertEqual(mailbox.alias_id, alias)
            self.assertEqual(alias.alias_model_id.model, "pengaduan.complaint")
            self.assertEqual(alias.alias_contact, "everyone")
            self.assertEqual(alias.alias_domain_id, company.alias_domain_id)
            self.assertEqual(alias.alias_parent_model_id.model, "pengaduan.mailbox")
            self.assertEqual(alias.alias_parent_thread_id, mailbox.id)
            self.assertEqual(ast.literal_eval(alias.alias_defaults),
                             {"company_id": company.id, "channel_id": self.channel_email.id})
            self.assertEqual(mailbox.alias_email, alias.alias_full_name)

    def test_a_new_company_gets_a_free_name_on_its_domain(self):
        taken = self.company_admin.pengaduan_alias_id
        company = self.env["res.company"].create({
            "name": "Dinas Uji Baru", "alias_domain_id": taken.alias_domain_id.id})
        alias = company.pengaduan_alias_id
        self.assertTrue(alias)
        self.assertEqual(self.mailbox(company).alias_id, alias)
        self.assertEqual(alias.alias_name, f"pengaduan-{company.id}")
        self.assertEqual(alias.alias_domain_id, taken.alias_domain_id)

    def test_the_address_follows_the_company_alias_domain(self):
        company = self.company_2
        alias = company.pengaduan_alias_id
        name = alias.alias_name
        domain = self.env["mail.alias.domain"].create({"name": "kantor-baru.example"})
        company.alias_domain_id = domain
        self.assertEqual(company.pengaduan_alias_id, alias, "the same alias record moves")
        self.assertEqual(alias.alias_domain_id, domain)
        self.assertEqual(alias.alias_name, name)
        self.assertEqual(alias.alias_full_name, f"{name}@kantor-baru.example")

    def test_an_alias_from_before_the_mailboxes_is_kept(self):
        """A database upgraded from before the mailboxes: the company's alias (its address,
        its record) becomes its mailbox's."""
        company = self.company_2
        alias = company.pengaduan_alias_id
        address = alias.alias_full_name
        # the state an upgrade starts from: the company points at an alias no mailbox owns
        self.env.cr.execute("DELETE FROM pengaduan_mailbox WHERE company_id = %s", [company.id])
        self.env.invalidate_all()
        self.assertFalse(self.mailbox(company))
        self.assertEqual(company.pengaduan_alias_id, alias)
        company._pengaduan_ensure_alias()
        self.assertEqual(self.mailbox(company).alias_id, alias)
        self.assertEqual(company.pengaduan_alias_id, alias)
        self.assertEqual(alias.alias_full_name, address)
        self.assertEqual(alias.alias_parent_model_id.model, "pengaduan.mailbox")

    def test_officers_read_only_their_offices_mailboxes(self):
        officer = self.env["res.users"].create({
            "name": "Petugas Kotak", "login": "pgd_mailbox_officer",
            "company_id": self.company_admin.id, "company_ids": [(6, 0, self.company_admin.ids)],
            "group_ids": [(6, 0, [self.env.ref("base.group_user").id,
                                  self.env.ref("pengaduan.group_officer").id])],
        })
        mailboxes = self.Mailbox.with_user(officer).search([])
        self.assertEqual(mailboxes.company_id, self.company_admin)
        self.assertFalse(self.Mailbox.with_user(officer).has_access("write"))
