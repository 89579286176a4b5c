from odoo import fields, models


class SlaPerformanceXlsx(models.AbstractModel):
    """Requests, breaches and mean times per contractor and month."""

    _name = "report.ttcp_it_assets.sla_performance_xlsx"
    _inherit = "report.ttcp_procurement.xlsx_common"
    _description = "SLA performance XLSX"

    @staticmethod
    def _domain(data):
        domain = [("contract_id", "!=", False), ("maintenance_type", "=", "corrective")]
        if data.get("date_from"):
            domain.append(("month", ">=", str(data["date_from"])[:7]))
        if data.get("date_to"):
            domain.append(("month", "<=", str(data["date_to"])[:7]))
        return domain

    def _figures(self, data):
        """{(contractor, month): figures}, each figure counted or averaged by the database."""
        Request = self.env["maintenance.request"].with_context(active_test=False)
        domain = self._domain(data or {})
        groupby = ["contractor_partner_id", "month"]
        figures = {}

        def merge(extra_domain, aggregates, names):
            for contractor, month, *values in Request._read_group(domain + extra_domain, groupby, aggregates):
                entry = figures.setdefault(
                    (contractor, month),
                    {
                        "requests": 0,
                        "breached": 0,
                        "responded": 0,
                        "resolved": 0,
                        "respond": 0.0,
                        "resolve": 0.0,
                    },
                )
                entry.update(dict(zip(names, values, strict=True)))

        merge([], ["__count"], ["requests"])
        merge([("sla_breached", "=", True)], ["__count"], ["breached"])
        merge([("responded_at", "!=", False)], ["__count", "response_hours:avg"], ["responded", "respond"])
        merge([("resolved_at", "!=", False)], ["__count", "resolution_hours:avg"], ["resolved", "resolve"])
        return figures

    def generate_xlsx_report(self, workbook, data, objs):
        _ = self.env._
        data = data or {}
        fmt = self._formats(workbook)
        hours = workbook.add_format({"border": 1, "num_format": "0.0", "valign": "top"})
        sheet = workbook.add_worksheet(_("SLA performance"))
        sheet.write_string(0, 0, _("Contractors' SLA performance"), fmt["title"])
        period = " - ".join(
            fields.Date.to_date(data[key]).strftime("%d/%m/%Y")
            for key in ("date_from", "date_to")
            if data.get(key)
        )
        sheet.write_string(1, 0, period or _("All months"), fmt["subtitle"])
        columns = [
            (_("Contractor"), 34),
            (_("Month"), 10),
            (_("Requests"), 10),
            (_("Breached"), 10),
            (_("Breach rate (%)"), 12),
            (_("Mean time to respond (working hours)"), 16),
            (_("Mean time to resolve (working hours)"), 16),
            (_("Responded"), 11),
            (_("Resolved"), 11),
        ]
        self._write_header(sheet, 3, columns, fmt)
        figures = self._figures(data)
        row = 4
        for contractor, month in sorted(figures, key=lambda key: (key[0].display_name or "", key[1] or "")):
            entry = figures[(contractor, month)]
            rate = round(entry["breached"] / entry["requests"] * 100, 2) if entry["requests"] else 0.0
            self._write_row(
                sheet,
                row,
                [
                    contractor.display_name,
                    month,
                    entry["requests"],
                    entry["breached"],
                    rate,
                    entry["respond"] if entry["responded"] else None,
                    entry["resolve"] if entry["resolved"] else None,
                    entry["responded"],
                    entry["resolved"],
                ],
                [fmt["text"], fmt["center"], fmt["integer"], fmt["integer"], fmt["percent"], hours, hours]
                + [fmt["integer"]] * 2,
            )
            row += 1
