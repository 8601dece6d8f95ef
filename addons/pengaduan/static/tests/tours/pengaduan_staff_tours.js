import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";

/**
 * Staff tours of the complaint desk, run by tests/test_tours.py with users in
 * English (stable labels). Each tour opens the Pengaduan app from the apps
 * menu, follows one role's main path and checks what the user sees.
 */
const tours = registry.category("web_tour.tours");

/** Apps menu > Pengaduan: lands on the complaint list (All Complaints). */
function openComplaintList() {
    return [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the Pengaduan app",
            trigger: '.o_app[data-menu-xmlid="pengaduan.menu_pengaduan_root"]',
            run: "click",
        },
        {
            content: "The complaint list is shown",
            trigger: ".o_breadcrumb:contains(Complaints)",
        },
        {
            trigger: ".o_list_view .o_list_renderer",
        },
    ];
}

/** The status bar shows ``value`` (technical) as the current state, labelled ``label``. */
function checkState(value, label) {
    return {
        content: `The status bar shows ${label}`,
        trigger: `.o_statusbar_status button.o_arrow_button_current[data-value=${value}]:contains(${label})`,
    };
}

/** Pick ``text`` in the many2one ``fieldName`` (of the dialog when ``inModal``). */
function selectMany2one(fieldName, text, inModal = false) {
    const scope = inModal ? ".modal " : ".o_form_view ";
    return [
        {
            content: `Search ${text} in ${fieldName}`,
            trigger: `${scope}.o_field_widget[name=${fieldName}] input`,
            run: `edit ${text}`,
        },
        {
            content: `Choose ${text}`,
            trigger: `${scope}.o_field_widget[name=${fieldName}] .o-autocomplete--dropdown-item a:contains(${text})`,
            run: "click",
        },
        {
            content: `${fieldName} is set to ${text}`,
            trigger: `${scope}.o_field_widget[name=${fieldName}] input:value(${text})`,
        },
    ];
}

/**
 * Write ``text`` as the answer in the Decision tab and send it; ``check`` is a
 * part of it (no comma or parenthesis) to look for afterwards.
 */
function answerComplaint(text, check = text) {
    return [
        {
            content: "Open the Decision tab",
            trigger: ".o_notebook a[name=decision]",
            run: "click",
        },
        {
            content: "Write the answer",
            trigger: ".o_field_html[name=answer] .odoo-editor-editable",
            run: `editor ${text}`,
        },
        {
            content: "Send the answer",
            trigger: ".o_form_statusbar button[name=action_answer]:contains(Send Answer)",
            run: "click",
        },
        checkState("answered", "Answered"),
        {
            content: "The answer stays on the complaint, now read-only",
            trigger: `.o_field_html[name=answer]:contains(${check}):not(:has(.odoo-editor-editable[contenteditable=true]))`,
        },
        {
            content: "Nothing left to answer",
            trigger: ".o_form_statusbar:not(:has(button[name=action_answer]))",
        },
        {
            content: "The answer is posted in the chatter",
            trigger: `.o-mail-Message-body:contains(${check})`,
        },
    ];
}

/** Officer: register a complaint received at the desk and verify it. */
tours.add("pengaduan_officer_tour", {
    url: "/odoo",
    steps: () => [
        ...openComplaintList(),
        {
            content: "New complaint",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "A new complaint has no tracking number yet",
            trigger: ".o_form_view .o_form_editable .o_field_widget[name=number]:not(:contains(ADU-))",
        },
        {
            trigger: ".o_field_widget[name=name] input",
            run: "edit Lampu loket antrean mati",
        },
        {
            trigger: ".o_field_widget[name=reporter_name] input",
            run: "edit Warga Tur Petugas",
        },
        {
            trigger: ".o_field_widget[name=reporter_email] input",
            run: "edit warga.tur@example.com",
        },
        ...selectMany2one("channel_id", "Walk-in"),
        ...selectMany2one("category_id", "Tur Kependudukan"),
        {
            content: "The category's department is proposed",
            trigger: ".o_field_widget[name=department_id] input:value(Bidang Tur)",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "The tracking number is shown",
            trigger: ".o_field_widget[name=number]:contains(ADU-)",
        },
        {
            content: "A walk-in complaint gets a queue number",
            trigger: ".o_field_widget[name=queue_number]",
        },
        checkState("new", "Received"),
        {
            content: "Verify",
            trigger: ".o_form_statusbar button[name=action_verify]:contains(Verify)",
            run: "click",
        },
        checkState("verified", "Verified"),
        {
            content: "Verify is gone, Dispose is offered",
            trigger: ".o_form_statusbar:not(:has(button[name=action_verify])) button[name=action_dispose]",
        },
        {
            content: "The first response is recorded",
            trigger: ".o_field_widget[name=first_response_date]",
        },
    ],
});

