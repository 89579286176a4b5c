def post_init_hook(env):
    """Give the equipment that existed before the install its asset code and report time."""
    Equipment = env["maintenance.equipment"].with_context(active_test=False)
    for asset in Equipment.search([("asset_code", "=", False)], order="id"):
        asset.asset_code = (
            asset.category_id._next_asset_code()
            if asset.category_id
            else env["ir.sequence"].sudo().next_by_code("ttcp.asset")
        )
    # Requests created before the install were stamped with the install time: use their date.
    env.cr.execute(
        """
        UPDATE maintenance_request
           SET reported_at = request_date::timestamp
         WHERE request_date IS NOT NULL AND reported_at::date > request_date
        """
    )
    env["maintenance.request"].invalidate_model(["reported_at"])
