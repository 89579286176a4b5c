"""The module's sequences become gap-free (a failed create no longer consumes a number).

The sequence records are ``noupdate``: the new ``implementation`` of the data file does not
reach an existing database, so it is set here, keeping the next number of each sequence.
"""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    sequences = env["ir.sequence"]
    for xmlid in ("ttcp_it_assets.sequence_asset", "ttcp_it_assets.sequence_asset_handover"):
        sequences |= env.ref(xmlid, raise_if_not_found=False) or env["ir.sequence"]
    categories = env["maintenance.equipment.category"].with_context(active_test=False).search([])
    sequences |= categories.sequence_id
    for sequence in sequences.filtered(lambda s: s.implementation == "standard"):
        # Read from the PostgreSQL sequence before it is dropped by the switch.
        sequence.write({"implementation": "no_gap", "number_next": sequence.number_next_actual})
