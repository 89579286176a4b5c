from odoo import fields
from odoo.tests import new_test_user

from odoo.addons.ttcp_projects.tests.common import TtcpProjectsCase


class TtcpProcurementCase(TtcpProjectsCase):
    """A portal-like project at the selection stage, and helpers for plans,
    packages, bids, contracts and disbursements."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.PlanSel = cls.env["ttcp.selection.plan"]
        cls.Package = cls.env["ttcp.bid.package"]
        cls.Bid = cls.env["ttcp.bid"]
        cls.Contract = cls.env["ttcp.contract"]
        cls.Disbursement = cls.env["ttcp.disbursement"]
        for key, group in (
            ("officer", "ttcp_procurement.group_procurement_officer"),
            ("proc_manager", "ttcp_procurement.group_procurement_manager"),
        ):
            cls.users[key] = new_test_user(
                cls.env, login=f"ttcp_test_{key}", groups=f"base.group_user,{group}", name=f"Test {key}"
            )
        cls.contractor = cls.env["res.partner"].create({"name": "Test contractor JSC", "is_company": True})
        cls.contractor_2 = cls.env["res.partner"].create({"name": "Second bidder JSC", "is_company": True})
        cls.project = cls._create_project(name="Test portal", code="TEST-PORTAL")
        cls._advance(cls.project, "selection", amount=40_000_000_000)

    @classmethod
    def _plan(cls, packages, approval_date=None, project=None, budget_type="project", **vals):
        """A selection plan with ``packages`` (list of dicts); approved if a date is given."""
        project = cls.project if project is None and budget_type == "project" else project
        plan = cls.PlanSel.create(
            dict(
                {
                    "name": "KHLCNT test",
                    "investment_project_id": project.id if project else False,
                    "budget_type": budget_type,
                },
                **vals,
            )
        )
        source = cls.source if budget_type == "project" else cls.source_recurrent
        for i, package in enumerate(packages, start=1):
            values = {
                "plan_id": plan.id,
                "number": f"{plan.id}.{i}",
                "name": f"Package {i}",
                "package_field": "goods",
                "price": 1_000_000_000,
                "funding_source_id": source.id,
                "selection_method": "open_bidding",
                "procedure": "one_stage_one_envelope",
                "contract_type": "lump_sum",
                "duration_days": 180,
            }
            values.update(package)
            cls.Package.create(values)
        if approval_date:
            plan.write({"state": "approved", "decision_number": "99/QĐ-TTCP", "approval_date": approval_date})
        return plan

    @classmethod
    def _award(cls, package, partner=None, price=None, published="2025-09-01", closing="2025-09-25"):
        """Walk ``package`` to awarded with one winning bid."""
        package.write({"state": "documents_approved", "documents_approved_date": "2025-08-25"})
        package.write({"state": "published", "published_date": published, "notice_number": "IB2500001"})
        package.write({"state": "closed", "closing_date": closing})
        price = price or package.price * 0.95
        security = 0.0
        expiry = False
        if package._needs_bid_security():
            small = package._is_small_package(package.plan_id.approval_date)
            code = "procurement.bid_security_percent_small" if small else "procurement.bid_security_percent"
            rule = package._legal_rule(code, package.plan_id.approval_date)
            security = package.price * rule.value / 100.0
            expiry = "2026-12-31"
        bid = cls.Bid.create(
            {
                "package_id": package.id,
                "partner_id": (partner or cls.contractor).id,
                "price": price,
                "evaluated_price": price,
                "bid_security_amount": security,
                "bid_security_expiry": expiry,
            }
        )
        package.write({"state": "evaluated", "evaluated_date": closing})
        bid.action_award()
        return bid

    @classmethod
    def _contract(cls, package, value=None, sign="2025-10-01", **vals):
        """A signed contract for an awarded ``package`` with the securities the law asks."""
        value = value or package.winning_bid_id.price or package.price
        values = {
            "number": f"HD-{package.number}/2025",
            "name": f"Contract {package.name}",
            "package_id": package.id,
            "partner_id": (package.winning_bid_id.partner_id or cls.contractor).id,
            "contract_type": package.contract_type,
            "sign_date": sign,
            "effective_date": sign,
            "end_date": "2026-12-31",
            "value": value,
            "performance_security_amount": value * 0.05,
            "performance_security_expiry": "2027-01-31",
            "warranty_months": 12,
        }
        values.update(vals)
        contract = cls.Contract.create(values)
        contract.write({"state": "signed"})
        return contract

    @classmethod
    def _software_contract(cls, second=None, price=10_000_000_000, value=10_000_000_000):
        """A 2025 plan with a goods package (and ``second``), awarded and signed with an agreed
        advance of 2 billion under guarantee, and the 2025 capital plan of 6 billion."""
        plan = cls._plan(
            [{"name": "Software", "package_field": "goods", "price": price}] + ([second] if second else []),
            approval_date="2025-08-20",
        )
        cls.package, cls.package_2 = plan.package_ids[:1], plan.package_ids[1:2]
        cls._award(cls.package, price=value)
        cls.contract = cls._contract(
            cls.package,
            value=value,
            advance_amount=2_000_000_000,
            advance_guarantee_ref="BL-01",
            advance_guarantee_amount=2_000_000_000,
            advance_guarantee_expiry="2026-12-31",
        )
        cls.plan_2025 = cls._capital_plan(2025, 6_000_000_000)
        return cls.contract

    @classmethod
    def _capital_plan(cls, year, amount, project=None, source=None):
        return cls.Plan.create(
            {
                "investment_project_id": (project or cls.project).id,
                "year": year,
                "funding_source_id": (source or cls.source).id,
                "amount_allocated": amount,
            }
        )

    @classmethod
    def _accept_for_payment(cls, contract, amount, on):
        """Accept the work a payment of ``amount`` on ``on`` pays (payment follows acceptance):
        what the payments requested or paid so far and this one exceed the value accepted,
        within the contract's value in force, dated ``on`` (today at the latest)."""
        on = fields.Date.to_date(on)
        on = max(min(on, fields.Date.context_today(cls.Contract)), contract.effective_date or on)
        requested = sum(
            d.amount
            for d in contract.disbursement_ids
            if d.state in ("submitted", "paid") and d.effective_type != "advance"
        )
        needed = requested + amount - contract._accepted_value_on(on)
        room = contract.value_in_force - contract.accepted_value
        value = min(needed, room)
        if value <= 0:
            return cls.env["ttcp.contract.acceptance"]
        return cls.env["ttcp.contract.acceptance"].create(
            {
                "contract_id": contract.id,
                "number": f"NT-TEST-{contract.id}-{len(contract.acceptance_ids) + 1}",
                "date": on,
                "accepted_value": value,
            }
        )
