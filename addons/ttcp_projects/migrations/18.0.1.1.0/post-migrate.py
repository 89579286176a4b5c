"""Issue 8: project codes become gap-free (a refused project no longer consumes a number).

The sequence record is ``noupdate``: its new ``implementation`` does not reach an existing
database by the data file, so it is set here, keeping the next number.
"""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    sequence = env.ref("ttcp_projects.seq_investment_project", raise_if_not_found=False)
    if sequence and sequence.implementation == "standard":
        # Read from the PostgreSQL sequence before the switch drops it.
        sequence.write({"implementation": "no_gap", "number_next": sequence.number_next_actual})
