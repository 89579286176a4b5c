def migrate(cr, version):
    """Rule articles are shown as they are (not translated): the placeholder reads in
    Vietnamese, as the seeded data now has it."""
    cr.execute(
        "UPDATE ttcp_legal_rule SET article = %s WHERE article = %s",
        [
            "Chưa xác định điều khoản (cần đối chiếu Công báo)",
            "Article not yet confirmed (check the gazette)",
        ],
    )
