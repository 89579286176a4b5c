from datetime import datetime

from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tests.common import freeze_time

from .common import TtcpProjectsCase


@tagged("post_install", "-at_install")
class TestAssignedTasks(TtcpProjectsCase):
    """Tasks assigned by leadership (nhiệm vụ được giao)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Task = cls.env["project.task"]
        cls.project = cls._create_project(name="Cổng thông tin")

    def _task(self, **vals):
        values = {
            "name": "Đặt lịch tiếp công dân trên Cổng",
            "project_id": self.project.project_id.id,
            "ttcp_assignment": True,
            "ttcp_assigning_document": "Thông báo 123/TB-TTCP",
            "ttcp_assigning_date": "2026-03-02",
            "ttcp_assigned_by": "Phó Tổng Thanh tra Chính phủ",
            "ttcp_department_id": self.dept_centre.id,
            "date_deadline": "2026-06-30 10:00:00",
        }
        values.update(vals)
        return self.Task.create(values)

    def test_assignment_needs_document_and_deadline(self):
        with self.assertRefused(ValidationError, "assigning document, a deadline and a project"):
            self._task(ttcp_assigning_document=False)
        with self.assertRefused(ValidationError, "assigning document, a deadline and a project"):
            self._task(date_deadline=False)
        with self.assertRefused(ValidationError, "assigning document, a deadline and a project"):
            self._task(project_id=False)
        task = self._task()
        with self.assertRefused(ValidationError, "assigning document"):
            task.ttcp_assigning_document = False
        with self.assertRefused(ValidationError, "deadline"):
            task.date_deadline = False
        # Not an assignment: neither is needed.
        plain = self._task(ttcp_assignment=False, ttcp_assigning_document=False, date_deadline=False)
        self.assertFalse(plain.ttcp_assignment)
        with self.assertRefused(ValidationError, "assigning document"):
            plain.ttcp_assignment = True

    def test_due_before_assigned_refused(self):
        with self.assertRefused(ValidationError, "due before it was assigned"):
            self._task(ttcp_assigning_date="2026-07-01")
        task = self._task(date_deadline="2026-03-02 08:00:00")  # same day is fine
        with self.assertRefused(ValidationError, "due before it was assigned"):
            task.date_deadline = "2026-03-01 23:00:00"
        with self.assertRefused(ValidationError, "due before it was assigned"):
            task.ttcp_assigning_date = "2026-03-03"
        self.assertEqual(task.date_deadline, datetime(2026, 3, 2, 8, 0))

    @freeze_time("2026-07-15 09:00:00")
    def test_is_late_compute_and_search(self):
        late = self._task(name="Late")
        on_time = self._task(name="On time", date_deadline="2026-07-31 10:00:00")
        done = self._task(name="Done late", state="1_done")
        cancelled = self._task(name="Cancelled", state="1_canceled")
        no_deadline = self._task(name="No deadline", ttcp_assignment=False, date_deadline=False)
        tasks = late | on_time | done | cancelled | no_deadline
        self.assertEqual(
            {t.name: t.ttcp_is_late for t in tasks},
            {
                "Late": True,
                "On time": False,
                "Done late": False,
                "Cancelled": False,
                "No deadline": False,
            },
        )
        domain = [("id", "in", tasks.ids)]
        self.assertEqual(self.Task.search(domain + [("ttcp_is_late", "=", True)]), late)
        self.assertEqual(self.Task.search(domain + [("ttcp_is_late", "!=", False)]), late)
        not_late = on_time | done | cancelled | no_deadline
        self.assertEqual(self.Task.search(domain + [("ttcp_is_late", "=", False)]), not_late)
        self.assertEqual(self.Task.search(domain + [("ttcp_is_late", "!=", True)]), not_late)
        # Closing the task clears it; reopening it makes it late again.
        late.state = "1_done"
        self.assertFalse(late.ttcp_is_late)
        self.assertFalse(self.Task.search([("id", "=", late.id), ("ttcp_is_late", "=", True)]))
        late.state = "01_in_progress"
        self.assertTrue(late.ttcp_is_late)
        # Moving the deadline later clears it.
        late.date_deadline = "2026-08-15 10:00:00"
        self.assertFalse(late.ttcp_is_late)

    def test_is_late_follows_time(self):
        task = self._task(date_deadline="2026-06-30 10:00:00")
        with freeze_time("2026-06-30 09:59:00"):
            task.invalidate_recordset(["ttcp_is_late"])
            self.assertFalse(task.ttcp_is_late)
            self.assertFalse(self.Task.search([("id", "=", task.id), ("ttcp_is_late", "=", True)]))
        with freeze_time("2026-06-30 10:01:00"):
            task.invalidate_recordset(["ttcp_is_late"])
            self.assertTrue(task.ttcp_is_late)
            self.assertTrue(self.Task.search([("id", "=", task.id), ("ttcp_is_late", "=", True)]))

    def test_done_task_leaves_to_do(self):
        done_stage = self.env.ref("ttcp_projects.task_stage_done")
        todo = self.env.ref("ttcp_projects.task_stage_todo")
        self.assertIn(done_stage, self.project.project_id.type_ids)
        task = self._task(stage_id=todo.id)
        self.assertEqual(task.stage_id, todo)
        task.state = "1_done"
        self.assertEqual(task.stage_id, done_stage)
        self.assertEqual(task.state, "1_done", "the move keeps the task done")
        created_done = self._task(name="Already done", stage_id=todo.id, state="1_done")
        self.assertEqual(created_done.stage_id, done_stage)
