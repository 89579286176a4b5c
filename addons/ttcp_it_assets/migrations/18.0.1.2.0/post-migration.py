from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    """Assets without a maintenance team get their company's first team, as new assets do,
    so that requests reported on them can be saved."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    Equipment = env["maintenance.equipment"].with_context(active_test=False)
    assets = Equipment.search([("maintenance_team_id", "=", False)])
    assets._compute_maintenance_team_id()
