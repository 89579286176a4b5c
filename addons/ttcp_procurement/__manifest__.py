{
    "name": "TTCP Contractor Selection, Contracts and Disbursement",
    "summary": "Contractor selection plans, bid packages, contracts and disbursement "
    "against the annual capital plan, checked against the Law on Bidding",
    "version": "18.0.1.0.0",
    "category": "Services/Project",
    "website": "https://github.com/ttcp-odoo/ttcp-odoo",
    "author": "TTCP Information Centre",
    "license": "LGPL-3",
    "installable": True,
    "depends": ["ttcp_projects"],
    "data": [
        "security/ttcp_procurement_security.xml",
        "security/ir.model.access.csv",
        "data/legal_rule_data.xml",
        "data/ir_cron_data.xml",
    ],
    "demo": [],
}
