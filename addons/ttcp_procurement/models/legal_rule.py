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

    # ------------------------------------------------------------------
    # Dates computed from the rules follow them
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        rules = super().create(vals_list)
        self._refresh_procurement_dates()
        return rules

    def write(self, vals):
        res = super().write(vals)
        self._refresh_procurement_dates()
        return res

    @api.model
    def _refresh_procurement_dates(self):
        """Recompute the stored dates that a rule sets (deadlines, due dates)."""
        targets = {
            "ttcp.capital.plan": ["disbursement_deadline"],
            "ttcp.selection.plan": ["publication_due"],
            "ttcp.bid.package": ["result_notice_due", "result_publication_due", "contract_signing_due"],
            "ttcp.bid": ["security_return_due"],
            "ttcp.contract": ["liquidation_due"],
        }
        for model, names in targets.items():
            records = self.env[model].sudo().with_context(active_test=False).search([])
            if records:
                for name in names:
                    self.env.add_to_compute(records._fields[name], records)
