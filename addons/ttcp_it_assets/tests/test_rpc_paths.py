"""Issue 8 from outside: the rules hold over XML-RPC and import, as each demo user.

These tests talk to the running test server through /xmlrpc/2 with the demo logins
(password = login), as an outside client would, and read the database back directly.
"""

from xmlrpc.client import Fault

from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

MUTED = ("odoo.http", "odoo.sql_db", "odoo.addons.base.models.ir_model")


@tagged("post_install", "-at_install")
class TestRpcPaths(HttpCase):
    def _uid(self, login):
        uid = self.xmlrpc_common.authenticate(self.env.cr.dbname, login, login, {})
        self.assertTrue(uid, f"demo login {login} does not authenticate")
        return uid

    def _call(self, login, model, method, *args, **kwargs):
        return self.xmlrpc_object.execute_kw(
            self.env.cr.dbname, self._uid(login), login, model, method, list(args), kwargs
        )

    def _refused(self, login, model, method, *args, pattern=None):
        with mute_logger(*MUTED), self.assertRaises(Fault) as caught:
            self._call(login, model, method, *args)
        fault = caught.exception.faultString
        self.assertNotIn("psycopg2", fault)
        self.assertNotIn("cannot marshal", fault)
        if pattern:
            self.assertRegex(fault, pattern)
        return fault

    def test_paid_disbursement_over_rpc_and_import(self):
        paid = self.env.ref("ttcp_procurement.demo_disbursement_portal_c10_2020")
        self.assertEqual(paid.state, "paid")
        before = (paid.paid_date, paid.treasury_reference, paid.amount)
        for vals in ({"paid_date": "2030-01-01"}, {"paid_date": False}, {"treasury_reference": "X"}):
            self._refused(
                "finance.officer",
                "ttcp.disbursement",
                "write",
                [paid.id],
                vals,
                pattern="can no longer change",
            )
        self._refused("finance.officer", "ttcp.disbursement", "unlink", [paid.id], pattern="never deleted")
        # Odoo's import (load) goes through the same write: the row is refused, nothing changes.
        xmlid = "ttcp_procurement.demo_disbursement_portal_c10_2020"
        with mute_logger(*MUTED):
            result = self._call(
                "finance.officer", "ttcp.disbursement", "load", ["id", "paid_date"], [[xmlid, "2030-01-01"]]
            )
        self.assertFalse(result["ids"])
        self.assertTrue(any("can no longer change" in m["message"] for m in result["messages"]))
        paid.invalidate_recordset()
        self.assertEqual((paid.paid_date, paid.treasury_reference, paid.amount), before)

    def test_actions_return_values_over_rpc(self):
        """A client gets the answer of a committed change, never 'cannot marshal None'."""
        paid = self.env.ref("ttcp_procurement.demo_disbursement_portal_c10_2020")
        action = self._call(
            "finance.officer", "ttcp.disbursement", "action_reverse", [paid.id], reason="Nhập trùng chứng từ"
        )
        reversal_id = action["res_id"]
        self.assertIs(
            self._call("finance.officer", "ttcp.disbursement", "action_submit", [reversal_id]), True
        )
        self.assertIs(
            self._call("finance.officer", "ttcp.disbursement", "action_reset_draft", [reversal_id]), True
        )
        # The department user reports for its own unit.
        user = self.env["res.users"].search([("login", "=", "department.user")])
        department = user.employee_ids.department_id[:1]
        report_id = self._call(
            "department.user",
            "ttcp.progress.report",
            "create",
            {"department_id": department.id, "period_type": "monthly", "year": 2026, "period": 11},
        )
        for method in ("action_prefill", "action_submit", "action_reset_draft"):
            self.assertIs(self._call("department.user", "ttcp.progress.report", method, [report_id]), True)

    def test_bad_values_over_rpc(self):
        project = self.env.ref("ttcp_projects.demo_project_portal")
        for vals in ({"file_submitted_date": "2026-13-45"}, {"department_id": "abc"}, {"start_year": 99999}):
            fault = self._refused("board.user", "ttcp.investment.project", "write", [project.id], vals)
            self.assertNotIn('Traceback (most recent call last)\n  File "/opt', fault.split("\n")[0])

    def test_scoping_and_manager_steps_over_rpc(self):
        own = self.env.ref("ttcp_projects.demo_dep_ttcp")
        other = self.env["hr.department"].search([("id", "!=", own.id), ("parent_id", "!=", own.id)], limit=1)
        if other:
            self._refused("department.user", "hr.department", "write", [other.id], {"parent_id": own.id})
        project = self.env.ref("ttcp_projects.demo_project_portal")
        self._refused(
            "board.user",
            "ttcp.investment.project",
            "write",
            [project.id],
            {"stage": "cancelled", "cancel_reason": "x"},
        )
        self._refused("board.user", "ttcp.investment.project", "action_archive", [project.id])
        project.invalidate_recordset()
        self.assertTrue(project.active)
        self.assertNotEqual(project.stage, "cancelled")

    def test_contractor_cannot_backdate_sla_times_over_rpc(self):
        request = self.env.ref("ttcp_it_assets.demo_request_gn_01")
        before = (request.responded_at, request.resolved_at)
        for vals in ({"responded_at": "2026-10-01 01:31:00"}, {"resolved_at": "2026-10-01 02:00:00"}):
            self._refused("giangan.technician", "maintenance.request", "write", [request.id], vals)
        request.invalidate_recordset()
        self.assertEqual((request.responded_at, request.resolved_at), before)
