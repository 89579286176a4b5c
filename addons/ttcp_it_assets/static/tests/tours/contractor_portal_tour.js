/** @odoo-module */

import { registry } from "@web/core/registry";

// A contractor's technician opens the portal, finds the new incident, answers the agency in
// the request's message thread, records the response, then marks it resolved.
registry.category("web_tour.tours").add("ttcp_contractor_portal_tour", {
    url: "/my",
    steps: () => [
        {
            content: "The home page shows the maintenance requests tile",
            trigger: "a[href='/my/incidents']",
            run: "click",
        },
        {
            content: "The open requests are listed; open the new one",
            trigger: ".o_portal_my_doc_table a:contains('TOUR-PORTAL: máy in kẹt giấy')",
            run: "click",
        },
        {
            content: "Its description is shown",
            trigger: "div:contains('Máy in tầng 3 kẹt giấy liên tục')",
        },
        {
            content: "Write to the agency in the message thread",
            trigger: "#chatterRoot:shadow .o-mail-Composer-input",
            run: "edit Đã tiếp nhận, kỹ thuật viên sẽ đến trong 2 giờ.",
        },
        {
            content: "Send it",
            trigger: "#chatterRoot:shadow .o-mail-Composer-send:enabled",
            run: "click",
        },
        {
            content: "The message is in the thread",
            trigger: "#chatterRoot:shadow .o-mail-Message:contains('kỹ thuật viên sẽ đến trong 2 giờ')",
        },
        {
            content: "Record the response (the server's time)",
            trigger: "button[name='action'][value='respond']",
            run: "click",
        },
        {
            content: "Saved; the response time is recorded",
            trigger: ".alert-success",
        },
        {
            content: "Mark it resolved",
            trigger: "button[name='action'][value='resolve']",
            run: "click",
        },
        {
            content: "Resolved: no more buttons to record times",
            trigger: ".o_ttcp_resolved",
            run: function () {
                if (document.querySelector("button[name='action'][value='resolve']")) {
                    throw new Error("The request should be resolved");
                }
            },
        },
    ],
});
