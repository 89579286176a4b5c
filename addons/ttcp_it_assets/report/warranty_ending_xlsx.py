from datetime import timedelta

from odoo import models


class WarrantyEndingXlsx(models.AbstractModel):
    """Assets whose warranty ends in the next days (90 by default)."""

    _name = "report.ttcp_it_assets.warranty_ending_xlsx"
    _inherit = "report.ttcp_it_assets.asset_xlsx_common"
    _description = "Warranties ending XLSX"

    def _assets(self, data):
        as_of = self._as_of(data)
        days = int((data or {}).get("days") or 90)
        return (
            self.env["maintenance.equipment"].search(
                [("warranty_end", ">=", as_of), ("warranty_end", "<=", as_of + timedelta(days=days))],
                order="warranty_end, asset_code",
            ),
            as_of,
            days,
        )

    def generate_xlsx_report(self, workbook, data, objs):
        _ = self.env._
        fmt = self._formats(workbook)
        assets, as_of, days = self._assets(data)
        days_left = {
            "days_left": (_("Days left"), 10, "integer", lambda r: (r["warranty_end"] - as_of).days),
        }
        self._write_asset_sheet(
            workbook,
            fmt,
            _("Warranties ending"),
            (
                _("Warranties ending within %(days)s days", days=days),
                _("As of %(date)s", date=as_of.strftime("%d/%m/%Y")),
            ),
            assets,
            [
                "asset_code",
                "name",
                "category",
                "serial_no",
                "department",
                "site",
                "source_contract",
                "supplier",
                "warranty_end",
                "days_left",
                "maintenance_contract",
            ],
            extra=days_left,
        )
