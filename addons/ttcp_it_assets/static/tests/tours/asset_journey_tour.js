/** @odoo-module */

import { registry } from "@web/core/registry";

// The asset registry, in Vietnamese: the load balancer says why it has no support; a covered
// desktop gets a new incident whose response and resolution deadlines follow its contract.
registry.category("web_tour.tours").add("ttcp_asset_journey_tour", {
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
            content: "Open the load balancer",
            trigger: ".o_data_row td[name='serial_no']:contains('F5-I4800-0231')",
            run: "click",
        },
        {
            content: "Its badge says it has no support",
            trigger: ".o_form_view .o_field_widget[name='support_state']:contains('Không có')",
        },
        {
            content: "... and why, in Vietnamese",
            trigger: ".o_form_view .o_field_widget[name='support_reason']:contains('Hết bảo hành ngày 14/06/2022')",
        },
        {
            content: "Back to the registry",
            trigger: ".o_breadcrumb .breadcrumb-item.o_back_button",
            run: "click",
        },
        {
            content: "Open a desktop covered by the repair contract",
            trigger: ".o_data_row td[name='serial_no']:contains('DL7090-1001')",
            run: "click",
        },
        {
            content: "It is covered by the 2026 repair contract",
            trigger: ".o_form_view .o_field_widget[name='support_reason']:contains('02/2026/HĐ-TTTT')",
        },
        {
            content: "Open its requests",
            trigger: ".o_form_view .o-form-buttonbox button:contains('Bảo trì')",
            run: "click",
        },
        {
            content: "Report a new incident",
            trigger: ".o_control_panel .o_list_button_add, .o_control_panel .o-kanban-button-new",
            run: "click",
        },
        {
            content: "Its subject",
            trigger: ".o_form_view .o_field_widget[name='name'] input",
            run: "edit TOUR-ASSET: máy không khởi động",
        },
        {
            content: "Save",
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            content: "The response deadline follows the contract's SLA on the working calendar",
            trigger: ".o_form_view .o_form_saved .o_field_widget[name='response_due']:contains('/2026')",
        },
        {
            trigger: ".o_form_view .o_field_widget[name='resolution_due']:contains('/')",
        },
        {
            content: "Back to the asset's requests: the new incident is listed",
            trigger: ".o_breadcrumb .breadcrumb-item.o_back_button",
            run: "click",
        },
        {
            trigger: ".o_view_controller:not(.o_form_view) :contains('TOUR-ASSET: máy không khởi động')",
        },
    ],
});
