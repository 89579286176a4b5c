from odoo import models
from odoo.exceptions import AccessError

# Employee fields that decide which department's records a user sees.
_SCOPING_FIELDS = frozenset({"department_id", "employee_ids", "employee_id"})


class ResUsers(models.Model):
    """A user cannot move itself to another department from its preferences, even where
    the company lets employees edit their own HR data (``hr.hr_employee_self_edit``)."""

    _inherit = "res.users"

    def write(self, vals):
        if (
            _SCOPING_FIELDS & set(vals)
            and not self.env.su
            and not self.env.user.has_group("hr.group_hr_user")
            and not self.env.user.has_group("base.group_erp_manager")
        ):
            raise AccessError(self.env._("Only an HR officer may change which department a user belongs to."))
        return super().write(vals)
