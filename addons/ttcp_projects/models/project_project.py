from odoo import fields, models


class ProjectProject(models.Model):
    """The companion project of an investment project (its tasks and milestones)."""

    _inherit = "project.project"

    ttcp_investment_project_ids = fields.One2many(
        "ttcp.investment.project",
        "project_id",
        "IT investment project",
        help="The investment project whose tasks and milestones this project holds.",
    )
