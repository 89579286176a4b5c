/** @odoo-module */

import { registry } from "@web/core/registry";

// Each reader opens the Dashboards app in Vietnamese, finds the "Dự án CNTT" group, clicks each
// dashboard meant for them and waits until its pivot and list cells are evaluated (a clickable
// cell appears only over a loaded, non-empty, non-error pivot or list value) and its charts drawn.

function openDashboard(name) {
    return [
        {
            content: `Open the dashboard ${name}`,
            trigger: `.o_spreadsheet_dashboard_search_panel li.o_search_panel_category_value[data-name='${name}']`,
            run: "click",
        },
        {
            content: `${name} is the active dashboard`,
            trigger: `li.o_search_panel_category_value.active[data-name='${name}']`,
        },
        {
            content: `${name}: no loading error`,
            trigger: ".o_spreadsheet_dashboard_action:not(:has(.dashboard-loading-status))",
        },
        {
            content: `${name}: its charts are drawn`,
            trigger: ".o_spreadsheet_dashboard_action .o-figure canvas",
        },
        {
            content: `${name}: its pivot and list cells hold data`,
            trigger: ".o_spreadsheet_dashboard_action .o-dashboard-clickable-cell",
        },
    ];
}

function groupShown() {
    return {
        content: "The IT projects group is listed under its Vietnamese name",
        trigger: ".o_spreadsheet_dashboard_search_panel .o_search_panel_section_header:contains('Dự án CNTT')",
    };
}

function notListed(name) {
    return {
        content: `${name} is not listed`,
        trigger: `.o_spreadsheet_dashboard_search_panel:not(:has(li[data-name='${name}']))`,
    };
}

registry.category("web_tour.tours").add("ttcp_dashboards_board_manager_tour", {
    steps: () => [
        groupShown(),
        notListed("Tài sản CNTT"),
        ...openDashboard("Ban quản lý dự án"),
        ...openDashboard("Tài chính – giải ngân"),
    ],
});

registry.category("web_tour.tours").add("ttcp_dashboards_leadership_tour", {
    steps: () => [
        groupShown(),
        notListed("Tài sản CNTT"),
        ...openDashboard("Tài chính – giải ngân"),
        ...openDashboard("Ban quản lý dự án"),
    ],
});

registry.category("web_tour.tours").add("ttcp_dashboards_finance_tour", {
    steps: () => [
        groupShown(),
        notListed("Ban quản lý dự án"),
        notListed("Tài sản CNTT"),
        ...openDashboard("Tài chính – giải ngân"),
    ],
});

registry.category("web_tour.tours").add("ttcp_dashboards_asset_tour", {
    steps: () => [
        groupShown(),
        notListed("Ban quản lý dự án"),
        notListed("Tài chính – giải ngân"),
        ...openDashboard("Tài sản CNTT"),
    ],
});
