"""A generated matrix test of the workflow declarations (``ttcp.workflow.mixin``).

For every model listed, in every state that has a record (the demo data walks each
model through its states), as a user of every group listed, it tries:

* to write each stored field the user could write, with the value it already holds
  (always a valid value, so that only the locks and the rights decide);
* to move the record to each other state;
* to delete the record.

What must happen is read from the declaration and the access rights: a field write
goes through exactly when the user may write the record (ACL and record rules), may
see the field (field groups) and the field is not locked now; a move goes through the
workflow layer exactly when it is a declared transition whose group the user is in.
A refusal must be an ``AccessError`` or a ``UserError`` (not a crash) and leave the
row unchanged in the database. A move or a deletion the declaration allows may still
be refused by a business rule of the model (a required date, a disbursement rule): it
is counted apart. The tally is logged: cases tried, allowed, refused.
"""

import logging
from collections import Counter

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import TransactionCase, new_test_user

from odoo.addons.ttcp_projects.models.workflow_mixin import ALL

_logger = logging.getLogger(__name__)

_SKIPPED = {"id", "create_uid", "create_date", "write_uid", "write_date", "display_name", "__last_update"}


class WorkflowMatrixCase(TransactionCase):
    """Subclass with ``matrix_models`` (model names) and ``matrix_groups``
    ({key: group xmlid}); ``matrix_department`` (xmlid) places the users' employee."""

    matrix_models = ()
    matrix_groups = {}
    matrix_department = "ttcp_projects.demo_dept_information_centre"
    matrix_records_per_state = 1

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        department = cls.env.ref(cls.matrix_department, raise_if_not_found=False)
        cls.matrix_users = {}
        for key, group in cls.matrix_groups.items():
            user = new_test_user(
                cls.env, login=f"matrix_{key}", groups=f"base.group_user,{group}", name=f"Matrix {key}"
            )
            if group.endswith("contractor"):
                user.write({"groups_id": [Command.unlink(cls.env.ref("base.group_user").id)]})
            cls.matrix_users[key] = user
            if department:
                cls.env["hr.employee"].create(
                    {"name": user.name, "user_id": user.id, "department_id": department.id}
                )

    # ------------------------------------------------------------------
    def _matrix_samples(self, model):
        Model = self.env[model].with_context(active_test=False)
        state_field = Model._workflow_state_field
        if not state_field:
            return Model.search([], limit=2, order="id")
        samples = Model.browse()
        for state, _label in Model._fields[state_field]._description_selection(self.env):
            samples |= Model.search(
                [(state_field, "=", state)], limit=self.matrix_records_per_state, order="id"
            )
        return samples

    def _matrix_fields(self, record):
        names = []
        for name, field in record._fields.items():
            if (
                name in _SKIPPED
                or not field.store
                or field.type in ("one2many", "binary")
                or (field.compute and field.readonly)
                or field.related
                or name.startswith(("message_", "activity_"))
                or name == record._workflow_state_field
            ):
                continue
            names.append(name)
        return names

    def _row(self, record):
        self.env.flush_all()
        self.env.cr.execute(f'SELECT * FROM "{record._table}" WHERE id = %s', [record.id])
        return self.env.cr.fetchone()

    def _try(self, func):
        """Run ``func`` in a savepoint that is always rolled back; return the exception."""
        error = None
        with self.env.cr.savepoint() as savepoint:
            try:
                func()
                self.env.flush_all()
            except (AccessError, UserError, ValidationError) as exc:
                error = exc
            savepoint.rollback()
        self.env.invalidate_all()
        return error

    def _expect_field(self, record, user_record, name):
        if not user_record.has_access("write"):
            return False
        field = record._fields[name]
        if field.groups and not user_record.env.user.has_groups(field.groups):
            return False
        locked = user_record._workflow_locked_fields()
        if locked == ALL:
            return name in user_record._workflow_free()
        return name not in locked

    def _write_value(self, record, name):
        field = record._fields[name]
        value = record[name]
        if field.type == "many2many":
            return [Command.set(value.ids)]
        return field.convert_to_write(value, record)

    # ------------------------------------------------------------------
    def _run_workflow_matrix(self):  # noqa: C901
        """The matrix (subclasses call it from a ``test_`` method of their own)."""
        tally = Counter()
        mismatches = []
        for model in self.matrix_models:
            samples = self._matrix_samples(model)
            self.assertTrue(samples, f"no record of {model} to try")
            for record in samples:
                state_field = record._workflow_state_field
                state = record[state_field] if state_field else None
                states = (
                    [
                        s
                        for s, _l in record._fields[state_field]._description_selection(self.env)
                        if s != state
                    ]
                    if state_field
                    else []
                )
                for key, user in self.matrix_users.items():
                    as_user = record.with_user(user)
                    before = self._row(record)
                    where = f"{model}[{record.id}] state={state} as {key}"
                    # fields
                    for name in self._matrix_fields(record):
                        expected = self._expect_field(record, as_user, name)
                        value = self._write_value(record, name)
                        error = self._try(lambda r=as_user, n=name, v=value: r.write({n: v}))
                        tally["tried"] += 1
                        if expected and error:
                            mismatches.append(f"{where}: write {name} refused ({error})")
                        elif not expected and not error:
                            mismatches.append(f"{where}: write {name} went through")
                        elif not expected and isinstance(error, ValidationError):
                            mismatches.append(
                                f"{where}: write {name} refused by a check, not a lock ({error})"
                            )
                        tally["allowed" if not error else "refused"] += 1
                        if error and self._row(record) != before:
                            mismatches.append(f"{where}: write {name} refused but the row changed")
                    # moves
                    for target in states:
                        transition = record._workflow_find(state, target)
                        expected = bool(
                            transition
                            and as_user.has_access("write")
                            and as_user._workflow_has_group(transition.group)
                        )
                        error = self._try(lambda r=as_user, t=target, f=state_field: r.write({f: t}))
                        tally["tried"] += 1
                        if not expected:
                            if not error:
                                mismatches.append(f"{where}: move to {target} went through")
                            elif isinstance(error, ValidationError):
                                mismatches.append(
                                    f"{where}: move to {target} refused by a check, not the workflow"
                                )
                            tally["refused"] += 1
                        elif error:
                            if isinstance(error, AccessError):
                                mismatches.append(f"{where}: declared move to {target} refused ({error})")
                            tally["refused by a business rule"] += 1
                        else:
                            tally["allowed"] += 1
                        if error and self._row(record) != before:
                            mismatches.append(f"{where}: move to {target} refused but the row changed")
                    # deletion
                    undeletable = record._workflow_undeletable_states
                    expected = as_user.has_access("unlink") and not (
                        undeletable == ALL or (state_field and state in undeletable)
                    )
                    error = self._try(lambda r=as_user: r.unlink())
                    tally["tried"] += 1
                    if not expected and not error:
                        mismatches.append(f"{where}: deletion went through")
                    elif expected and error:
                        tally["refused by a business rule"] += 1
                    else:
                        tally["allowed" if not error else "refused"] += 1
                    if error and self._row(record) != before:
                        mismatches.append(f"{where}: deletion refused but the row changed")
        _logger.info(
            "Workflow matrix %s: %s cases tried, %s allowed, %s refused, %s allowed by the "
            "declaration but refused by a business rule",
            ", ".join(self.matrix_models),
            tally["tried"],
            tally["allowed"],
            tally["refused"],
            tally["refused by a business rule"],
        )
        self.assertFalse(mismatches, "\n".join(mismatches[:60]) + f"\n({len(mismatches)} mismatches)")
        self.assertGreater(tally["refused"], 0)
        self.assertGreater(tally["allowed"], 0)
