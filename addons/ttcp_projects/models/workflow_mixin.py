"""One workflow and locking layer for every record of the suite.

A model that inherits ``ttcp.workflow.mixin`` *declares* its rules; ``create``,
``write`` and ``unlink`` enforce them for every caller (a button, XML-RPC, an import,
an editable list, a server action). Buttons only call ``write`` or
``_workflow_move``. The declaration:

``_workflow_state_field``
    the Selection field holding the state (``None`` for a record without states that
    is only locked, such as a decision).
``_workflow_transitions()``
    the list of :class:`Transition` allowed; a state change that is not listed is
    refused, whoever asks, and a transition with a ``group`` is refused to a user
    outside it.
``_workflow_create_states()``
    ``{state: group or None}``: the states a record may be created in.
``_workflow_locked_fields()``
    per record, the fields that cannot change now (``ALL`` for every field but
    ``_workflow_free_fields``); by default ``_workflow_locks[state]``.
``_workflow_free_fields``
    fields writable in every state (notes, attachments, followers).
``_workflow_undeletable_states``
    states in which a record is never deleted (``ALL`` for never).
``_workflow_archive_group``
    the group that may archive or restore a record.

Internal code that must write what users cannot (an amendment moving a signed
contract's end date, a handover writing its lines' history) wraps the write in
``_workflow_internal()``; the marker it puts in the context is a Python object that
no RPC call can send.

Every value is also checked for its type before it reaches the database
(``_workflow_check_values``): a malformed date, a text where an id is expected, a
number outside what the column holds or a blank required name is refused with a
message, never with an SQL traceback.
"""

import math
from datetime import date, datetime

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

ALL = "__all__"
# The value of the context key that lets internal code past the locks. Identity is
# compared: a value sent over RPC (a string, a number) is never this object.
_INTERNAL = object()
_INTERNAL_KEY = "ttcp_workflow_internal"
# Fields that mail, activities and Odoo's own bookkeeping write on any record.
_ALWAYS_FREE = frozenset(
    {
        "message_follower_ids",
        "message_ids",
        "message_main_attachment_id",
        "activity_ids",
        "website_message_ids",
        "write_date",
        "write_uid",
        "__last_update",
    }
)
INT_MAX = 2**31 - 1
# Largest amount the suite handles (10^15 VND, a thousand trillion dong).
AMOUNT_MAX = 10**15


class Transition:
    """A move from ``source`` (one state or several) to ``target``.

    ``group``: xmlid of the group allowed to make it (``None``: anyone who may write).
    ``requires``: fields that must hold a value once the record has moved.
    ``writes``: fields that may be written together with the move although the source
    state locks them (the payment date of a payment, the reason of a cancellation).
    ``stamp``: ``{field: "today" | "now"}`` written when the move does not give it and
    the record has none; ``restamp`` overwrites it at every move.
    ``clear``: fields emptied by the move.
    """

    __slots__ = ("clear", "group", "requires", "restamp", "sources", "stamp", "target", "writes")

    def __init__(
        self, source, target, group=None, requires=(), writes=(), stamp=None, restamp=False, clear=()
    ):
        self.sources = frozenset((source,) if isinstance(source, str) else source)
        self.target = target
        self.group = group
        self.requires = tuple(requires)
        self.writes = frozenset(writes)
        self.stamp = dict(stamp or {})
        self.restamp = restamp
        self.clear = tuple(clear)

    def __repr__(self):
        return f"Transition({sorted(self.sources)} -> {self.target}, group={self.group})"


def path_transitions(path, group=None, **kwargs):
    """One-step-forward transitions along ``path`` (state codes in order)."""
    return [Transition(old, new, group=group, **kwargs) for old, new in zip(path, path[1:], strict=False)]


