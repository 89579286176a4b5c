from odoo import models


class AssetRegisterXlsx(models.AbstractModel):
    """The asset register (sổ theo dõi tài sản CNTT), with counts by department, site and category."""

    _name = "report.ttcp_it_assets.asset_register_xlsx"
    _inherit = "report.ttcp_it_assets.asset_xlsx_common"
    _description = "Asset register XLSX"

    KEYS = [
        "asset_code",
        "name",
        "category",
        "serial_no",
        "model",
        "department",
        "employee",
        "site",
        "state",
        "source_contract",
        "project",
        "acceptance_date",
        "warranty_end",
        "maintenance_contract",
        "support",
        "ip_address",
        "mac_address",
    ]

    def _assets(self, data, records):
        """The assets to export (the domain given, else the records, else all the user may
        read), ordered by department, site, category and asset code by the database."""
        Equipment = self.env["maintenance.equipment"]
        domain = (data or {}).get("domain")
        if domain is not None:
            assets = Equipment.search(domain)
        else:
            assets = records if records and records._name == Equipment._name else Equipment.search([])
        if not assets:
            return assets
        Equipment.flush_model(["department_id", "site_id", "category_id", "asset_code"])
        self.env["hr.department"].flush_model(["complete_name"])
        self.env["ttcp.site"].flush_model(["complete_name"])
        lang = self.env.lang or "en_US"
        self.env.cr.execute(
            """
            SELECT e.id
              FROM maintenance_equipment e
              LEFT JOIN hr_department d ON d.id = e.department_id
              LEFT JOIN ttcp_site s ON s.id = e.site_id
              LEFT JOIN maintenance_equipment_category c ON c.id = e.category_id
             WHERE e.id = ANY(%s)
             ORDER BY COALESCE(d.complete_name, ''), COALESCE(s.complete_name, ''),
                      COALESCE(c.name->>%s, c.name->>'en_US', ''), COALESCE(e.asset_code, ''), e.id
            """,
            [assets.ids, lang],
        )
        return Equipment.browse([row[0] for row in self.env.cr.fetchall()])

    def generate_xlsx_report(self, workbook, data, objs):
        _ = self.env._
        fmt = self._formats(workbook)
        assets = self._assets(data, objs)
        self._write_asset_sheet(
            workbook,
            fmt,
            _("Register"),
            (_("IT asset register"), _("%(count)s assets", count=len(assets))),
            assets,
            self.KEYS,
        )
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
