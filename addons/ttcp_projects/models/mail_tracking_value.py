from odoo import models


class MailTrackingValue(models.Model):
    """Years in the chatter read as years: "2024 → 2026", not "2.024 → 2.026".

    A model lists its integer year fields in ``_ttcp_year_fields``; their tracked values
    are shown as text instead of grouped numbers.
    """

    _inherit = "mail.tracking.value"

    def _tracking_value_format_model(self, model):
        formatted = super()._tracking_value_format_model(model)
        year_fields = set(getattr(self.env[model], "_ttcp_year_fields", ())) if model in self.env else set()
        for info in formatted:
            if info["fieldName"] in year_fields:
                info["fieldType"] = "char"
                for key in ("oldValue", "newValue"):
                    value = info[key]["value"]
                    info[key]["value"] = str(int(value)) if value else ""
        return formatted
