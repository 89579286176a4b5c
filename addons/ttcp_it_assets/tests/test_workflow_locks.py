"""Issue 8: handovers and SLA times hold their rules on every write path.

Each test goes through the ORM (``write`` / ``create`` / ``unlink``, as RPC, an import or an
editable list would), as the non-admin users of the registry, not through the buttons. A
refusal is checked twice: the exception, and the database rows re-read afterwards.
"""

import inspect
from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from odoo.addons.ttcp_projects.tests.workflow_matrix import WorkflowMatrixCase

from .common import TtcpAssetsCase, utc

# ValidationError and AccessError are UserErrors: both named for the reader.
REFUSED = (AccessError, UserError)
# The refusals of a done handover and of its lines.
LOCKED = "cannot be changed|no longer a draft|never deleted|is final"


@tagged("post_install", "-at_install")
class TestWorkflowLocks(TtcpAssetsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Department = cls.env["hr.department"]
        cls.dept_1 = Department.create({"name": "Test Cục I (locks)"})
        cls.tokens = cls.env["maintenance.equipment"]
        for i in range(2):
            cls.tokens |= cls._asset(
                name="USB token",
                category_id=cls.cat_token.id,
                serial_no=f"T-LOCK-TOKEN-{i}",
                department_id=False,
                equipment_assign_to="other",
                asset_state="in_stock",
                site_id=cls.site_hq.id,
            )
        cls.spare = cls._asset(
            name="Spare token",
            category_id=cls.cat_token.id,
            serial_no="T-LOCK-SPARE",
            department_id=False,
            equipment_assign_to="other",
            asset_state="in_stock",
        )
        cls.manager = cls.users["asset_manager"]
        cls.technician = cls.users["technician"]
        cls.department = cls.users["department"]  # works in Cục III (dept_other)
        cls.admin = cls.env.ref("base.user_admin")

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def _handover(self, **vals):
        values = {
            "date": "2026-03-10",
            "purpose": "allocate",
            "to_department_id": self.dept_1.id,
            "to_site_id": self.site_hq.id,
            "line_ids": [Command.create({"equipment_id": t.id, "condition": "new"}) for t in self.tokens],
        }
        values.update(vals)
        return self.Handover.create(values)

    def _rows(self, table, where, params):
        self.env.cr.execute(f'SELECT * FROM "{table}" WHERE {where} ORDER BY id', params)  # noqa: SQL
        return self.env.cr.fetchall()

    def _handover_rows(self, handover):
        """The handover, its lines and the assets, as stored."""

        def rows():
            return (
                self._rows("ttcp_asset_handover", "id = %s", [handover.id]),
                self._rows("ttcp_asset_handover_line", "handover_id = %s", [handover.id]),
                self._rows("maintenance_equipment", "id IN %s", [tuple((self.tokens | self.spare).ids)]),
            )

        return rows

    def _request_rows(self, request):
        return lambda: self._rows("maintenance_request", "id = %s", [request.id])

    def assertRefusedUnchanged(self, rows, action, pattern=None, exception=REFUSED):
        """``action`` is refused and the database rows read by ``rows`` did not change.

        Stricter than ``assertRaises`` (which rolls back to a savepoint): no savepoint here, so
        the refusal must come before anything reaches the database; whatever the refused call
        left in the ORM is then flushed, and must not change a row either.
        """
        self.env.flush_all()
        before = rows()
        try:
            action()
        except exception as error:
            caught = error
        else:
            self.fail(f"not refused (expected {exception})")
        if pattern:
            self.assertRegex(str(caught), pattern)
        self.env.flush_all()
        self.env.invalidate_all()
        self.assertEqual(rows(), before, "the refused call changed the database")
        return caught

    def _everyone(self):
        """Every kind of user, the asset manager and the administrator included."""
        return {
            "asset_manager": self.manager,
            "administrator": self.admin,
            "technician": self.technician,
            "department": self.department,
            "leadership": self.users["leadership"],
            "contractor": self.tech_a,
        }

    # ------------------------------------------------------------------
    # (a) Handover: draft -> done only by an asset manager, and done => assets moved
    # ------------------------------------------------------------------
    def test_technician_cannot_write_handover_done(self):
        """Finding: write({'state': 'done'}) by a technician marked the handover done, no asset moved."""
        handover = self._handover()
        self.assertRefusedUnchanged(
            self._handover_rows(handover),
            lambda: handover.with_user(self.technician).write({"state": "done"}),
            "asset manager",
            AccessError,
        )
        self.assertEqual(handover.state, "draft")
        self.assertFalse(handover.done_date)
        self.assertEqual(set(self.tokens.mapped("asset_state")), {"in_stock"}, "no asset moved")
        self.assertFalse(self.tokens.department_id)
        # With the done date given as well: same refusal.
        self.assertRefusedUnchanged(
            self._handover_rows(handover),
            lambda: handover.with_user(self.technician).write(
                {"state": "done", "done_date": fields.Datetime.now()}
            ),
            "asset manager",
            AccessError,
        )
        # Cancelled -> done is no transition at all, for the manager too.
        handover.with_user(self.technician).write({"state": "cancelled"})
        self.assertRefusedUnchanged(
            self._handover_rows(handover),
            lambda: handover.with_user(self.manager).write({"state": "done"}),
            "cannot go from",
        )

    def test_done_by_any_path_moves_the_assets(self):
        """The asset manager's plain write of state 'done' (no button) checks and moves the assets."""
        handover = self._handover()
        handover.with_user(self.manager).write({"state": "done"})
        self.env.invalidate_all()
        self.assertEqual(handover.state, "done")
        self.assertTrue(handover.done_date, "the move stamps the done date")
        self.assertEqual(self.tokens.department_id, self.dept_1)
        self.assertEqual(set(self.tokens.mapped("asset_state")), {"in_use"})
        self.assertEqual(set(handover.line_ids.mapped("previous_asset_state")), {"in_stock"})
        # Internal code past the locks still goes through the check and the move.
        internal = self._handover(
            purpose="return", from_department_id=self.dept_1.id, to_department_id=False, to_site_id=False
        )
        internal._workflow_internal().write({"state": "done"})
        self.assertEqual(set(self.tokens.mapped("asset_state")), {"in_stock"})
        self.assertEqual(set(internal.line_ids.mapped("previous_department_id")), {self.dept_1})
        # A handover that cannot be done is refused by the write, before anything is written.
        empty = self.Handover.create({"date": "2026-03-10", "to_department_id": self.dept_1.id})
        self.assertRefusedUnchanged(
            self._handover_rows(empty),
            lambda: empty.with_user(self.manager).write({"state": "done"}),
            "no asset",
        )
        self.assertEqual(empty.state, "draft")

    # ------------------------------------------------------------------
    # (b) A done handover is locked entirely and kept, for everyone
    # ------------------------------------------------------------------
    def test_done_handover_locked_for_every_group(self):
        """Finding: the done handover's header, lines and history could be rewritten or deleted."""
        handover = self._handover()
        handover.with_user(self.manager).action_done()
        line = handover.line_ids[0]
        Line = self.env["ttcp.asset.handover.line"]
        attempts = {
            "date": lambda h, ln: h.write({"date": "2026-03-01"}),
            "purpose": lambda h, ln: h.write({"purpose": "lend"}),
            "state back to draft": lambda h, ln: h.write({"state": "draft"}),
            "state to cancelled": lambda h, ln: h.write({"state": "cancelled"}),
            "parties": lambda h, ln: h.write({"to_department_id": self.dept_other.id}),
            "note": lambda h, ln: h.write({"note": "<p>rewritten</p>"}),
            "done date": lambda h, ln: h.write({"done_date": "2026-03-01 08:00:00"}),
            "line through the header": lambda h, ln: h.write(
                {"line_ids": [Command.update(ln.id, {"condition": "faulty"})]}
            ),
            "line removed through the header": lambda h, ln: h.write({"line_ids": [Command.unlink(ln.id)]}),
            "line condition": lambda h, ln: ln.write({"condition": "faulty"}),
            "line recipient": lambda h, ln: ln.write({"to_department_id": self.dept_other.id}),
            "line note": lambda h, ln: ln.write({"note": "rewritten"}),
            "line history department": lambda h, ln: ln.write({"previous_department_id": self.dept_other.id}),
            "line history state": lambda h, ln: ln.write({"previous_asset_state": "in_use"}),
            "line moved to another handover": lambda h, ln: ln.write({"handover_id": h.id}),
            "line created": lambda h, ln: Line.with_env(h.env).create(
                {"handover_id": h.id, "equipment_id": self.spare.id}
            ),
            "line created through the header": lambda h, ln: h.write(
                {"line_ids": [Command.create({"equipment_id": self.spare.id})]}
            ),
            "handover deleted": lambda h, ln: h.unlink(),
            "line deleted": lambda h, ln: ln.unlink(),
        }
        rows = self._handover_rows(handover)
        for key, user in self._everyone().items():
            for what, attempt in attempts.items():
                with self.subTest(user=key, attempt=what):
                    as_user_h, as_user_l = handover.with_user(user), line.with_user(user)
                    exception = self.assertRefusedUnchanged(
                        rows, lambda a=attempt, h=as_user_h, ln=as_user_l: a(h, ln)
                    )
                    if key in ("asset_manager", "administrator"):
                        # Refused by the lock, not by the access rights (they have them all).
                        self.assertNotIsInstance(exception, AccessError)
                        self.assertRegex(str(exception), LOCKED)
        self.assertEqual(handover.state, "done")
        self.assertTrue(handover.exists() and line.exists())

    def test_history_never_written_by_hand(self):
        """The previous_* fields are written by the move only, even on a draft, even by a manager."""
        draft = self._handover()
        line = draft.line_ids[0]
        other_draft = self._handover(line_ids=[])
        for user in (self.manager, self.admin, self.technician):
            with self.subTest(user=user.login):
                self.assertRefusedUnchanged(
                    self._handover_rows(draft),
                    lambda user=user: line.with_user(user).write(
                        {"previous_department_id": self.dept_other.id}
                    ),
                    "by hand",
                )
                self.assertRefusedUnchanged(
                    self._handover_rows(draft),
                    lambda user=user: line.with_user(user).write({"previous_asset_state": "in_use"}),
                    "by hand",
                )
                self.assertRefusedUnchanged(
                    self._handover_rows(draft),
                    lambda user=user: self.env["ttcp.asset.handover.line"]
                    .with_user(user)
                    .create(
                        {
                            "handover_id": draft.id,
                            "equipment_id": self.spare.id,
                            "previous_department_id": self.dept_other.id,
                        }
                    ),
                    "by hand",
                )
                self.assertRefusedUnchanged(
                    self._handover_rows(draft),
                    lambda user=user: line.with_user(user).write({"handover_id": other_draft.id}),
                    "by hand",
                )
                self.assertRefusedUnchanged(
                    self._handover_rows(draft),
                    lambda user=user: draft.with_user(user).write({"number": "2026/BBBG-9999"}),
                    "cannot be changed",
                )
        # The line itself stays editable on a draft, and a copy starts without history.
        line.with_user(self.technician).write({"condition": "worn"})
        self.assertEqual(line.condition, "worn")
        draft.with_user(self.manager).action_done()
        copy = draft.copy()
        self.assertEqual(copy.state, "draft")
        self.assertEqual(len(copy.line_ids), len(draft.line_ids))
        self.assertEqual(set(copy.line_ids.mapped("previous_asset_state")), {False})
        self.assertFalse(copy.line_ids.previous_department_id)

    # ------------------------------------------------------------------
    # (c) Contractor and department user record "now", never a chosen time
    # ------------------------------------------------------------------
    def test_non_manager_cannot_write_past_sla_times(self):
        """Finding: a contractor or a department user wrote responded_at / resolved_at in the past."""
        cases = {
            "contractor": (self.tech_a, self.desktop),  # contract A, Technician A's company
            "department": (self.department, self.desktop_c3),  # the department's own asset
            "technician": (self.technician, self.desktop),
        }
        for key, (user, asset) in cases.items():
            with self.subTest(user=key):
                request = self._request(asset, "2026-03-10 09:00", name=f"Locks {key}")
                as_user = request.with_user(user)
                for vals in (
                    {"responded_at": utc("2026-03-10 10:00")},
                    {"resolved_at": utc("2026-03-10 11:00")},
                    {"responded_at": utc("2026-03-10 10:00"), "resolved_at": utc("2026-03-10 11:00")},
                    {"responded_at": fields.Datetime.now() - timedelta(hours=1)},
                    {"responded_at": fields.Datetime.now() + timedelta(hours=1)},
                ):
                    self.assertRefusedUnchanged(
                        self._request_rows(request),
                        lambda vals=vals, as_user=as_user: as_user.write(vals),
                        "present moment",
                    )
                self.assertFalse(request.responded_at or request.resolved_at)
                # "Now" on an empty time is what the buttons do, and is accepted.
                now = fields.Datetime.now()
                as_user.write({"responded_at": now})
                self.assertEqual(request.responded_at, now)
                # Once recorded, even "now" again is a change of a recorded time: refused.
                self.assertRefusedUnchanged(
                    self._request_rows(request),
                    lambda as_user=as_user: as_user.write({"responded_at": fields.Datetime.now()}),
                    "already recorded",
                )
                self.assertRefusedUnchanged(
                    self._request_rows(request),
                    lambda as_user=as_user: as_user.write({"resolved_at": utc("2026-03-10 11:00")}),
                    "present moment",
                )
                as_user.write({"resolved_at": fields.Datetime.now()})
                self.assertTrue(request.resolved_at)
        # Creating a request with a past time is the same finding, for the department user.
        self.env.flush_all()
        count = self.Request.search_count([])
        with self.assertRaisesRegex(UserError, "present moment"):
            self.Request.with_user(self.department).create(
                {
                    "name": "Back-dated",
                    "equipment_id": self.desktop_c3.id,
                    "reported_at": utc("2026-03-10 09:00"),
                    "responded_at": utc("2026-03-10 10:00"),
                }
            )
        self.env.invalidate_all(flush=False)
        self.assertEqual(self.Request.search_count([]), count)

    def test_respond_and_resolve_stamp_now(self):
        request = self._request(self.desktop, "2026-03-10 09:00")
        before = fields.Datetime.now()
        self.assertIs(request.with_user(self.tech_a).action_respond(), True)
        self.assertTrue(before - timedelta(seconds=1) <= request.responded_at <= fields.Datetime.now())
        with self.assertRaisesRegex(UserError, "already answered"):
            request.with_user(self.tech_a).action_respond()
        self.assertIs(request.with_user(self.tech_a).action_resolve(), True)
        self.assertTrue(request.resolved_at >= request.responded_at)
        self.assertTrue(request.stage_id.done)
        other = self._request(self.desktop_c3, "2026-03-10 09:00")
        other.with_user(self.department).action_resolve()
        self.assertEqual(other.responded_at, other.resolved_at, "resolving answers too")

    # ------------------------------------------------------------------
    # (d) A recorded time changes only through action_correct_times, with a reason
    # ------------------------------------------------------------------
    def test_recorded_times_corrected_only_with_reason(self):
        """Finding: a recorded (breached) time could be rewritten into a met one by a plain write."""
        request = self._request(
            self.desktop,
            "2026-03-10 09:00",
            responded_at=utc("2026-03-10 14:30"),
            resolved_at=utc("2026-03-12 09:00"),
        )
        self.assertTrue(request.response_breached)
        # As in production, the creation is committed before anyone corrects it (a record
        # created in the same transaction is not tracked).
        self.env.flush_all()
        self.env.cr.precommit.run()
        rows = self._request_rows(request)
        for user in (self.manager, self.admin):
            for vals in (
                {"responded_at": utc("2026-03-10 10:00")},
                {"resolved_at": utc("2026-03-10 16:00")},
                {"responded_at": False},
            ):
                with self.subTest(user=user.login, vals=vals):
                    self.assertRefusedUnchanged(
                        rows,
                        lambda user=user, vals=vals: request.with_user(user).write(vals),
                        "already recorded",
                    )
        # The correction needs an asset manager...
        self.assertRefusedUnchanged(
            rows,
            lambda: request.with_user(self.technician).action_correct_times(
                responded_at=utc("2026-03-10 10:00"), reason="typo"
            ),
            "asset manager",
            AccessError,
        )
        # ...and a reason.
        for reason in (None, "", "   "):
            with self.subTest(reason=reason):
                self.assertRefusedUnchanged(
                    rows,
                    lambda reason=reason: request.with_user(self.manager).action_correct_times(
                        responded_at=utc("2026-03-10 10:00"), reason=reason
                    ),
                    "reason",
                )
        self.assertRefusedUnchanged(
            rows,
            lambda: request.with_user(self.manager).action_correct_times(
                responded_at=utc("2026-03-10 08:00"), reason="before the report"
            ),
            "before the report",
            ValidationError,
        )
        # With a reason: corrected, tracked, and the reason is in the chatter.
        reason = "Technician arrived 10:00, recorded late from the office (call log #4411)"
        result = request.with_user(self.manager).action_correct_times(
            responded_at=utc("2026-03-10 10:00"), reason=reason
        )
        self.assertIs(result, True)
        self.env.flush_all()
        self.env.cr.precommit.run()  # tracking values are written at commit
        self.env.invalidate_all()
        self.assertEqual(request.responded_at, utc("2026-03-10 10:00"))
        self.assertEqual(request.resolved_at, utc("2026-03-12 09:00"), "the other time is left alone")
        self.assertFalse(request.response_breached)
        self.assertTrue(request.message_ids.filtered(lambda m: reason in (m.body or "")))
        tracked = request.message_ids.tracking_value_ids.filtered(lambda t: t.field_id.name == "responded_at")
        self.assertTrue(tracked, "the corrected time is tracked")
        # The wizard of the form takes the same path.
        wizard = (
            self.env["ttcp.request.time.correction"]
            .with_user(self.manager)
            .with_context(default_request_id=request.id)
            .create({"reason": "Resolution confirmed by phone at 15:00"})
        )
        self.assertEqual(wizard.responded_at, request.responded_at)
        wizard.resolved_at = utc("2026-03-11 15:00")
        wizard.action_apply()
        self.assertEqual(request.resolved_at, utc("2026-03-11 15:00"))
        self.assertTrue(
            request.message_ids.filtered(lambda m: "Resolution confirmed by phone" in (m.body or ""))
        )
        with self.assertRaises(AccessError):
            self.env["ttcp.request.time.correction"].with_user(self.technician).create(
                {"request_id": request.id, "reason": "x"}
            )

    def test_refusals_speak_vietnamese(self):
        """The new refusals read in Vietnamese for a Vietnamese-speaking user (i18n/vi.po)."""
        self.env["res.lang"]._activate_lang("vi_VN")
        self.env["ir.module.module"]._load_module_terms(["ttcp_it_assets"], ["vi_VN"], overwrite=True)
        draft = self._handover()
        request = self._request(self.desktop, "2026-03-10 09:00", responded_at=utc("2026-03-10 10:00"))
        cases = (
            (
                lambda: draft.line_ids[0]
                .with_user(self.manager)
                .with_context(lang="vi_VN")
                .write({"previous_asset_state": "in_use"}),
                "không được nhập tay",
            ),
            (
                lambda: request.with_user(self.tech_a)
                .with_context(lang="vi_VN")
                .write({"resolved_at": utc("2026-03-10 11:00")}),
                "ghi nhận thời điểm hiện tại",
            ),
            (
                lambda: request.with_user(self.manager)
                .with_context(lang="vi_VN")
                .write({"responded_at": False}),
                "đã được ghi nhận",
            ),
            (
                lambda: request.with_user(self.manager)
                .with_context(lang="vi_VN")
                .action_correct_times(responded_at=utc("2026-03-10 09:30")),
                "hãy nêu lý do",
            ),
        )
        handover_rows, request_rows = self._handover_rows(draft), self._request_rows(request)
        for (action, pattern), rows in zip(
            cases, (handover_rows, request_rows, request_rows, request_rows), strict=True
        ):
            with self.subTest(pattern=pattern):
                self.assertRefusedUnchanged(rows, action, pattern)

    # ------------------------------------------------------------------
    # (e) Every action_* returns a value
    # ------------------------------------------------------------------
    def _own_actions(self, model):
        names = set()
        for cls in type(self.env[model]).mro():
            if cls.__module__.startswith("odoo.addons.ttcp_it_assets."):
                names |= {
                    n for n, f in vars(cls).items() if n.startswith("action_") and inspect.isfunction(f)
                }
        return names

    def test_every_action_returns_a_value(self):
        """Finding: buttons returning None (RPC cannot marshal None)."""
        draft = self._handover()
        cancelled = self._handover(line_ids=[])
        cancelled.action_cancel()
        cancel_me = self._handover(line_ids=[])
        calls = {
            "ttcp.asset.handover": {
                "action_print": lambda: draft.with_user(self.technician).action_print(),
                "action_done": lambda: draft.with_user(self.manager).action_done(),
                "action_cancel": lambda: cancel_me.with_user(self.technician).action_cancel(),
                "action_draft": lambda: cancelled.with_user(self.technician).action_draft(),
            },
        }
        request = self._request(self.desktop, "2026-03-10 09:00")
        calls["maintenance.request"] = {
            "action_respond": lambda: request.with_user(self.tech_a).action_respond(),
            "action_resolve": lambda: request.with_user(self.tech_a).action_resolve(),
            "action_open_correct_times": lambda: request.with_user(self.manager).action_open_correct_times(),
            "action_correct_times": lambda: request.with_user(self.manager).action_correct_times(
                responded_at=request.responded_at - timedelta(minutes=1), reason="clock"
            ),
        }
        for model, actions in calls.items():
            self.assertEqual(
                self._own_actions(model), set(actions), f"every action of {model} is called here"
            )
            for name, call in actions.items():
                with self.subTest(model=model, action=name):
                    self.assertIsNotNone(call())
        self.assertEqual(draft.state, "done")
        self.assertEqual(cancelled.state, "draft")
        self.assertEqual(cancel_me.state, "cancelled")

    # ------------------------------------------------------------------
    # (f) A failed create gives its number back
    # ------------------------------------------------------------------
    def test_failed_create_does_not_consume_a_number(self):
        """Finding: a refused or rolled-back create burnt a handover number (standard sequence)."""
        first = self._handover(line_ids=[])
        number = int(first.number.rsplit("-", 1)[1])
        failures = (
            # Refused by a constraint after the number was drawn.
            (
                ValidationError,
                lambda: self.Handover.with_user(self.technician).create({"date": "2099-01-01"}),
            ),
            # Refused by the workflow (created done) after the number was drawn.
            (
                UserError,
                lambda: self.Handover.with_user(self.manager).create({"date": "2026-03-10", "state": "done"}),
            ),
        )
        for exception, create in failures:
            with self.assertRaises(exception), self.env.cr.savepoint():
                create()
        second = self._handover(line_ids=[])
        self.assertEqual(int(second.number.rsplit("-", 1)[1]), number + 1, "no number lost")
        self.assertEqual(second.number.rsplit("-", 1)[0], first.number.rsplit("-", 1)[0])
        # Asset codes too (the category's sequence).
        asset = self._asset(name="Token A", category_id=self.cat_token.id)
        with self.assertRaisesRegex(ValidationError, "IPv4"), self.env.cr.savepoint():
            self._asset(name="Token bad", category_id=self.cat_token.id, ip_address="10.0.0.256")
        after = self._asset(name="Token B", category_id=self.cat_token.id)
        self.assertEqual(int(after.asset_code.rsplit("-", 1)[1]), int(asset.asset_code.rsplit("-", 1)[1]) + 1)
        # Every sequence of the module is gap-free (the data file, the migration, new categories).
        sequences = (
            self.env.ref("ttcp_it_assets.sequence_asset")
            | self.env.ref("ttcp_it_assets.sequence_asset_handover")
            | self.env["maintenance.equipment.category"]
            .with_context(active_test=False)
            .search([])
            .sequence_id
        )
        self.assertEqual(set(sequences.mapped("implementation")), {"no_gap"})
        new_category = self.env["maintenance.equipment.category"].create(
            {"name": "Test scanners", "code_prefix": "TSC"}
        )
        self.assertEqual(new_category.sequence_id.implementation, "no_gap")


@tagged("post_install", "-at_install")
class TestAssetsWorkflowMatrix(WorkflowMatrixCase):
    """The lead's generated matrix (ttcp_projects) over the registry's declarations: every
    stored field rewritten with its own value, every move and the deletion, as each group,
    on a draft, a done and a cancelled handover and on lines of a draft and a done one."""

    matrix_models = ("ttcp.asset.handover", "ttcp.asset.handover.line", "maintenance.request")
    matrix_groups = {
        "asset_manager": "ttcp_it_assets.group_asset_manager",
        "technician": "ttcp_it_assets.group_asset_technician",
        "department": "ttcp_projects.group_department_user",
        "leadership": "ttcp_projects.group_leadership",
    }
    matrix_department = "ttcp_projects.demo_dep_ttcp"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The contractor's technician is a portal user: the matrix's own user factory makes
        # internal users (group_user then removed, which a portal group refuses), so it is
        # made here, as a technician of the contractor of the sampled requests.
        technician = new_test_user(
            cls.env,
            login="matrix_contractor",
            groups="base.group_portal,ttcp_it_assets.group_asset_contractor",
            name="Matrix contractor",
        )
        contract = cls.env["maintenance.request"].search([("contract_id", "!=", False)], limit=1).contract_id
        technician.partner_id.parent_id = contract.partner_id
        cls.matrix_users["contractor"] = technician
        cls.env.ref("ttcp_it_assets.demo_handover_laptop_draft").copy().action_cancel()

    def _matrix_samples(self, model):
        if model == "ttcp.asset.handover.line":
            Line = self.env[model]
            return Line.search([("handover_id.state", "=", "draft")], limit=1, order="id") | Line.search(
                [("handover_id.state", "=", "done")], limit=1, order="id"
            )
        if model == "maintenance.request":
            # One with both times recorded, one still open, both under a contract.
            Request = self.env[model]
            domain = [("contract_id", "!=", False)]
            return Request.search(
                domain + [("resolved_at", "!=", False)], limit=1, order="id"
            ) | Request.search(
                domain + [("responded_at", "=", False), ("resolved_at", "=", False)], limit=1, order="id"
            )
        return super()._matrix_samples(model)

    def test_workflow_matrix(self):
        self._run_workflow_matrix()
