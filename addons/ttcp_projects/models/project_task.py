from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ProjectTask(models.Model):
    """Tasks assigned by leadership (nhiệm vụ được giao)."""

    _inherit = "project.task"

    ttcp_assignment = fields.Boolean(
        "Leadership assignment",
        help="A task assigned by the agency's leadership (nhiệm vụ được giao).",
    )
    ttcp_assigning_document = fields.Char("Assigning document", help="E.g. Thông báo kết luận 123/TB-TTCP.")
    ttcp_assigning_date = fields.Date("Assigned on")
    ttcp_assigned_by = fields.Char("Assigned by", help="The leader who assigned the task.")
    ttcp_department_id = fields.Many2one("hr.department", "Responsible unit", index=True)
    ttcp_is_late = fields.Boolean(
        "Late assignment", compute="_compute_ttcp_is_late", search="_search_ttcp_is_late"
    )

    @api.depends("date_deadline", "state")
    def _compute_ttcp_is_late(self):
        now = fields.Datetime.now()
        for task in self:
            task.ttcp_is_late = bool(task.date_deadline and task.date_deadline < now and not task.is_closed)

    def _search_ttcp_is_late(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise ValidationError(self.env._("Unsupported search on the 'Late assignment' field."))
        late = [
            ("date_deadline", "<", fields.Datetime.now()),
            ("state", "not in", ["1_done", "1_canceled"]),
        ]
        if (operator == "=") == value:
            return late
        return ["|", ("date_deadline", "=", False), "!", "&", *late]

    @api.model_create_multi
    def create(self, vals_list):
        tasks = super().create(vals_list)
        tasks.filtered(lambda t: t.state == "1_done")._ttcp_move_to_done_stage()
        return tasks

    def write(self, vals):
        # Odoo sets date_end only when a task reaches a folded stage; a task marked
        # done keeps its completion time too, so period reports can count it.
        if vals.get("state") == "1_done" and "date_end" not in vals:
            undated = self.filtered(lambda t: not t.date_end and t.state != "1_done")
            if undated:
                super(ProjectTask, undated).write({"date_end": fields.Datetime.now()})
        res = super().write(vals)
        if vals.get("state") == "1_done" and "stage_id" not in vals:
            self._ttcp_move_to_done_stage()
        return res

    def _ttcp_move_to_done_stage(self):
        """A task marked done leaves 'To do': it moves to its project's folded stage (the
        suite's 'Done'), so the kanban shows finished work as finished."""
        done_stage = self.env.ref("ttcp_projects.task_stage_done", raise_if_not_found=False)
        for task in self.filtered(lambda t: t.project_id and not t.stage_id.fold):
            stages = task.project_id.type_ids
            target = done_stage if done_stage in stages else stages.filtered("fold")[:1]
            if target:
                super(ProjectTask, task).write({"stage_id": target.id})
        return True

    @api.constrains("ttcp_assignment", "ttcp_assigning_document", "date_deadline", "project_id")
    def _check_ttcp_assignment(self):
        for task in self.filtered("ttcp_assignment"):
            if not task.ttcp_assigning_document or not task.date_deadline or not task.project_id:
                raise ValidationError(
                    self.env._(
                        "Task %(task)s is a leadership assignment: it needs its assigning "
                        "document, a deadline and a project.",
                        task=task.name,
                    )
                )

    @api.constrains("ttcp_assigning_date", "date_deadline")
    def _check_ttcp_dates(self):
        for task in self:
            if (
                task.ttcp_assigning_date
                and task.date_deadline
                and task.date_deadline.date() < task.ttcp_assigning_date
            ):
                raise ValidationError(
                    self.env._("Task %(task)s is due before it was assigned.", task=task.name)
                )
