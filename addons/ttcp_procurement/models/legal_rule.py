from odoo import api, fields, models

from .bid_package import PACKAGE_FIELDS, SELECTION_METHODS


class LegalRule(models.Model):
    _inherit = "ttcp.legal.rule"

    package_field = fields.Selection(PACKAGE_FIELDS, help="Empty: applies to every field.")
    budget_type = fields.Selection(
        [("project", "Investment project"), ("recurrent", "Recurrent budget")],
        help="Empty: applies to both budgets.",
    )
    selection_method = fields.Selection(SELECTION_METHODS, help="Empty: applies to every selection method.")
    scope = fields.Selection(
        [("domestic", "Domestic"), ("international", "International")],
        help="Empty: applies to domestic and international selection.",
    )

    @api.model
    def _dimension_fields(self):
        return super()._dimension_fields() + [
            "package_field",
            "budget_type",
            "selection_method",
            "scope",
        ]
