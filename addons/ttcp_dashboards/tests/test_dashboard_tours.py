"""Each dashboard opened in the browser, in Vietnamese, by a user it is meant for."""

from odoo.tests import HttpCase, tagged

ACTION_URL = "/odoo/action-spreadsheet_dashboard.ir_actions_dashboard_action"
MODULES = [
    "base",
    "web",
    "spreadsheet",
    "spreadsheet_dashboard",
    "ttcp_projects",
    "ttcp_procurement",
    "ttcp_it_assets",
    "ttcp_dashboards",
]


@tagged("post_install", "-at_install")
class TestDashboardTours(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("vi_VN")
        cls.env["ir.module.module"]._load_module_terms(MODULES, ["vi_VN"], overwrite=True)
        logins = ["board.manager", "leadership.user", "finance.officer", "asset.manager"]
        cls.env["res.users"].search([("login", "in", logins)]).write({"lang": "vi_VN"})

    def test_vietnamese_names(self):
        group = self.env.ref("ttcp_dashboards.dashboard_group_it_projects").with_context(lang="vi_VN")
        self.assertEqual(group.name, "Dự án CNTT")
        self.assertEqual(
            group.dashboard_ids.sorted("sequence").mapped("name"),
            ["Ban quản lý dự án", "Tài chính – giải ngân", "Tài sản CNTT"],
        )

    def test_board_manager_opens_board_and_finance(self):
        self.start_tour(ACTION_URL, "ttcp_dashboards_board_manager_tour", login="board.manager", timeout=120)

    def test_leadership_opens_finance_and_board(self):
        self.start_tour(ACTION_URL, "ttcp_dashboards_leadership_tour", login="leadership.user", timeout=120)

    def test_finance_officer_opens_finance(self):
        self.start_tour(ACTION_URL, "ttcp_dashboards_finance_tour", login="finance.officer", timeout=120)

    def test_asset_manager_opens_assets(self):
        self.start_tour(ACTION_URL, "ttcp_dashboards_asset_tour", login="asset.manager", timeout=120)
