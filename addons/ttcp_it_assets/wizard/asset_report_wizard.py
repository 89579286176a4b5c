from dateutil.relativedelta import relativedelta

from odoo import fields, models
from odoo.exceptions import UserError

REPORTS = {
    "register": "ttcp_it_assets.action_report_asset_register_xlsx",
    "sla": "ttcp_it_assets.action_report_sla_performance_xlsx",
    "warranty": "ttcp_it_assets.action_report_warranty_ending_xlsx",
    "uncovered": "ttcp_it_assets.action_report_uncovered_assets_xlsx",
}


def _first_of_month(day):
    return day.replace(day=1)


class AssetReportWizard(models.TransientModel):
    """Choose one of the registry's XLSX exports and its period."""

    _name = "ttcp.asset.report.wizard"
    _description = "IT asset reports"

    report = fields.Selection(
        [
            ("register", "Asset register"),
            ("sla", "SLA performance per contractor and month"),
            ("warranty", "Warranties ending soon"),
            ("uncovered", "Assets with neither warranty nor coverage"),
        ],
        required=True,
        default="register",
    )
    date_from = fields.Date(
        default=lambda self: _first_of_month(fields.Date.context_today(self)) - relativedelta(months=2)
    )
    date_to = fields.Date(default=fields.Date.context_today)
    days = fields.Integer("Within (days)", default=90)

    def action_export(self):
        self.ensure_one()
        if self.report == "sla" and self.date_from and self.date_to and self.date_from > self.date_to:
            raise UserError(self.env._("The period ends before it starts."))
        if self.report == "warranty" and self.days <= 0:
            raise UserError(self.env._("The number of days must be positive."))
        data = {
            "date_from": fields.Date.to_string(self.date_from) if self.date_from else False,
            "date_to": fields.Date.to_string(self.date_to) if self.date_to else False,
            "date": fields.Date.to_string(fields.Date.context_today(self)),
            "days": self.days,
        }
        if self.report == "register":
            data["domain"] = []
        return self.env.ref(REPORTS[self.report]).report_action(self, data=data, config=False)
