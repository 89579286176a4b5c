from odoo import http
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

PAGE_SIZE = 20


class MaintenancePortal(CustomerPortal):
    """The contractor's technicians: their company's requests, response, resolution and notes.

    Everything here runs as the portal user, so the access rules on maintenance.request
    decide what is read and written; nothing is read or written with sudo except the
    display of related records the portal user may not read (asset, site, contract).
    """

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "incident_count" in counters:
            Request = request.env["maintenance.request"]
            values["incident_count"] = (
                Request.search_count([("contract_id", "!=", False)])
                if self._is_contractor() and Request.has_access("read")
                else 0
            )
        return values

    @staticmethod
    def _is_contractor():
        return request.env.user.has_group("ttcp_it_assets.group_asset_contractor")

    def _incident(self, request_id):
        """The request as the portal user, after the access check (404-like errors otherwise)."""
        if not self._is_contractor():
            raise AccessError(request.env._("Only a contractor's technicians use this page."))
        incident = request.env["maintenance.request"].browse(request_id).exists()
        if not incident:
            raise MissingError(request.env._("This request does not exist."))
        incident.check_access("read")
        return incident

    def _incident_searchbar(self):
        """Sortings and filters of the contractor's list, as Odoo's own portal lists offer."""
        env = request.env
        # Portal users do not read stages: the done ones are looked up here.
        done_stages = env["maintenance.stage"].sudo().search([("done", "=", True)]).ids
        sortings = {
            "reported": {"label": env._("Newest reported"), "order": "reported_at desc, id desc"},
            "response_due": {"label": env._("Response due"), "order": "response_due asc, id"},
            "resolution_due": {"label": env._("Resolution due"), "order": "resolution_due asc, id"},
            "asset": {"label": env._("Asset"), "order": "equipment_id, reported_at desc"},
        }
        filters = {
            "all": {"label": env._("All"), "domain": []},
            "open": {
                "label": env._("Open"),
                "domain": [("resolved_at", "=", False), ("stage_id", "not in", done_stages)],
            },
            "breached": {"label": env._("SLA breached"), "domain": [("sla_breached", "=", True)]},
            "resolved": {
                "label": env._("Resolved"),
                "domain": ["|", ("resolved_at", "!=", False), ("stage_id", "in", done_stages)],
            },
        }
        return sortings, filters

    @http.route(["/my/incidents", "/my/incidents/page/<int:page>"], type="http", auth="user", website=True)
    def portal_my_incidents(self, page=1, sortby="reported", filterby="open", **kw):
        if not self._is_contractor():
            return request.redirect("/my")
        Request = request.env["maintenance.request"]
        sortings, filters = self._incident_searchbar()
        sortby = sortby if sortby in sortings else "reported"
        filterby = filterby if filterby in filters else "open"
        domain = [("contract_id", "!=", False)] + filters[filterby]["domain"]
        total = Request.search_count(domain)
        pager = portal_pager(
            url="/my/incidents",
            url_args={"sortby": sortby, "filterby": filterby},
            total=total,
            page=page,
            step=PAGE_SIZE,
        )
        incidents = Request.search(
            domain, order=sortings[sortby]["order"], limit=PAGE_SIZE, offset=pager["offset"]
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "incidents": incidents.sudo(),
                "pager": pager,
                "page_name": "incidents",
                "default_url": "/my/incidents",
                "searchbar_sortings": sortings,
                "sortby": sortby,
                "searchbar_filters": filters,
                "filterby": filterby,
            }
        )
        return request.render("ttcp_it_assets.portal_my_incidents", values)

    @http.route(["/my/incidents/<int:request_id>"], type="http", auth="user", website=True)
    def portal_my_incident(self, request_id, **kw):
        try:
            incident = self._incident(request_id)
        except (AccessError, MissingError):
            return request.redirect("/my")
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "incident": incident.sudo(),
                "page_name": "incident",
                "error": kw.get("error"),
                "saved": kw.get("saved"),
            }
        )
        return request.render("ttcp_it_assets.portal_my_incident", values)

    @http.route(
        ["/my/incidents/<int:request_id>/update"], type="http", auth="user", methods=["POST"], website=True
    )
    def portal_update_incident(self, request_id, action="note", contractor_note=None, **kw):
        try:
            incident = self._incident(request_id)
        except (AccessError, MissingError):
            return request.redirect("/my")
        vals = {}
        if contractor_note is not None and contractor_note != (incident.contractor_note or ""):
            vals["contractor_note"] = contractor_note
        # The times are the server's "now", recorded by the request's own actions.
        record = None
        if action == "respond" and not incident.responded_at and not incident.resolved_at:
            record = incident.action_respond
        elif action == "resolve" and not incident.resolved_at:
            record = incident.action_resolve
        if not vals and not record:
            return request.redirect(f"/my/incidents/{incident.id}")
        try:
            # As the portal user: the access rules and the contractor's field list apply.
            if vals:
                incident.write(vals)
            if record:
                record()
        except (AccessError, UserError) as error:
            request.env.cr.rollback()
            return request.redirect(f"/my/incidents/{incident.id}?error={error.args[0]}")
        return request.redirect(f"/my/incidents/{incident.id}?saved=1")
