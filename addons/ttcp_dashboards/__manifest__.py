{
    "name": "TTCP Dashboards",
    "summary": "Spreadsheet dashboards of the TTCP IT suite: the project board, finance and "
    "disbursement of the year, the IT asset registry",
    "version": "18.0.1.0.0",
    "category": "Productivity/Dashboard",
    "website": "https://github.com/ttcp-odoo/ttcp-odoo",
    "author": "TTCP Information Centre",
    "license": "LGPL-3",
    "installable": True,
    "auto_install": False,
    "depends": ["spreadsheet_dashboard", "ttcp_procurement", "ttcp_it_assets"],
    "data": ["data/dashboards.xml"],
    "assets": {
        "web.assets_tests": ["ttcp_dashboards/static/tests/tours/**/*"],
    },
}
