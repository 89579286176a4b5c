from odoo import api, models


class ResourceCalendarLeaves(models.Model):
    """Public holidays move legal due dates: recompute every declared one when holidays change."""

    _inherit = "resource.calendar.leaves"

    def _ttcp_refresh(self):
        calendar = self.env.ref("ttcp_projects.resource_calendar_state_agency", raise_if_not_found=False)
        if calendar and (not self or calendar in self.calendar_id or not all(self.mapped("calendar_id"))):
            self.env["ttcp.legal.rule"]._refresh_rule_dependents()

    @api.model_create_multi
    def create(self, vals_list):
        leaves = super().create(vals_list)
        leaves._ttcp_refresh()
        return leaves

    def write(self, vals):
        res = super().write(vals)
        self._ttcp_refresh()
        return res

    def unlink(self):
        concerned = self.filtered(lambda leave: not leave.resource_id)
        res = super().unlink()
        if concerned:
            self.browse()._ttcp_refresh()
        return res
