from odoo import models


class AssetXlsxCommon(models.AbstractModel):
    """The asset columns the registry's XLSX exports share, and one way to write them."""

    _name = "report.ttcp_it_assets.asset_xlsx_common"
    _inherit = "report.ttcp_procurement.xlsx_common"
    _description = "TTCP asset XLSX helpers"

    def _asset_columns(self):
        """{key: (title, width, format key, value of an asset)}."""
        _ = self.env._
        # Selection labels looked up once per export, not once per row.
        Equipment = self.env["maintenance.equipment"]
        states = dict(Equipment._fields["asset_state"]._description_selection(self.env))
        supports = dict(Equipment._fields["support_state"]._description_selection(self.env))
        return {
            "asset_code": (_("Asset code"), 14, "text", lambda a: a.asset_code),
            "name": (_("Name"), 30, "text", lambda a: a.name),
            "category": (_("Category"), 18, "text", lambda a: a.category_id.name),
            "serial_no": (_("Serial number"), 18, "text", lambda a: a.serial_no),
            "model": (_("Model"), 16, "text", lambda a: a.model),
            "department": (_("Department"), 24, "text", lambda a: a.department_id.complete_name),
            "employee": (_("Employee"), 20, "text", lambda a: a.employee_id.name),
            "site": (_("Site"), 24, "text", lambda a: a.site_id.complete_name),
            "state": (_("Status"), 14, "text", lambda a: states.get(a.asset_state, "")),
            "source_contract": (
                _("Supplied under contract"),
                28,
                "text",
                lambda a: a.source_contract_id.display_name,
            ),
            "supplier": (
                _("Contractor"),
                28,
                "text",
                lambda a: a.source_contract_id.partner_id.name or a.partner_id.name,
            ),
            "project": (_("Investment project"), 28, "text", lambda a: a.investment_project_id.display_name),
            "acceptance_date": (_("Acceptance date"), 13, "date", lambda a: a.acceptance_date),
            "warranty_end": (_("Warranty end"), 13, "date", lambda a: a.warranty_end),
            "maintenance_contract": (
                _("Maintenance contract"),
                26,
                "text",
                lambda a: a.maintenance_contract_id.display_name,
            ),
            "support": (_("Support"), 18, "text", lambda a: supports.get(a.support_state, "")),
            "ip_address": (_("IP address"), 15, "text", lambda a: a.ip_address),
            "mac_address": (_("MAC address"), 19, "text", lambda a: a.mac_address),
        }

    def _write_asset_sheet(self, workbook, fmt, name, titles, assets, keys, extra=None):
        """One sheet: ``titles`` (title, subtitle) then one row per asset with the ``keys`` columns.

        ``extra`` adds columns of the same shape as ``_asset_columns`` (e.g. days left).
        """
        columns = dict(self._asset_columns(), **(extra or {}))
        chosen = [columns[key] for key in keys]
        sheet = workbook.add_worksheet(name)
        sheet.write_string(0, 0, titles[0], fmt["title"])
        sheet.write_string(1, 0, titles[1], fmt["subtitle"])
        self._write_header(sheet, 3, [(title, width) for title, width, _fmt, _get in chosen], fmt)
        formats = [fmt[fmt_key] for _title, _width, fmt_key, _get in chosen]
        row = 4
        for batch in self._batches(assets):
            for asset in batch:
                self._write_row(sheet, row, [get(asset) for _title, _width, _fmt, get in chosen], formats)
                row += 1
        return sheet
