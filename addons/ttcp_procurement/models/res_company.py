from odoo import fields, models


class ResCompany(models.Model):
    """The owner's (chủ đầu tư) data the State Treasury payment forms need."""

    _inherit = "res.company"

    ttcp_budget_unit_code = fields.Char(
        "Budget-unit code",
        help="Mã số đơn vị có quan hệ với ngân sách (mã ĐVQHNS), printed on the Treasury forms.",
    )
    ttcp_treasury_office = fields.Char(
        "State Treasury office",
        help="The State Treasury office the payment requests are sent to, e.g. "
        "'Kho bạc Nhà nước Hà Nội' (Kính gửi: ...).",
    )
    ttcp_treasury_account = fields.Char(
        "Treasury account (investment capital)",
        help="The owner's account at the State Treasury for investment capital (vốn trong nước).",
    )
    ttcp_treasury_account_foreign = fields.Char(
        "Treasury account (foreign capital)",
        help="The owner's account at the State Treasury for foreign capital (vốn ngoài nước), if any.",
    )
    ttcp_chief_accountant = fields.Char(
        "Chief accountant", help="Kế toán trưởng: name printed under the signature block."
    )
    ttcp_head_of_unit = fields.Char(
        "Head of unit", help="Thủ trưởng đơn vị (chủ đầu tư): name printed under the signature block."
    )
