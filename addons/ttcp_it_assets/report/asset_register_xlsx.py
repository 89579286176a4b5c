from odoo import models


class AssetRegisterXlsx(models.AbstractModel):
    """The asset register (sổ theo dõi tài sản CNTT), with counts by department, site and category."""

    _name = "report.ttcp_it_assets.asset_register_xlsx"
    _inherit = "report.ttcp_procurement.xlsx_common"
    _description = "Asset register XLSX"

    COLUMNS = [
        ("Asset code", 14),
        ("Name", 30),
        ("Category", 18),
        ("Serial number", 18),
        ("Model", 16),
        ("Department", 24),
        ("Employee", 20),
        ("Site", 24),
        ("Status", 14),
        ("Supplied under contract", 24),
        ("Investment project", 28),
        ("Acceptance date", 13),
        ("Warranty end", 13),
        ("Maintenance contract", 24),
        ("Support", 18),
        ("IP address", 15),
        ("MAC address", 19),
    ]
    FIELDS = [
        "asset_code",
        "name",
        "category_id",
        "serial_no",
        "model",
        "department_id",
        "employee_id",
        "site_id",
        "asset_state",
        "source_contract_id",
        "investment_project_id",
        "acceptance_date",
        "warranty_end",
        "maintenance_contract_id",
        "ip_address",
        "mac_address",
    ]

    def _assets(self, data, records):
        Equipment = self.env["maintenance.equipment"]
        domain = (data or {}).get("domain")
        if domain is not None:
            assets = Equipment.search(domain)
        else:
            assets = records if records and records._name == Equipment._name else Equipment.search([])
        return assets.sorted(
            lambda a: (
                a.department_id.complete_name or "",
                a.site_id.complete_name or "",
                a.category_id.name or "",
                a.asset_code or "",
            )
        )

    def generate_xlsx_report(self, workbook, data, objs):
        _ = self.env._
        fmt = self._formats(workbook)
        assets = self._assets(data, objs)
        sheet = workbook.add_worksheet(_("Register"))
        sheet.write_string(0, 0, _("IT asset register"), fmt["title"])
        sheet.write_string(1, 0, _("%(count)s assets", count=len(assets)), fmt["subtitle"])
        self._write_header(sheet, 3, [(_(title), width) for title, width in self.COLUMNS], fmt)
        formats = [fmt["text"]] * 11 + [fmt["date"], fmt["date"]] + [fmt["text"]] * 4
        row = 4
        for batch in self._batches(assets, self.FIELDS):
            for asset in batch:
                self._write_row(
                    sheet,
                    row,
                    [
                        asset.asset_code,
                        asset.name,
                        asset.category_id.name,
                        asset.serial_no,
                        asset.model,
                        asset.department_id.complete_name,
                        asset.employee_id.name,
                        asset.site_id.complete_name,
                        self._selection_label(asset, "asset_state"),
                        asset.source_contract_id.display_name,
                        asset.investment_project_id.display_name,
                        asset.acceptance_date,
                        asset.warranty_end,
                        asset.maintenance_contract_id.display_name,
                        self._selection_label(asset, "support_state"),
                        asset.ip_address,
                        asset.mac_address,
                    ],
                    formats,
                )
                row += 1
        self._write_counts(workbook, fmt, assets, "department_id", _("By department"), _("Department"))
        self._write_counts(workbook, fmt, assets, "site_id", _("By site"), _("Site"))
        self._write_counts(workbook, fmt, assets, "category_id", _("By category"), _("Category"))

    def _write_counts(self, workbook, fmt, assets, groupby, title, label):
        """One sheet: assets per ``groupby`` and status, counted by the database."""
        _ = self.env._
        states = self.env["maintenance.equipment"]._fields["asset_state"]._description_selection(self.env)
        groups = self.env["maintenance.equipment"]._read_group(
            [("id", "in", assets.ids)], [groupby, "asset_state"], ["__count"]
        )
        table = {}
        for group, state, count in groups:
            table.setdefault(group, {})[state] = count
        sheet = workbook.add_worksheet(title)
        sheet.write_string(0, 0, title, fmt["title"])
        columns = [(label, 32)] + [(state_label, 12) for _code, state_label in states] + [(_("Total"), 10)]
        self._write_header(sheet, 2, columns, fmt)
        row = 3
        totals = [0] * (len(states) + 1)
        for group in sorted(table, key=lambda g: g.display_name or ""):
            counts = [table[group].get(code, 0) for code, _label in states]
            counts.append(sum(counts))
            totals = [a + b for a, b in zip(totals, counts, strict=True)]
            self._write_row(
                sheet,
                row,
                [group.display_name or _("(none)")] + counts,
                [fmt["text"]] + [fmt["integer"]] * len(counts),
            )
            row += 1
        self._write_row(
            sheet, row, [_("Total")] + totals, [fmt["total_label"]] + [fmt["total"]] * len(totals)
        )
