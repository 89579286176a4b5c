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

    ``_legal_rule(code)`` returns the rule in force and raises a :class:`UserError`
    naming the code and the date when none is: a check that needs a rule is never
    skipped silently.
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

    def _legal_rule(self, code, date=None, **override):
        """The rule ``code`` in force on ``date`` (default: the record's date) for its case."""
        self.ensure_one()
        date = date or self._legal_rule_date() or fields.Date.context_today(self)
        dims = dict(self._legal_rule_dims(), **override)
        return self.env["ttcp.legal.rule"]._get(code, date, **dims)

    def _legal_rule_refused(self, rule, message):
        """A refusal that names the rule's value and basis after ``message``."""
        return UserError(f"{message}\n{rule._citation()}")
