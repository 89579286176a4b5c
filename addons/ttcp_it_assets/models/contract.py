from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.osv import expression

COVERAGE_FIELDS = {
    "is_maintenance",
    "coverage_site_ids",
    "coverage_category_ids",
    "coverage_equipment_ids",
    "sla_response_hours",
    "sla_resolution_hours",
    "sla_calendar_id",
    "maintenance_fee",
    "maintenance_fee_period",
}


class Contract(models.Model):
    """A contract with a maintenance scope: what it covers and the promised response times."""

    _inherit = "ttcp.contract"

    is_maintenance = fields.Boolean(
        "Maintenance contract",
        tracking=True,
        help="The contractor maintains or repairs equipment (bảo trì, sửa chữa) under this contract.",
    )
    coverage_site_ids = fields.Many2many(
        "ttcp.site", string="Covered sites", help="Empty: every site. Sub-sites are covered too."
    )
    coverage_category_ids = fields.Many2many(
        "maintenance.equipment.category", string="Covered categories", help="Empty: every category."
    )
    coverage_equipment_ids = fields.Many2many(
        "maintenance.equipment",
        "ttcp_contract_covered_equipment_rel",
        "contract_id",
        "equipment_id",
        string="Covered equipment",
        help="Equipment named here is covered whatever its site or category.",
    )
    sla_response_hours = fields.Float(
        "Response time (working hours)", tracking=True, help="Thời gian phản hồi cam kết."
    )
    sla_resolution_hours = fields.Float(
        "Resolution time (working hours)", tracking=True, help="Thời gian khắc phục cam kết."
    )
    sla_calendar_id = fields.Many2one(
        "resource.calendar",
        "Working hours",
        default=lambda self: self.env.ref(
            "ttcp_projects.resource_calendar_state_agency", raise_if_not_found=False
        ),
        help="The hours and holidays in which the response and resolution times run.",
    )
    maintenance_fee = fields.Monetary("Maintenance fee", tracking=True)
    maintenance_fee_period = fields.Selection(
        [("month", "Per month"), ("year", "Per year"), ("contract", "For the whole contract")],
        default="year",
    )
    covered_equipment_count = fields.Integer(compute="_compute_covered_equipment_count")
    request_ids = fields.One2many("maintenance.request", "contract_id", "Maintenance requests")
    request_count = fields.Integer(compute="_compute_request_count")
    technician_user_ids = fields.Many2many(
        "res.users",
        compute="_compute_technician_user_ids",
        string="Contractor technicians",
        help="Portal users of the contractor's company who handle its requests.",
    )

    _sql_constraints = [
        (
            "sla_positive",
            "CHECK (sla_response_hours >= 0 AND sla_resolution_hours >= 0 AND maintenance_fee >= 0)",
            "Response and resolution times and the fee cannot be negative. "
            "/ Thời gian phản hồi, khắc phục và phí không được âm.",
        ),
    ]

    def _compute_covered_equipment_count(self):
        counts = dict(
            self.env["maintenance.equipment"]._read_group(
                [("maintenance_contract_id", "in", self.ids)], ["maintenance_contract_id"], ["__count"]
            )
        )
        for contract in self:
            contract.covered_equipment_count = counts.get(contract, 0)

    def _compute_request_count(self):
        counts = dict(
            self.env["maintenance.request"]._read_group(
                [("contract_id", "in", self.ids)], ["contract_id"], ["__count"]
            )
        )
        for contract in self:
            contract.request_count = counts.get(contract, 0)

    def _compute_technician_user_ids(self):
        group = self.env.ref("ttcp_it_assets.group_asset_contractor")
        for contract in self:
            contract.technician_user_ids = group.sudo().users.filtered(
                lambda user, c=contract: user.commercial_partner_id == c.partner_id.commercial_partner_id
            )

    @api.constrains("is_maintenance", "sla_response_hours", "sla_resolution_hours")
    def _check_sla(self):
        for contract in self.filtered("is_maintenance"):
            if (
                contract.sla_response_hours
                and contract.sla_resolution_hours
                and contract.sla_resolution_hours < contract.sla_response_hours
            ):
                raise ValidationError(
                    self.env._(
                        "Contract %(contract)s: the resolution time cannot be shorter than the "
                        "response time.",
                        contract=contract.display_name,
                    )
                )
            if (
                contract.sla_response_hours or contract.sla_resolution_hours
            ) and not contract.sla_calendar_id:
                raise ValidationError(
                    self.env._(
                        "Contract %(contract)s: choose the working hours in which its response times run.",
                        contract=contract.display_name,
                    )
                )

    def _covers_by_scope(self, asset):
        """Whether the contract's sites and categories cover ``asset`` (equipment list aside)."""
        self.ensure_one()
        if not (self.coverage_site_ids or self.coverage_category_ids):
            return False
        if self.coverage_category_ids and asset.category_id not in self.coverage_category_ids:
            return False
        if self.coverage_site_ids:
            if not asset.site_id:
                return False
            covered_paths = self.coverage_site_ids.mapped("parent_path")
            if not any(asset.site_id.parent_path.startswith(path) for path in covered_paths):
                return False
        return True

    @api.model_create_multi
    def create(self, vals_list):
        contracts = super().create(vals_list)
        if any(contract.is_maintenance for contract in contracts):
            contracts._refresh_coverage()
        return contracts

    def write(self, vals):
        if (
            set(vals) - COVERAGE_FIELDS - {"message_main_attachment_id"}
            and not self.env.su
            and self.env.user.has_group("ttcp_it_assets.group_asset_manager")
            and not self.env.user.has_group("ttcp_procurement.group_procurement_officer")
        ):
            raise AccessError(
                self.env._("An asset manager can only change a contract's maintenance scope and times.")
            )
        res = super().write(vals)
        if set(vals) & (COVERAGE_FIELDS | {"state", "effective_date", "end_date"}):
            self._refresh_coverage()
        return res

    def _refresh_coverage(self):
        """Recompute the coverage of the assets these contracts can affect (their scope or dates
        changed): the assets they cover now, and those their scope can cover. Other assets keep
        their contract, so a contract's change costs what it covers, not the whole registry."""
        assets = self._coverage_candidates()
        if assets:
            assets._refresh_maintenance_contract()

    def _coverage_candidates(self):
        """The assets whose covering contract may change with these contracts (one search)."""
        domain = [("maintenance_contract_id", "in", self.ids)]
        for contract in self.sudo():
            if contract.coverage_equipment_ids:
                domain = expression.OR([domain, [("id", "in", contract.coverage_equipment_ids.ids)]])
            if contract.coverage_site_ids or contract.coverage_category_ids:
                scope = []
                if contract.coverage_site_ids:
                    scope.append([("site_id", "child_of", contract.coverage_site_ids.ids)])
                if contract.coverage_category_ids:
                    scope.append([("category_id", "in", contract.coverage_category_ids.ids)])
                domain = expression.OR([domain, expression.AND(scope)])
        return self.env["maintenance.equipment"].sudo().search(domain)

    def action_view_covered_equipment(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("ttcp_it_assets.action_asset_registry")
        action["domain"] = [("maintenance_contract_id", "=", self.id)]
        action["context"] = {}
        return action

    def action_view_requests(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("ttcp_it_assets.action_it_incidents")
        action["domain"] = [("contract_id", "=", self.id)]
        action["context"] = {"default_contract_id": self.id}
        return action
