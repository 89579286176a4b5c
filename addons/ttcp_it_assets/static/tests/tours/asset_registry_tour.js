/** @odoo-module */

import { registry } from "@web/core/registry";

// An asset manager opens the registry, finds a desktop, reads where it is, its support badge
// and the contract that covers it, then opens the incidents list.
registry.category("web_tour.tours").add("ttcp_asset_registry_tour", {
    url: "/odoo/action-ttcp_it_assets.action_asset_registry",
    steps: () => [
        {
            content: "The registry opens grouped by department",
            trigger: ".o_list_renderer .o_group_header",
        },
        {
            content: "Drop the grouping",
            trigger: ".o_searchview .o_facet_remove",
            run: "click",
        },
        {
            content: "Open the desktop of headquarters",
            trigger: ".o_data_row td[name='serial_no']:contains('T-DT-001')",
            run: "click",
        },
        {
            content: "Its support badge says it is covered by a maintenance contract",
            trigger: ".o_form_view .o_field_widget[name='support_state']:contains('Maintenance contract')",
        },
        {
            content: "Open the registry page",
            trigger: ".o_notebook a[name='registry']",
            run: "click",
        },
        {
            content: "The covering contract is shown",
            trigger: ".o_field_widget[name='maintenance_contract_id']:contains('Contract Repairs')",
        },
        {
            content: "The history page lists the asset's requests",
            trigger: ".o_notebook a[name='history']",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name='maintenance_ids'] .o_data_row:contains('Desktop A does not boot')",
        },
    ],
});
