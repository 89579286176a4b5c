from odoo import fields, models


class InvestmentProject(models.Model):
    """Drill-downs from a project to its bid packages, contracts and disbursements."""

    _inherit = "ttcp.investment.project"

    package_count = fields.Integer("Bid packages", compute="_compute_procurement_counts")
    contract_count = fields.Integer("Contracts", compute="_compute_procurement_counts")
    disbursement_count = fields.Integer("Disbursements", compute="_compute_procurement_counts")

    def _compute_procurement_counts(self):
        counts = {}
        for model, field in (
            ("ttcp.bid.package", "package_count"),
            ("ttcp.contract", "contract_count"),
            ("ttcp.disbursement", "disbursement_count"),
        ):
            Model = self.env[model]
            if not Model.has_access("read"):
                counts[field] = {}
                continue
            counts[field] = dict(
                Model._read_group(
                    [("investment_project_id", "in", self.ids)], ["investment_project_id"], ["__count"]
                )
            )
        for project in self:
            for field, by_project in counts.items():
                project[field] = by_project.get(project, 0)

    def _procurement_action(self, xmlid, name):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action.update({"name": name, "domain": [("investment_project_id", "=", self.id)]})
        return action

    def action_open_packages(self):
        return self._procurement_action(
            "ttcp_procurement.bid_package_action", self.env._("Bid packages of %s", self.code or self.name)
        )

    def action_open_contracts(self):
        return self._procurement_action(
            "ttcp_procurement.contract_action", self.env._("Contracts of %s", self.code or self.name)
        )

    def action_open_disbursements(self):
        return self._procurement_action(
            "ttcp_procurement.disbursement_action", self.env._("Disbursements of %s", self.code or self.name)
        )
