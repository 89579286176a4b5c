from odoo import api, fields, models
from odoo.exceptions import UserError


class LegalRuleConsumer(models.AbstractModel):
    """One way to read a legal rule.

    A model that checks or counts with dated rules inherits this mixin and declares:

    ``_legal_rule_dims()``
        the dimensions of its case (``{"project_group": ..., "package_field": ...}``);
    ``_legal_rule_date()``
        the date that decides which rule is in force (a plan's approval, a
        contract's signing...);
    ``_legal_rule_dependent_fields``
        the stored computed fields that follow the rules and the working calendar:
        they are recomputed whenever a rule, a public holiday or a make-up working
        day changes (see ``ttcp.legal.rule._refresh_rule_dependents``);
    ``_legal_rule_refresh_domain()``
        which records to refresh (default: all, archived included).

    Three ways to read, one per need, all with the record's dimensions:

    ``_legal_rule(code)``
        for a check that always needs a figure: the rule in force, else a
        :class:`UserError` naming the code and the date (also when the period is
        recorded as not applied);
    ``_legal_rule_if_applied(code)``
        for a check the suite makes only where a figure is known: the rule, or an
        empty recordset when the data says the period is not applied (an earlier
        law whose figure the brief does not give); a date no record covers is still
        an error, so a gap in the data never skips a check silently;
    ``_legal_rule_for_display(code)``
        for a stored date shown to the user (a due date): the rule, or an empty
        recordset while none is in force (a rules administrator replacing a period
        leaves a gap for a moment); such dates are recomputed when rules change.
    """

    _name = "ttcp.legal.rule.consumer"
    _description = "Reads dated legal rules"

    _legal_rule_dependent_fields = ()

    def _legal_rule_dims(self):
        return {}

    def _legal_rule_date(self):
        return fields.Date.context_today(self)

    @api.model
    def _legal_rule_refresh_domain(self):
        return []

    def _legal_rule_case(self, date, override):
        self.ensure_one()
        date = date or self._legal_rule_date() or fields.Date.context_today(self)
        return date, dict(self._legal_rule_dims(), **override)

    def _legal_rule(self, code, date=None, **override):
        """The rule ``code`` in force on ``date`` (default: the record's date) for its case."""
        date, dims = self._legal_rule_case(date, override)
        return self.env["ttcp.legal.rule"]._get(code, date, **dims)

    def _legal_rule_if_applied(self, code, date=None, **override):
        """The rule in force, or an empty recordset for a period recorded as not applied."""
        date, dims = self._legal_rule_case(date, override)
        return self.env["ttcp.legal.rule"]._get(code, date, if_applied=True, **dims)

    def _legal_rule_for_display(self, code, date=None, **override):
        """The applied rule in force, or an empty recordset (for stored dates shown to users)."""
        date, dims = self._legal_rule_case(date, override)
        rule = self.env["ttcp.legal.rule"]._find(code, date, **dims)
        return rule if rule.applied else rule.browse()

    def _legal_rule_refused(self, rule, message):
        """A refusal that names the rule's value and basis after ``message``."""
        return UserError(f"{message}\n{rule._citation()}")
