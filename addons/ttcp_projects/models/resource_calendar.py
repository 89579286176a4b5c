from datetime import datetime, timedelta

from pytz import timezone

from odoo import api, fields, models

from odoo.addons.resource.models.utils import Intervals, float_to_time


class ResourceCalendarMakeupDay(models.Model):
    """A day normally off that is worked (a Saturday making up a bridge day).

    Public holidays are days off (global leaves); a make-up working day is the
    opposite: the calendar gains the working hours of ``worked_as`` on that date, so
    every deadline counted in working days counts it.
    """

    _name = "ttcp.calendar.makeup.day"
    _description = "Make-up working day"
    _order = "date desc"

    name = fields.Char(required=True, translate=True)
    calendar_id = fields.Many2one("resource.calendar", required=True, ondelete="cascade", index=True)
    date = fields.Date(required=True, index=True)
    worked_as = fields.Selection(
        [
            ("0", "Monday"),
            ("1", "Tuesday"),
            ("2", "Wednesday"),
            ("3", "Thursday"),
            ("4", "Friday"),
        ],
        required=True,
        default="0",
        help="The day is worked with the office hours of this weekday.",
    )
    note = fields.Char(help="The notice announcing the make-up day.")

    _sql_constraints = [
        (
            "calendar_date_unique",
            "UNIQUE (calendar_id, date)",
            "A calendar has one make-up working day per date. / Mỗi ngày chỉ có một ngày làm bù.",
        ),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        days = super().create(vals_list)
        self.env["ttcp.legal.rule"]._refresh_rule_dependents()
        return days

    def write(self, vals):
        res = super().write(vals)
        self.env["ttcp.legal.rule"]._refresh_rule_dependents()
        return res

    def unlink(self):
        res = super().unlink()
        self.env["ttcp.legal.rule"]._refresh_rule_dependents()
        return res


class ResourceCalendar(models.Model):
    _inherit = "resource.calendar"

    ttcp_makeup_day_ids = fields.One2many(
        "ttcp.calendar.makeup.day", "calendar_id", string="Make-up working days"
    )

    def _attendance_intervals_batch(
        self, start_dt, end_dt, resources=None, domain=None, tz=None, lunch=False
    ):
        """Add the make-up working days to the attendances (not to the lunch breaks)."""
        result = super()._attendance_intervals_batch(
            start_dt, end_dt, resources=resources, domain=domain, tz=tz, lunch=lunch
        )
        if lunch:
            return result
        days = (
            self.env["ttcp.calendar.makeup.day"]
            .sudo()
            .search(
                [
                    ("calendar_id", "=", self.id),
                    ("date", ">=", start_dt.date() - timedelta(days=1)),
                    ("date", "<=", end_dt.date() + timedelta(days=1)),
                ]
            )
        )
        if not days:
            return result
        attendances = self.attendance_ids.filtered(
            lambda a: not a.resource_id and not a.display_type and a.day_period != "lunch"
        )
        for resource_id in list(result):
            resource = self.env["resource.resource"].browse(resource_id)
            zone = tz or timezone((resource or self).tz)
            start, end = start_dt.astimezone(zone), end_dt.astimezone(zone)
            extra = []
            for day in days:
                for attendance in attendances.filtered(lambda a, day=day: a.dayofweek == day.worked_as):
                    if attendance.date_from and day.date < attendance.date_from:
                        continue
                    if attendance.date_to and attendance.date_to < day.date:
                        continue
                    day_from = max(
                        start, zone.localize(datetime.combine(day.date, float_to_time(attendance.hour_from)))
                    )
                    day_to = min(
                        end, zone.localize(datetime.combine(day.date, float_to_time(attendance.hour_to)))
                    )
                    if day_from < day_to:
                        extra.append((day_from, day_to, attendance))
            if extra:
                result[resource_id] = result[resource_id] | Intervals(extra)
        return result
