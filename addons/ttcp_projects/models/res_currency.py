from decimal import Decimal

from odoo import models, tools

from ..tools import AMOUNT_WORDS_MAX, amount_in_words_vi


class ResCurrency(models.Model):
    """Dong amounts read in Vietnamese as the Treasury forms write them.

    Odoo's ``amount_to_text`` title-cases every word num2words gives ("Một Tỷ Hai
    Trăm..."), and num2words' Vietnamese misses "không trăm"; for VND in Vietnamese the
    suite's own speller is used. Other languages and currencies keep Odoo's behaviour.
    """

    _inherit = "res.currency"

    def amount_to_text(self, amount):
        self.ensure_one()
        lang = tools.get_lang(self.env)
        if self.name == "VND" and lang.code.startswith("vi") and 0 <= round(amount) <= AMOUNT_WORDS_MAX:
            # Dong have no subunit: the amount is whole once rounded to the currency.
            return amount_in_words_vi(Decimal(round(amount)))
        return super().amount_to_text(amount)
