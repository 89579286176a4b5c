from odoo import fields, models


class FundingSource(models.Model):
    """Where the money comes from (nguồn vốn)."""

    _name = "ttcp.funding.source"
    _description = "Funding source"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    budget_type = fields.Selection(
        [("project", "Development investment"), ("recurrent", "Recurrent budget")],
        required=True,
        default="project",
        help="Development investment capital (vốn đầu tư phát triển) or the recurrent "
        "budget (chi thường xuyên).",
    )
    active = fields.Boolean(default=True)
    note = fields.Text()

    _sql_constraints = [
        (
            "code_unique",
            "UNIQUE (code)",
            "The funding source code must be unique. / Mã nguồn vốn đã tồn tại.",
        ),
    ]
