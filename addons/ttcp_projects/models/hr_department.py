from odoo import api, models
from odoo.exceptions import AccessError

# Department fields that chatter and activities write for any employee.
_CHATTER_FIELDS = frozenset({"message_follower_ids", "message_main_attachment_id", "activity_ids"})


class HrDepartment(models.Model):
    """Departments scope what a department user sees (``child_of`` record rules), so
    only HR officers and administrators may shape the tree.

    Core ``hr`` lets every employee write departments; without this, a department user
    could move another department under its own and read that department's projects,
    capital plans, assets and requests.
    """

    _inherit = "hr.department"

    def _check_may_shape_departments(self):
        if self.env.su or self.env.user.has_group("hr.group_hr_user"):
            return
        raise AccessError(
            self.env._(
                "Only an HR officer may create, change or delete departments: they decide what each "
                "department's users can see."
            )
        )

    @api.model_create_multi
    def create(self, vals_list):
        self._check_may_shape_departments()
        return super().create(vals_list)

    def write(self, vals):
        if set(vals) - _CHATTER_FIELDS:
            self._check_may_shape_departments()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_by_hr_only(self):
        self._check_may_shape_departments()
