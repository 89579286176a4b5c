/** @odoo-module */

import { registry } from "@web/core/registry";

// Finance, in Vietnamese: contracts -> the training contract (package no. 13) -> "Đề nghị
// thanh toán" -> the request opens filled from the contract -> amount -> save -> submit to
// the State Treasury -> record the payment.
registry.category("web_tour.tours").add("ttcp_finance_journey_tour", {
    url: "/odoo/action-ttcp_procurement.contract_action",
    steps: () => [
        {
            content: "Open the training contract",
            trigger: ".o_list_renderer .o_data_row td[name='number']:contains('07/2025/HĐ-TTTT')",
            run: "click",
        },
        {
            content: "Ask for a payment on it",
            trigger: ".o_form_view button[name='action_payment_request']:contains('Đề nghị thanh toán')",
            run: "click",
        },
        {
            content: "The new request names its project from the contract",
            trigger: ".o_form_view .o_field_widget[name='investment_project_id']:contains('Xây dựng Cổng Thông tin điện tử')",
        },
        {
            content: "Amount of the work paid",
            trigger: ".o_form_view .o_field_widget[name='amount'] input",
            run: "edit 100000000",
        },
        {
            content: "The Treasury request number",
            trigger: ".o_form_view .o_field_widget[name='treasury_request_number'] input",
            run: "edit 04a-TOUR",
        },
        {
            content: "Save",
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            content: "Saved: the request is named in Vietnamese after its contract and type",
            trigger: ".o_breadcrumb .active:contains('07/2025/HĐ-TTTT – Thanh toán')",
        },
        {
            content: "Submit it to the State Treasury",
            trigger: ".o_form_view button[name='action_submit']:contains('Gửi Kho bạc')",
            run: "click",
        },
        {
            content: "The Treasury paid: record it",
            trigger: ".o_form_view button[name='action_pay']:contains('Ghi nhận đã thanh toán')",
            run: "click",
        },
        {
            content: "The request is paid",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains('Đã thanh toán')",
        },
    ],
});
