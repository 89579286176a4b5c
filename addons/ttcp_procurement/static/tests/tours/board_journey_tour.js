/** @odoo-module */

import { registry } from "@web/core/registry";

// The project board, in Vietnamese: projects kanban -> the e-portal project -> its bid
// packages 9-13 -> back -> its contracts -> the software contract -> its payments.
registry.category("web_tour.tours").add("ttcp_board_journey_tour", {
    url: "/odoo/action-ttcp_projects.investment_project_action",
    steps: () => [
        {
            content: "Open the e-portal project from the kanban",
            trigger: ".o_kanban_record:contains('DA-2019-001')",
            run: "click",
        },
        {
            content: "The project form reads in Vietnamese; open its bid packages",
            trigger: ".o_form_view button[name='action_open_packages']:contains('Gói thầu')",
            run: "click",
        },
        {
            content: "Package no. 10 of the plan is listed",
            trigger: ".o_list_renderer .o_data_row:contains('Xây dựng phần mềm Cổng Thông tin điện tử')",
        },
        {
            content: "Package no. 13 as well",
            trigger: ".o_list_renderer .o_data_row:contains('Đào tạo, chuyển giao công nghệ vận hành Cổng')",
        },
        {
            content: "Back to the project",
            trigger: ".o_breadcrumb .breadcrumb-item.o_back_button",
            run: "click",
        },
        {
            content: "Open its contracts",
            trigger: ".o_form_view button[name='action_open_contracts']:contains('Hợp đồng')",
            run: "click",
        },
        {
            content: "Open the software contract (package no. 10)",
            trigger: ".o_list_renderer .o_data_row td[name='number']:contains('12/2020/HĐ-TTTT')",
            run: "click",
        },
        {
            content: "The board reads the contract without an edit of its own: open its payments",
            trigger: ".o_form_view button[name='action_open_disbursements']:contains('Giải ngân')",
            run: "click",
        },
        {
            content: "Its payments are listed, typed in Vietnamese",
            trigger: ".o_list_renderer .o_data_row:contains('12/2020/HĐ-TTTT'):contains('Thanh toán')",
        },
    ],
});