/** Head of office: dispose a verified complaint to a department and a person. */
tours.add("pengaduan_head_tour", {
    url: "/odoo",
    steps: () => [
        ...openComplaintList(),
        {
            content: "Open the verified complaint",
            trigger: ".o_list_view .o_data_row td[name=name]:contains(Tur disposisi kepala)",
            run: "click",
        },
        checkState("verified", "Verified"),
        {
            content: "No disposition yet",
            trigger: "button[name=action_view_dispositions] .o_stat_value:contains(0)",
        },
        {
            content: "Dispose",
            trigger: ".o_form_statusbar button[name=action_dispose]:contains(Dispose)",
            run: "click",
        },
        {
            content: "The wizard carries the complaint",
            trigger: ".modal .o_field_widget[name=complaint_ids]:contains(Tur disposisi kepala)",
        },
        ...selectMany2one("to_department_id", "Bidang Tur", true),
        ...selectMany2one("to_user_id", "Penangan Tur", true),
        {
            content: "Add a note",
            trigger: ".modal .o_field_widget[name=note] textarea",
            run: "edit Mohon segera ditindaklanjuti",
        },
        {
            content: "Confirm the disposition",
            trigger: ".modal .modal-footer button[name=action_confirm]",
            run: "click",
        },
        {
            content: "The wizard is closed",
            trigger: "body:not(:has(.modal))",
        },
        checkState("in_progress", "In Progress"),
        {
            content: "The complaint now belongs to the department",
            trigger: ".o_field_widget[name=department_id]:contains(Bidang Tur)",
        },
        {
            content: "and to the handler",
            trigger: ".o_field_widget[name=user_id]:contains(Penangan Tur)",
        },
        {
            content: "One disposition",
            trigger: "button[name=action_view_dispositions] .o_stat_value:contains(1)",
        },
        {
            content: "Open the Dispositions tab",
            trigger: ".o_notebook a[name=dispositions]",
            run: "click",
        },
        {
            content: "The disposition is listed, from the head to the department and handler",
            trigger:
                ".o_field_widget[name=disposition_ids] .o_data_row" +
                ":has(td[name=from_user_id]:contains(Kepala Tur))" +
                ":has(td[name=to_department_id]:contains(Bidang Tur))" +
                ":has(td[name=to_user_id]:contains(Penangan Tur))" +
                ":has(td[name=note]:contains(Mohon segera ditindaklanjuti))" +
                ":has(td[name=state]:contains(Sent))",
        },
    ],
});

/** Handler: answer the complaint disposed to their department. */
tours.add("pengaduan_handler_tour", {
    url: "/odoo",
    steps: () => [
        ...openComplaintList(),
        {
            content: "The complaint disposed to the department is listed with it",
            trigger:
                ".o_list_view .o_data_row:has(td[name=name]:contains(Tur jawaban penangan))" +
                " td[name=department_id]:contains(Bidang Tur)",
        },
        {
            content: "A complaint of another department is not listed",
            trigger: ".o_list_view:not(:has(.o_data_row td[name=name]:contains(Tur bidang lain)))",
        },
        {
            content: "Open the disposed complaint",
            trigger: ".o_list_view .o_data_row td[name=name]:contains(Tur jawaban penangan)",
            run: "click",
        },
        checkState("in_progress", "In Progress"),
        ...answerComplaint("Loket sudah diperbaiki, terima kasih.", "Loket sudah diperbaiki"),
    ],
});

/** Handler: take up a verified complaint of their department, then answer it. */
tours.add("pengaduan_handler_start_tour", {
    url: "/odoo",
    steps: () => [
        ...openComplaintList(),
        {
            content: "Open the verified complaint of the department",
            trigger: ".o_list_view .o_data_row td[name=name]:contains(Tur mulai penangan)",
            run: "click",
        },
        checkState("verified", "Verified"),
        {
            content: "A handler cannot verify",
            trigger: ".o_form_statusbar:not(:has(button[name=action_verify]))",
        },
        {
            content: "Start processing",
            trigger: ".o_form_statusbar button[name=action_start]:contains(Start Processing)",
            run: "click",
        },
        checkState("in_progress", "In Progress"),
        {
            content: "The handler took the complaint",
            trigger: ".o_field_widget[name=user_id]:contains(Penangan Tur)",
        },
        ...answerComplaint("Data kependudukan sudah dipadankan."),
    ],
});

