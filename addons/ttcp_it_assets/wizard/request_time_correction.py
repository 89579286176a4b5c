from odoo import api, fields, models


class RequestTimeCorrection(models.TransientModel):
    """An asset manager corrects a request's response and resolution times, with a reason.

    The wizard only collects the values: :meth:`maintenance.request.action_correct_times`
    checks the group, requires the reason, writes past the locks and posts the reason.
    """

    _name = "ttcp.request.time.correction"
    _description = "Correct the times of a maintenance request"

    request_id = fields.Many2one("maintenance.request", "Request", required=True, ondelete="cascade")
    reported_at = fields.Datetime(related="request_id.reported_at")
    responded_at = fields.Datetime("Responded at")
    resolved_at = fields.Datetime("Resolved at")
    reason = fields.Text(
        required=True, help="Why the recorded times are wrong; posted in the request's chatter."
    )

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        request = self.env["maintenance.request"].browse(values.get("request_id"))
        if request:
            for name in ("responded_at", "resolved_at"):
                if name in fields_list and name not in values:
                    values[name] = request[name]
        return values

    def action_apply(self):
        self.ensure_one()
        request = self.request_id
        request.action_correct_times(
            responded_at=self.responded_at if self.responded_at != request.responded_at else None,
            resolved_at=self.resolved_at if self.resolved_at != request.resolved_at else None,
            reason=self.reason,
        )
        return {"type": "ir.actions.act_window_close"}
