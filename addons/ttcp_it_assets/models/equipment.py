import re
from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.osv import expression
from odoo.tools import SQL

ASSET_STATES = [
    ("in_stock", "In stock"),
    ("in_use", "In use"),
    ("under_repair", "Under repair"),
    ("lent", "Lent"),
    ("retired", "Retired"),
]
SUPPORT_STATES = [
    ("warranty", "Under warranty"),
    ("contract", "Maintenance contract"),
    ("both", "Warranty and contract"),
    ("none", "Neither"),
]
MAC_PATTERN = re.compile(r"^[0-9A-Fa-f]{2}([:-][0-9A-Fa-f]{2}){5}$")
IPV4_PATTERN = re.compile(r"^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$")


class MaintenanceEquipment(models.Model):
    """An IT asset of the registry (tài sản CNTT)."""

    _inherit = "maintenance.equipment"

    asset_code = fields.Char(
        "Asset code", copy=False, index=True, tracking=True, help="Mã tài sản, from the category's sequence."
    )
    asset_kind = fields.Selection(related="category_id.asset_kind", store=True)
    site_id = fields.Many2one("ttcp.site", "Site", tracking=True, index=True, check_company=True)
    asset_state = fields.Selection(
        ASSET_STATES, "Asset status", required=True, default="in_stock", tracking=True, index=True
    )
    source_contract_id = fields.Many2one(
        "ttcp.contract",
        "Supplied under contract",
        tracking=True,
        index=True,
        ondelete="restrict",
        help="The procurement contract under which the asset was bought and accepted.",
    )
    source_acceptance_id = fields.Many2one(
        "ttcp.contract.acceptance",
        "Acceptance record",
        domain="[('contract_id', '=', source_contract_id)]",
        ondelete="restrict",
    )
    investment_project_id = fields.Many2one(
        "ttcp.investment.project",
        "Investment project",
        compute="_compute_investment_project_id",
        store=True,
        readonly=False,
        index=True,
    )
    acceptance_date = fields.Date(
        compute="_compute_acceptance_date", store=True, readonly=False, tracking=True
    )
    warranty_months = fields.Integer(compute="_compute_warranty_months", store=True, readonly=False)
    warranty_end = fields.Date(
        "Warranty end", compute="_compute_warranty_end", store=True, readonly=False, tracking=True
    )
    maintenance_contract_id = fields.Many2one(
        "ttcp.contract",
        "Maintenance contract",
        compute="_compute_maintenance_contract_id",
        store=True,
        index=True,
        help="The maintenance contract that covers the asset today (by equipment, site or category).",
    )
    support_reason = fields.Char(
        "Why", compute="_compute_support_reason", help="Why the asset has this support, in a sentence."
    )
    support_state = fields.Selection(
        SUPPORT_STATES, "Support", compute="_compute_support_state", search="_search_support_state"
    )
    ip_address = fields.Char("IP address")
    mac_address = fields.Char("MAC address")
    handover_line_ids = fields.One2many("ttcp.asset.handover.line", "equipment_id", "Handovers")
    handover_count = fields.Integer(compute="_compute_handover_count")

    _sql_constraints = [
        (
            "asset_code_unique",
            "UNIQUE (asset_code)",
            "Another asset already has this asset code. / Mã tài sản đã tồn tại.",
        ),
        (
            "warranty_months_positive",
            "CHECK (warranty_months >= 0)",
            "Warranty months cannot be negative. / Số tháng bảo hành không được âm.",
        ),
    ]

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("source_contract_id")
    def _compute_investment_project_id(self):
        for asset in self:
            if asset.source_contract_id:
                asset.investment_project_id = asset.source_contract_id.investment_project_id

    @api.depends("source_acceptance_id")
    def _compute_acceptance_date(self):
        for asset in self:
            if asset.source_acceptance_id:
                asset.acceptance_date = asset.source_acceptance_id.date

    @api.depends("source_contract_id")
    def _compute_warranty_months(self):
        for asset in self:
            if asset.source_contract_id:
                asset.warranty_months = asset.source_contract_id.warranty_months

    @api.depends("acceptance_date", "warranty_months")
    def _compute_warranty_end(self):
        for asset in self:
            if asset.acceptance_date and asset.warranty_months:
                asset.warranty_end = (
                    asset.acceptance_date
                    + relativedelta(months=asset.warranty_months)
                    - relativedelta(days=1)
                )
            elif not asset.warranty_end:
                asset.warranty_end = False

    @api.depends("site_id", "category_id", "asset_state", "company_id")
    def _compute_maintenance_contract_id(self):
        today = fields.Date.context_today(self)
        found = self._find_maintenance_contracts(today)
        by_contract = defaultdict(list)
        for asset in self:
            by_contract[found.get(asset.id, False)].append(asset.id)
        # One assignment per contract, not per asset: a scope change can touch thousands.
        for contract_id, asset_ids in by_contract.items():
            self.browse(asset_ids).maintenance_contract_id = contract_id

    @api.depends("company_id")
    def _compute_maintenance_team_id(self):
        """An asset without a team of its own belongs to its company's first maintenance team,
        so that the requests reported on it (which require a team) can be saved."""
        res = super()._compute_maintenance_team_id()
        Team = self.env["maintenance.team"]
        for asset in self.filtered(lambda a: not a.maintenance_team_id):
            company = asset.company_id or self.env.company
            asset.maintenance_team_id = Team.search([("company_id", "in", [company.id, False])], limit=1)
        return res

    @api.depends("warranty_end", "maintenance_contract_id")
    def _compute_support_state(self):
        today = fields.Date.context_today(self)
        for asset in self:
            asset.support_state = self._support_state_of(
                asset.warranty_end, bool(asset.maintenance_contract_id), today
            )

    @staticmethod
    def _support_state_of(warranty_end, has_contract, today):
        """The support of an asset whose warranty ends on ``warranty_end`` (or never had one),
        covered or not by a maintenance contract, on ``today`` (shared with the exports)."""
        warranty = bool(warranty_end and warranty_end >= today)
        if warranty and has_contract:
            return "both"
        if warranty:
            return "warranty"
        return "contract" if has_contract else "none"

    @api.depends("warranty_end", "maintenance_contract_id", "site_id", "category_id")
    def _compute_support_reason(self):
        today = fields.Date.context_today(self)
        for asset in self:
            reasons = []
            if asset.warranty_end and asset.warranty_end >= today:
                reasons.append(
                    self.env._("In warranty until %(date)s.", date=asset.warranty_end.strftime("%d/%m/%Y"))
                )
            elif asset.warranty_end:
                reasons.append(
                    self.env._("Warranty ended on %(date)s.", date=asset.warranty_end.strftime("%d/%m/%Y"))
                )
            else:
                reasons.append(self.env._("No warranty end recorded."))
            if asset.maintenance_contract_id:
                reasons.append(
                    self.env._(
                        "Covered by contract %(contract)s.",
                        contract=asset.maintenance_contract_id.display_name,
                    )
                )
            else:
                reasons.append(
                    self.env._(
                        "No maintenance contract in force covers it (by name, or its site %(site)s and "
                        "category %(category)s).",
                        site=asset.site_id.display_name or "-",
                        category=asset.category_id.display_name or "-",
                    )
                )
            asset.support_reason = " ".join(reasons)

    def _search_support_state(self, operator, value):
        if operator not in ("=", "!=", "in", "not in"):
            raise UserError(self.env._("Unsupported search on support."))
        values = {value} if isinstance(value, str) else set(value or [])
        if operator in ("!=", "not in"):
            values = {code for code, _label in SUPPORT_STATES} - values
        today = fields.Date.context_today(self)
        in_warranty = [("warranty_end", ">=", today)]
        no_warranty = ["|", ("warranty_end", "=", False), ("warranty_end", "<", today)]
        domains = {
            "both": expression.AND([in_warranty, [("maintenance_contract_id", "!=", False)]]),
            "warranty": expression.AND([in_warranty, [("maintenance_contract_id", "=", False)]]),
            "contract": expression.AND([no_warranty, [("maintenance_contract_id", "!=", False)]]),
            "none": expression.AND([no_warranty, [("maintenance_contract_id", "=", False)]]),
        }
        return expression.OR([domains[v] for v in values if v in domains]) or expression.FALSE_DOMAIN

    def _compute_handover_count(self):
        counts = dict(
            self.env["ttcp.asset.handover.line"]._read_group(
                [("equipment_id", "in", self.ids), ("handover_id.state", "=", "done")],
                ["equipment_id"],
                ["__count"],
            )
        )
        for asset in self:
            asset.handover_count = counts.get(asset, 0)

    # ------------------------------------------------------------------
    # Coverage lookup
    # ------------------------------------------------------------------
    def _find_maintenance_contracts(self, on_date):
        """{asset id: contract id} of the maintenance contract covering each asset on ``on_date``.

        A contract covers an asset when it is a maintenance contract in force on the date
        (signed or under way, effective date to end date) and either lists the asset itself,
        or matches its site (a listed site or a sub-site of one) and its category, an empty
        list of sites or categories matching any. A contract naming the asset wins over one
        matching it by site and category; among equals the one that took effect last wins.
        Retired assets and contracts of another company cover nothing.

        One set-based query whatever the number of assets and contracts: the sites each
        contract covers (its own and their sub-sites, by ``parent_path``) are joined with the
        assets' sites.
        """
        asset_ids = [asset_id for asset_id in self._ids if isinstance(asset_id, int)]
        if not asset_ids:
            return {}
        return self._coverage_query(on_date, asset_ids)

    @api.model
    def _coverage_query(self, on_date, asset_ids=None):
        """{asset id: contract id} on ``on_date`` for ``asset_ids`` (every asset if None)."""
        Contract = self.env["ttcp.contract"]
        coverage_fields = ["coverage_equipment_ids", "coverage_site_ids", "coverage_category_ids"]
        self.flush_model(["site_id", "category_id", "company_id", "asset_state"])
        self.env["ttcp.site"].flush_model(["parent_path"])
        Contract.flush_model(
            ["is_maintenance", "state", "effective_date", "end_date", "company_id", *coverage_fields]
        )
        eq_f, site_f, cat_f = (Contract._fields[name] for name in coverage_fields)
        eq_rel, eq_contract, eq_asset = (
            SQL.identifier(name) for name in (eq_f.relation, eq_f.column1, eq_f.column2)
        )
        site_rel, site_contract, site_site = (
            SQL.identifier(name) for name in (site_f.relation, site_f.column1, site_f.column2)
        )
        cat_rel, cat_contract, cat_cat = (
            SQL.identifier(name) for name in (cat_f.relation, cat_f.column1, cat_f.column2)
        )
        # The assets asked for, as a joined set (a hash join, where "= ANY(array)" of tens of
        # thousands of ids is tested row by row).
        only = (
            SQL("JOIN unnest(%s::int[]) AS only_asset(id) ON only_asset.id = e.id", asset_ids)
            if asset_ids is not None
            else SQL()
        )
        query = SQL(
            """
            WITH c AS (
                SELECT id, company_id, effective_date
                  FROM ttcp_contract
                 WHERE is_maintenance AND state IN ('signed', 'in_progress', 'accepted')
                   AND effective_date <= %(day)s AND (end_date IS NULL OR end_date >= %(day)s)
            ), matches AS (
                SELECT r.%(eq_asset)s AS asset_id, r.%(eq_contract)s AS contract_id, true AS listed
                  FROM %(eq_rel)s r
                  JOIN maintenance_equipment e ON e.id = r.%(eq_asset)s
                  %(only)s
                 WHERE r.%(eq_contract)s IN (SELECT id FROM c)
                UNION ALL
                SELECT e.id, sc.contract_id, false
                  FROM (
                        -- the sites each contract in force covers: its own and their sub-sites
                        SELECT s.id AS site_id, x.%(site_contract)s AS contract_id
                          FROM %(site_rel)s x
                          JOIN ttcp_site top ON top.id = x.%(site_site)s
                          JOIN ttcp_site s ON starts_with(s.parent_path, top.parent_path)
                         WHERE x.%(site_contract)s IN (SELECT id FROM c)
                       ) sc
                  JOIN maintenance_equipment e ON e.site_id = sc.site_id
                  %(only)s
                 WHERE (NOT EXISTS (SELECT 1 FROM %(cat_rel)s y
                                     WHERE y.%(cat_contract)s = sc.contract_id)
                        OR EXISTS (SELECT 1 FROM %(cat_rel)s y
                                    WHERE y.%(cat_contract)s = sc.contract_id
                                      AND y.%(cat_cat)s = e.category_id))
                UNION ALL
                SELECT e.id, y.%(cat_contract)s, false
                  FROM maintenance_equipment e
                  %(only)s
                  JOIN %(cat_rel)s y ON y.%(cat_cat)s = e.category_id
                                    AND y.%(cat_contract)s IN (SELECT id FROM c)
                 WHERE NOT EXISTS (SELECT 1 FROM %(site_rel)s x
                                    WHERE x.%(site_contract)s = y.%(cat_contract)s)
            )
            SELECT DISTINCT ON (m.asset_id) m.asset_id, m.contract_id
              FROM matches m
              JOIN c ON c.id = m.contract_id
              JOIN maintenance_equipment e ON e.id = m.asset_id
             WHERE e.asset_state != 'retired'
               AND (c.company_id IS NULL OR e.company_id IS NULL OR c.company_id = e.company_id)
             ORDER BY m.asset_id, m.listed DESC, c.effective_date DESC, c.id DESC
            """,
            day=on_date,
            only=only,
            eq_rel=eq_rel,
            eq_contract=eq_contract,
            eq_asset=eq_asset,
            site_rel=site_rel,
            site_contract=site_contract,
            site_site=site_site,
            cat_rel=cat_rel,
            cat_contract=cat_contract,
            cat_cat=cat_cat,
        )
        return dict(self.env.execute_query(query))

    def _refresh_maintenance_contract(self):
        """Mark for recompute the assets whose covering contract today is not the stored one.

        Coverage is compared in SQL first, so a contract change or the daily refresh costs one
        query plus the assets that really change, not a recompute of every asset in scope.
        Returns the assets marked.
        """
        self.flush_model(["maintenance_contract_id"])
        found = self._find_maintenance_contracts(fields.Date.context_today(self))
        rows = self.env.execute_query(
            SQL(
                "SELECT id, maintenance_contract_id FROM maintenance_equipment WHERE id = ANY(%s)",
                [asset_id for asset_id in self._ids if isinstance(asset_id, int)],
            )
        )
        changed = self.browse([asset_id for asset_id, current in rows if found.get(asset_id) != current])
        if changed:
            self.env.add_to_compute(self._fields["maintenance_contract_id"], changed)
        return changed

    def _find_support_contract(self, on_date):
        """The contract a request about this asset goes to on ``on_date``.

        The maintenance contract covering the asset, else the contract that supplied it while
        its warranty runs (the supplier must repair it under warranty).
        """
        self.ensure_one()
        contract_id = self._find_maintenance_contracts(on_date).get(self.id)
        if contract_id:
            return self.env["ttcp.contract"].browse(contract_id)
        if self.source_contract_id and self.warranty_end and self.warranty_end >= on_date:
            return self.source_contract_id
        return self.env["ttcp.contract"]

    @api.model
    def _cron_refresh_coverage(self):
        """Coverage depends on today's date (contracts start and end): refresh it once a day.

        Only the assets whose covering contract changes are written, whatever the days the
        cron missed. Returns the number of assets updated.
        """
        changed = self.search([])._refresh_maintenance_contract()
        changed.flush_recordset(["maintenance_contract_id"])
        return len(changed)

    # ------------------------------------------------------------------
    # Constraints, create, write
    # ------------------------------------------------------------------
    @api.constrains("ip_address", "mac_address")
    def _check_addresses(self):
        for asset in self:
            if asset.ip_address and not IPV4_PATTERN.match(asset.ip_address.strip()):
                raise ValidationError(self.env._("%(ip)s is not a valid IPv4 address.", ip=asset.ip_address))
            if asset.mac_address and not MAC_PATTERN.match(asset.mac_address.strip()):
                raise ValidationError(
                    self.env._(
                        "%(mac)s is not a valid MAC address (six pairs of hexadecimal digits).",
                        mac=asset.mac_address,
                    )
                )

    @api.constrains("acceptance_date", "warranty_end")
    def _check_dates(self):
        for asset in self:
            if asset.acceptance_date and asset.warranty_end and asset.warranty_end < asset.acceptance_date:
                raise ValidationError(
                    self.env._(
                        "Asset %(asset)s: the warranty cannot end before the acceptance.",
                        asset=asset.display_name,
                    )
                )

    @api.constrains("source_contract_id", "source_acceptance_id")
    def _check_source(self):
        for asset in self:
            acceptance = asset.source_acceptance_id
            if acceptance and acceptance.contract_id != asset.source_contract_id:
                raise ValidationError(self.env._("The acceptance record belongs to another contract."))

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("source_acceptance_id") and not vals.get("effective_date"):
                # In use from its acceptance, not from the day it was typed in.
                acceptance = self.env["ttcp.contract.acceptance"].browse(vals["source_acceptance_id"])
                vals["effective_date"] = vals.get("acceptance_date") or acceptance.date
            if vals.get("asset_state") == "retired":
                vals["active"] = False
            if not vals.get("asset_code"):
                category = self.env["maintenance.equipment.category"].browse(vals.get("category_id"))
                vals["asset_code"] = (
                    category._next_asset_code()
                    if category
                    else self.env["ir.sequence"].sudo().next_by_code("ttcp.asset")
                )
        return super().create(vals_list)

    def write(self, vals):
        if "active" in vals and not vals["active"] and "asset_state" not in vals:
            vals = dict(vals, asset_state="retired")
        if vals.get("asset_state") == "retired":
            vals = dict(vals, active=False)
            vals.setdefault("scrap_date", fields.Date.context_today(self))
        elif vals.get("active") and "asset_state" not in vals:
            retired = self.filtered(lambda a: a.asset_state == "retired")
            if retired:
                retired.write({"asset_state": "in_stock", "active": True, "scrap_date": False})
                self -= retired
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never_registered(self):
        for asset in self:
            if asset.source_contract_id or asset.handover_line_ids or asset.maintenance_ids:
                raise UserError(
                    self.env._(
                        "Asset %(asset)s has a history (contract, handovers or requests): retire it "
                        "instead; it is then archived, never deleted.",
                        asset=asset.display_name,
                    )
                )

    def _compute_display_name(self):
        res = super()._compute_display_name()
        for asset in self:
            if asset.asset_code:
                asset.display_name = f"[{asset.asset_code}] {asset.display_name}"
        return res

    @api.model
    def _search_display_name(self, operator, value):
        domain = super()._search_display_name(operator, value)
        if operator in ("ilike", "=ilike", "like", "=") and value:
            domain = ["|", ("asset_code", operator, value), *domain]
        return domain

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_retire(self):
        self.write({"asset_state": "retired"})
        return True

    def action_view_handovers(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("ttcp_it_assets.action_asset_handover")
        action["domain"] = [("line_ids.equipment_id", "=", self.id)]
        action["context"] = {}
        return action
