"""Structure check of the NIK (tools/nik.py) and its use on complaints."""
from odoo.exceptions import ValidationError
from odoo.tests import BaseCase, tagged

from ..tools.nik import mask_nik, nik_birth_info, nik_problem, nip_problem
from .common import PengaduanCase, wib

# 31 (DKI Jakarta) 74 (Jakarta Selatan) 05, born 15-08-1990, serial 0001
MALE = "3174051508900001"
# the same, female: day + 40
FEMALE = "3174055508900001"


@tagged("post_install", "-at_install")
class TestNikTool(BaseCase):

    def test_valid(self):
        for nik in (MALE, FEMALE,
                    "1101010101000001",   # Aceh, 1 January 2000
                    "9701012902000123",   # Papua Pegunungan (new province), 29 February 2000
                    "3578017112990001",   # woman born 31 December 1999 (71 = 31 + 40)
                    "6471020107870999"):
            self.assertIsNone(nik_problem(nik), nik)

    def test_birth_info(self):
        self.assertEqual(nik_birth_info(MALE), (15, 8, 90, False))
        self.assertEqual(nik_birth_info(FEMALE), (15, 8, 90, True))

    def test_format(self):
        for nik in ("", None, "317405150890000",    # 15 digits
                    "31740515089000011",            # 17 digits
                    "317405150890000A",             # a letter
                    "3174-0515-0890-0001",          # separators
                    " 317405150890001",             # blank
                    "3174051508900001\n",           # a trailing newline
                    "317405150890000\u0661"):       # a non-ASCII digit (Arabic-Indic one)
            self.assertEqual(nik_problem(nik), "format", repr(nik))

    def test_province(self):
        for prefix in ("00", "10", "20", "30", "37", "54", "66", "99"):
            self.assertEqual(nik_problem(prefix + MALE[2:]), "province", prefix)

    def test_region(self):
        self.assertEqual(nik_problem("3100051508900001"), "region", "regency 00")
        self.assertEqual(nik_problem("3174001508900001"), "region", "district 00")

    def test_birth_date(self):
        for nik, why in (
            ("3174053208900001", "day 32"),
            ("3174050008900001", "day 0"),
            ("3174054008900001", "day 40: neither a man's nor a woman's day"),
            ("3174057208900001", "day 72: a woman born on the 32nd"),
            ("3174053002900001", "30 February"),
            ("3174057002900001", "30 February, woman"),
            ("3174052902010001", "29 February of a year that is not leap in either century"),
            ("3174053104900001", "31 April"),
            ("3174051513900001", "month 13"),
            ("3174051500900001", "month 0"),
        ):
            self.assertEqual(nik_problem(nik), "birth_date", why)

    def test_serial(self):
        self.assertEqual(nik_problem("3174051508900000"), "serial")
        self.assertIsNone(nik_problem("3174051508909999"))

    def test_mask(self):
        self.assertEqual(mask_nik(MALE), "3174********" + MALE[-4:])
        self.assertEqual(len(mask_nik(MALE)), 16)
        self.assertEqual(mask_nik("3174051508900021"), "3174********0021")
        self.assertEqual(mask_nik(""), "")
        self.assertEqual(mask_nik(None), "")
        self.assertNotIn("150890", mask_nik(MALE), "the birth date is hidden")

    def test_nip(self):
        self.assertIsNone(nip_problem("198503152010011001"))
        self.assertEqual(nip_problem("19850315201001100"), "format")
        self.assertEqual(nip_problem("198503152010011001\n"), "format")
        self.assertEqual(nip_problem("19850315201001100٣"), "format")
        self.assertEqual(nip_problem("198502302010011001"), "birth_date")
        self.assertEqual(nip_problem("198503151980011001"), "start_date")
        self.assertEqual(nip_problem("198503152010013001"), "sex")
        self.assertEqual(nip_problem("198503152010011000"), "serial")


@tagged("post_install", "-at_install")
class TestNikOnComplaints(PengaduanCase):

    def test_reason_in_the_message(self):
        for nik, words in (("12345", "16 digits"), ("31740515089000011", "16 digits"), ("9974051508900001", "province"),
                           ("3174053208900001", "birth date"), ("3174051508900000", "0000")):
            with self.assertRaises(ValidationError) as caught:
                self.receive(wib(2026, 11, 23, 9), nik=nik)
            self.assertIn(words, str(caught.exception))
            self.assertIn(nik, str(caught.exception))

    def test_spaces_removed_and_female_accepted(self):
        complaint = self.receive(wib(2026, 11, 23, 9), nik=" 3174 0555 0890 0001 ")
        self.assertEqual(complaint.nik, FEMALE)
        complaint.with_user(self.officer).nik = "3174 0515 0890 0001"
        self.assertEqual(complaint.nik, MALE)
        complaint.with_user(self.officer).nik = False
        self.assertFalse(complaint.nik, "the NIK is optional")
