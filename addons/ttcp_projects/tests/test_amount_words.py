from decimal import Decimal

from odoo.tests import TransactionCase, tagged

from odoo.addons.ttcp_projects.tools import amount_in_words_vi

# Each rule of the Treasury forms' "Bằng chữ" (DOMAIN.md §3.5), one row at least.
TABLE = [
    (0, "Không đồng"),
    (5, "Năm đồng"),
    (10, "Mười đồng"),
    (11, "Mười một đồng"),
    (15, "Mười lăm đồng"),  # lăm after mười
    (21, "Hai mươi mốt đồng"),  # mốt after mươi
    (25, "Hai mươi lăm đồng"),  # lăm after mươi
    (24, "Hai mươi bốn đồng"),
    (100, "Một trăm đồng"),
    (105, "Một trăm linh năm đồng"),  # linh for a zero tens digit
    (110, "Một trăm mười đồng"),
    (115, "Một trăm mười lăm đồng"),
    (1_000, "Một nghìn đồng"),
    (2_001, "Hai nghìn không trăm linh một đồng"),  # không trăm after a higher group
    (2_015, "Hai nghìn không trăm mười lăm đồng"),
    (10_050, "Mười nghìn không trăm năm mươi đồng"),
    (1_000_005, "Một triệu không trăm linh năm đồng"),  # the empty nghìn group is skipped
    (1_200_000_000, "Một tỷ hai trăm triệu đồng"),  # all-zero groups are skipped
    (36_512_000_000, "Ba mươi sáu tỷ năm trăm mười hai triệu đồng"),
    (39_874_000_000, "Ba mươi chín tỷ tám trăm bảy mươi bốn triệu đồng"),
    (1_000_000_000_000, "Một nghìn tỷ đồng"),  # nghìn tỷ
    (2_500_000_000_001, "Hai nghìn năm trăm tỷ không trăm linh một đồng"),
    (10**15, "Một triệu tỷ đồng"),
]


@tagged("post_install", "-at_install")
class TestAmountInWords(TransactionCase):
    def test_table(self):
        for amount, words in TABLE:
            with self.subTest(amount=amount):
                self.assertEqual(amount_in_words_vi(amount), words)
                self.assertEqual(amount_in_words_vi(Decimal(amount)), words)

    def test_refuses_what_it_cannot_spell(self):
        for bad, error in (
            (1.0, TypeError),
            (True, TypeError),
            ("5", TypeError),
            (-1, ValueError),
            (10**15 + 1, ValueError),
            (Decimal("1.5"), ValueError),
        ):
            with self.subTest(bad=bad), self.assertRaises(error):
                amount_in_words_vi(bad)

    def test_currency_amount_to_text(self):
        vnd = self.env.ref("base.VND")
        self.env["res.lang"]._activate_lang("vi_VN")
        self.assertEqual(
            vnd.with_context(lang="vi_VN").amount_to_text(1_200_000_000), "Một tỷ hai trăm triệu đồng"
        )
        # Other languages and currencies keep Odoo's own words.
        english = vnd.with_context(lang="en_US").amount_to_text(1_200_000_000)
        self.assertNotIn("tỷ", english)
        usd = self.env.ref("base.USD")
        self.assertNotIn("đồng", usd.with_context(lang="vi_VN").amount_to_text(15))