/** Analysis: the graph paints each SLA status in its meaning (met green, failed red). */
tours.add("pengaduan_sla_graph_tour", {
    url: "/odoo/action-pengaduan.pengaduan_complaint_action_analysis",
    steps: () => [
        {
            content: "Switch to the graph",
            trigger: ".o_switch_view.o_graph",
            run: "click",
        },
        {
            content: "Met is green, Failed red, Overdue red, On Track teal",
            trigger: ".o_graph_renderer canvas",
            run() {
                const chart = window.Chart.getChart(this.anchor);
                const colors = Object.fromEntries(
                    chart.data.datasets.map((dataset) => [dataset.label, dataset.backgroundColor])
                );
                const expected = { Met: "#28A745", Failed: "#B02A37", Overdue: "#EA6175", "On Track": "#43C5B1" };
                for (const [label, color] of Object.entries(expected)) {
                    if (colors[label] !== color) {
                        throw new Error(`${label} is painted ${colors[label]}, not ${color}: ${JSON.stringify(colors)}`);
                    }
                }
            },
        },
    ],
});

/** Open the menu ``xmlid`` of the Complaints section (the app is open). */
function openComplaintsMenu(xmlid) {
    return [
        {
            content: "Open the Complaints section",
            trigger: '.o_menu_sections button[data-menu-xmlid="pengaduan.menu_pengaduan_complaints"]',
            run: "click",
        },
        {
            content: `Open ${xmlid}`,
            trigger: `.o-dropdown--menu [data-menu-xmlid="${xmlid}"]`,
            run: "click",
        },
    ];
}

/** Fill the desk wizard (open in a dialog) and register the complaint. */
function fillDesk(subject, { answer = null } = {}) {
    const steps = [
        { trigger: ".modal .o_field_widget[name=reporter_name] input", run: "edit Warga Tur Loket" },
        { trigger: ".modal .o_field_widget[name=reporter_phone] input", run: "edit 081200001111" },
        { trigger: ".modal .o_field_widget[name=name] input", run: `edit ${subject}` },
        { trigger: ".modal .o_field_widget[name=description] textarea", run: "edit Dicatat di loket." },
        { trigger: ".modal .o_field_widget[name=category_id] input", run: "edit a" },
        {
            content: "Any category of the office",
            trigger: ".modal .o_field_widget[name=category_id] .o-autocomplete--dropdown-item a",
            run: "click",
        },
    ];
    if (answer) {
        steps.push({ trigger: ".modal .o_field_html[name=answer] .odoo-editor-editable", run: `editor ${answer}` });
    } else {
        steps.push({ trigger: ".modal .o_field_widget[name=outcome] input[data-value=forward]", run: "click" });
        steps.push({ trigger: ".modal .o_field_widget[name=department_id] input" });
    }
    steps.push(
        { content: "Register", trigger: ".modal .modal-footer button[name=action_register]", run: "click" },
        { content: "The dialog closes on the new complaint", trigger: "body:not(:has(.modal))" },
        { trigger: `.o_form_view .o_field_widget[name=name]:contains(${subject}), .o_form_view .o_field_widget[name=name] input:value(${subject})` }
    );
    return steps;
}

/**
 * Officer at the desks (any language: the selectors name menus, fields and buttons): the
 * walk-in desk answers on the spot, the telephone desk forwards to the Bidang, and the
 * register of the period prints; every desk from its menu, as README step 1 says.
 */
tours.add("pengaduan_desks_tour", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        { trigger: '.o_app[data-menu-xmlid="pengaduan.menu_pengaduan_root"]', run: "click" },
        { trigger: ".o_list_view .o_list_renderer" },
        ...openComplaintsMenu("pengaduan.menu_pengaduan_walkin_desk"),
        ...fillDesk("Tur loket dijawab", { answer: "Sudah dijelaskan di loket." }),
        checkStateValue("closed"),
        ...openComplaintsMenu("pengaduan.menu_pengaduan_phone_desk"),
        ...fillDesk("Tur telepon diteruskan"),
        checkStateValue("in_progress"),
        {
            content: "Open the Reporting section",
            trigger: '.o_menu_sections button[data-menu-xmlid="pengaduan.menu_pengaduan_reporting"]',
            run: "click",
        },
        { trigger: '.o-dropdown--menu [data-menu-xmlid="pengaduan.menu_pengaduan_register"]', run: "click" },
        { trigger: ".modal .o_field_widget[name=date_from] input" },
        {
            content: "Print the register",
            trigger: ".modal .modal-footer button[name=action_print_register]",
            run: "click",
            expectUnloadPage: false,
        },
        { content: "The report opened, no error dialog", trigger: "body:not(:has(.o_error_dialog))" },
    ],
});

/** The status bar shows ``value`` as the current state (any language). */
function checkStateValue(value) {
    return {
        content: `The status bar shows ${value}`,
        trigger: `.o_statusbar_status button.o_arrow_button_current[data-value=${value}]`,
    };
}