class WorkflowMixin(models.AbstractModel):
    _name = "ttcp.workflow.mixin"
    _description = "Workflow and locks of a TTCP record"

    _workflow_state_field = "state"
    _workflow_free_fields = frozenset()
    _workflow_locks = {}
    _workflow_undeletable_states = ()
    _workflow_archive_group = None

    # ------------------------------------------------------------------
    # Declaration (overridden by each model)
    # ------------------------------------------------------------------
    def _workflow_transitions(self):
        return []

    def _workflow_create_states(self):
        field = self._fields.get(self._workflow_state_field or "")
        if not field:
            return {}
        default = field.default(self) if callable(field.default) else field.default
        return {default: None}

    def _workflow_locked_fields(self):
        """Fields of this record (one) that cannot change now: a set, or ``ALL``."""
        self.ensure_one()
        state_field = self._workflow_state_field
        if not state_field:
            return self._workflow_locks.get(None, set())
        return self._workflow_locks.get(self[state_field], set())

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def _workflow_internal(self):
        """This recordset, allowed past the locks (for the suite's own code only)."""
        return self.with_context(**{_INTERNAL_KEY: _INTERNAL})

    def _workflow_is_internal(self):
        return self.env.context.get(_INTERNAL_KEY) is _INTERNAL

    def _workflow_has_group(self, group):
        return not group or self.env.su or self.env.user.has_group(group)

    def _workflow_state_label(self, state):
        field = self._fields[self._workflow_state_field]
        return dict(field._description_selection(self.env)).get(state, state or "")

    def _workflow_field_label(self, name):
        return self._fields[name]._description_string(self.env)

    def _workflow_record_label(self):
        self.ensure_one()
        return self.display_name or f"{self._description} #{self.id}"

    def _workflow_find(self, source, target):
        for transition in self._workflow_transitions():
            if source in transition.sources and transition.target == target:
                return transition
        return None

    def _workflow_next_states(self, source):
        return [t.target for t in self._workflow_transitions() if source in t.sources]

    def _workflow_free(self):
        return _ALWAYS_FREE | self._workflow_free_fields

    def _workflow_locked_in(self, vals_keys, locked):
        touched = set(vals_keys) - self._workflow_free()
        if locked == ALL:
            return touched
        return touched & set(locked)

    # ------------------------------------------------------------------
    # Values
    # ------------------------------------------------------------------
    def _workflow_check_values(self, vals):  # noqa: C901
        """Refuse values the database or the suite's computations cannot take."""
        for name, value in vals.items():
            field = self._fields.get(name)
            if field is None or value is None or value is False:
                if field is not None and field.required and field.type == "char" and value is False:
                    self._workflow_bad_value(field, value, self.env._("it is required"))
                continue
            kind = field.type
            if kind == "date":
                self._workflow_check_date(field, value, fields.Date.to_date, date)
            elif kind == "datetime":
                self._workflow_check_date(field, value, fields.Datetime.to_datetime, datetime)
            elif kind == "many2one":
                if isinstance(value, models.BaseModel):
                    continue
                if isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= INT_MAX:
                    self._workflow_bad_value(field, value, self.env._("a record id is expected"))
            elif kind == "integer":
                if isinstance(value, bool) or not isinstance(value, int) or not -INT_MAX <= value <= INT_MAX:
                    self._workflow_bad_value(field, value, self.env._("a whole number is expected"))
            elif kind in ("float", "monetary"):
                if (
                    isinstance(value, bool)
                    or not isinstance(value, int | float)
                    or not math.isfinite(value)
                    or abs(value) >= AMOUNT_MAX
                ):
                    self._workflow_bad_value(field, value, self.env._("a number below 10^15 is expected"))
            elif kind == "selection":
                allowed = [code for code, _label in field._description_selection(self.env)]
                if value not in allowed:
                    self._workflow_bad_value(field, value, self.env._("it is not one of the choices"))
            elif kind in ("char", "text"):
                if not isinstance(value, str):
                    self._workflow_bad_value(field, value, self.env._("a text is expected"))
                if field.required and not value.strip():
                    self._workflow_bad_value(field, value, self.env._("it cannot be blank"))

    def _workflow_check_date(self, field, value, parse, kind):
        if isinstance(value, kind):
            moment = value
        elif isinstance(value, str):
            try:
                moment = parse(value)
            except (ValueError, TypeError, OverflowError):
                moment = None
        else:
            moment = None
        if not moment or not 1900 <= moment.year <= 2200:
            self._workflow_bad_value(
                field, value, self.env._("a date between the years 1900 and 2200 is expected")
            )

    def _workflow_bad_value(self, field, value, why):
        raise ValidationError(
            self.env._(
                "%(model)s: '%(value)s' cannot be written in field '%(field)s': %(why)s.",
                model=self._description,
                value=str(value)[:60],
                field=self._workflow_field_label(field.name),
                why=why,
            )
        )

    # ------------------------------------------------------------------
    # Enforcement
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        if self._workflow_is_internal():
            return super().create(vals_list)
        # Rights first: a user without them hears so, not about a lock.
        self.check_access("create")
        state_field = self._workflow_state_field
        allowed = self._workflow_create_states() if state_field else {}
        for vals in vals_list:
            self._workflow_check_values(vals)
            if not state_field:
                continue
            state = vals.get(state_field) or next(iter(allowed), False)
            if state not in allowed:
                raise UserError(
                    self.env._(
                        "A %(model)s is created in state %(states)s, not '%(state)s'.",
                        model=self._description,
                        states=" / ".join(f"'{self._workflow_state_label(s)}'" for s in allowed),
                        state=self._workflow_state_label(state),
                    )
                )
            if not self._workflow_has_group(allowed[state]):
                raise AccessError(
                    self.env._(
                        "You may not create a %(model)s in state '%(state)s'.",
                        model=self._description,
                        state=self._workflow_state_label(state),
                    )
                )
        return super().create(vals_list)

    def write(self, vals):
        if self._workflow_is_internal() or not self:
            return super().write(vals)
        self.check_access("write")
        self._workflow_check_values(vals)
        state_field = self._workflow_state_field
        target = vals.get(state_field) if state_field else None
        if self._active_name and self._active_name in vals and self._workflow_archive_group:
            changing = self.filtered(lambda r: bool(r[self._active_name]) != bool(vals[self._active_name]))
            if changing and not self._workflow_has_group(self._workflow_archive_group):
                raise AccessError(
                    self.env._("You may not archive or restore a %(model)s.", model=self._description)
                )
        moves = {}
        for record in self:
            source = record[state_field] if state_field else None
            transition = None
            if state_field and state_field in vals and target != source:
                transition = record._workflow_check_move(source, target)
                moves[record] = transition
            passing = {state_field} | transition.writes | set(transition.stamp) if transition else set()
            locked = record._workflow_locked_in(set(vals) - passing, record._workflow_locked_fields())
            if locked:
                record._workflow_refuse_locked(locked)
        extras = {
            record: record._workflow_move_extra(transition, vals) for record, transition in moves.items()
        }
        if any(extras.values()):
            # What a move stamps or clears is written with it, so that constraints see it.
            res = True
            for record in self:
                res = super(WorkflowMixin, record).write({**vals, **extras.get(record, {})}) and res
        else:
            res = super().write(vals)
        if moves:
            self._workflow_after_moves(moves)
        return res

    def _workflow_move_extra(self, transition, vals):
        """Values a move adds to the write: its stamps (where the record has none) and clears."""
        self.ensure_one()
        extra = {}
        for name, kind in transition.stamp.items():
            if name in vals or (self[name] and not transition.restamp):
                continue
            extra[name] = fields.Date.context_today(self) if kind == "today" else fields.Datetime.now()
        for name in transition.clear:
            if name not in vals and self[name]:
                extra[name] = False
        return extra

    def _workflow_check_move(self, source, target):
        """The declared transition from ``source`` to ``target``, or a refusal."""
        self.ensure_one()
        transition = self._workflow_find(source, target)
        if not transition:
            nexts = self._workflow_next_states(source)
            if nexts:
                hint = self.env._(
                    "from '%(state)s' it can go to: %(next)s.",
                    state=self._workflow_state_label(source),
                    next=", ".join(f"'{self._workflow_state_label(s)}'" for s in nexts),
                )
            else:
                hint = self.env._(
                    "'%(state)s' is final: it can no longer change.",
                    state=self._workflow_state_label(source),
                )
            raise UserError(
                self.env._(
                    "%(record)s cannot go from '%(old)s' to '%(new)s': %(hint)s",
                    record=self._workflow_record_label(),
                    old=self._workflow_state_label(source),
                    new=self._workflow_state_label(target),
                    hint=hint,
                )
            )
        if not self._workflow_has_group(transition.group):
            group = self.env.ref(transition.group, raise_if_not_found=False)
            raise AccessError(
                self.env._(
                    "%(record)s: only the group '%(group)s' may move it from '%(old)s' to '%(new)s'.",
                    record=self._workflow_record_label(),
                    group=group.display_name if group else transition.group,
                    old=self._workflow_state_label(source),
                    new=self._workflow_state_label(target),
                )
            )
        return transition

    def _workflow_refuse_locked(self, names):
        raise UserError(
            self.env._(
                "%(record)s is '%(state)s': %(fields)s can no longer change. Record a correction "
                "instead (a reversal, a later decision, a new record).",
                record=self._workflow_record_label(),
                state=self._workflow_state_label(self[self._workflow_state_field])
                if self._workflow_state_field
                else self._description,
                fields=", ".join(sorted(f"'{self._workflow_field_label(n)}'" for n in names)),
            )
            if self._workflow_state_field
            else self.env._(
                "%(record)s is a recorded %(model)s: %(fields)s can no longer change. Record a "
                "correcting record instead.",
                record=self._workflow_record_label(),
                model=self._description,
                fields=", ".join(sorted(f"'{self._workflow_field_label(n)}'" for n in names)),
            )
        )

    def _workflow_after_moves(self, moves):
        """Check what each move requires, once it is written."""
        for record, transition in moves.items():
            missing = [
                name
                for name in transition.requires
                if not record[name] or (isinstance(record[name], str) and not record[name].strip())
            ]
            if missing:
                raise ValidationError(
                    self.env._(
                        "%(record)s cannot be '%(state)s' without %(fields)s.",
                        record=record._workflow_record_label(),
                        state=record._workflow_state_label(transition.target),
                        fields=", ".join(f"'{record._workflow_field_label(n)}'" for n in missing),
                    )
                )

    def _workflow_move(self, target, **values):
        """Move every record to ``target`` (the buttons' entry point); return True."""
        state_field = self._workflow_state_field
        for record in self:
            if record[state_field] == target:
                raise UserError(
                    self.env._(
                        "%(record)s is already '%(state)s'.",
                        record=record._workflow_record_label(),
                        state=record._workflow_state_label(target),
                    )
                )
        vals = dict(values)
        vals[state_field] = target
        self.write(vals)
        return True

    @api.ondelete(at_uninstall=False)
    def _workflow_unlink_check(self):
        if self._workflow_is_internal():
            return
        undeletable = self._workflow_undeletable_states
        for record in self:
            if undeletable == ALL:
                blocked = True
            else:
                state_field = record._workflow_state_field
                blocked = bool(state_field) and record[state_field] in undeletable
            if blocked:
                raise UserError(
                    self.env._(
                        "%(record)s is part of the record and is never deleted: cancel or correct it "
                        "instead.",
                        record=record._workflow_record_label(),
                    )
                )
