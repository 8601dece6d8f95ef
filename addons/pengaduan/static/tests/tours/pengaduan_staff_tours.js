import { registry } from "@web/core/registry";

const tours = registry.category("web_tour.tours");

/** Officer: register a complaint received at the desk and verify it. */
tours.add("pengaduan_officer_tour", {
    url: "/odoo/action-pengaduan.pengaduan_complaint_action",
    steps: () => [
        { trigger: ".o_list_view", },
        { trigger: ".o_list_button_add", run: "click" },
        { trigger: ".o_field_widget[name=name] input", run: "edit Lampu loket antrean mati" },
        { trigger: ".o_field_widget[name=reporter_name] input", run: "edit Warga Tur Petugas" },
        { trigger: ".o_field_widget[name=reporter_email] input", run: "edit warga.tur@example.com" },
        { trigger: ".o_form_button_save", run: "click" },
        { trigger: ".o_field_widget[name=number]:contains(ADU-)" },
        { trigger: "button[name=action_verify]", run: "click" },
        { trigger: ".o_statusbar_status button[data-value=verified].o_arrow_button_current" },
    ],
});

/** Head of office: dispose a verified complaint to a department and a person. */
tours.add("pengaduan_head_tour", {
    url: "/odoo/action-pengaduan.pengaduan_complaint_action",
    steps: () => [
        { trigger: ".o_list_view .o_data_row td:contains(Tur disposisi kepala)", run: "click" },
        { trigger: ".o_statusbar_status button[data-value=verified].o_arrow_button_current" },
        { trigger: "button[name=action_dispose]", run: "click" },
        { trigger: ".modal .o_field_widget[name=to_department_id] input", run: "edit Bidang Tur" },
        { trigger: ".dropdown-item:contains(Bidang Tur)", run: "click" },
        { trigger: ".modal .o_field_widget[name=to_user_id] input", run: "edit Penangan Tur" },
        { trigger: ".dropdown-item:contains(Penangan Tur)", run: "click" },
        { trigger: ".modal button[name=action_confirm]", run: "click" },
        { trigger: "body:not(:has(.modal))" },
        { trigger: ".o_statusbar_status button[data-value=in_progress].o_arrow_button_current" },
        { trigger: ".o_notebook a[name=dispositions]", run: "click" },
        { trigger: ".o_field_widget[name=disposition_ids] td:contains(Bidang Tur)" },
    ],
});

/** Handler: answer the complaint disposed to them. */
tours.add("pengaduan_handler_tour", {
    url: "/odoo/action-pengaduan.pengaduan_complaint_action",
    steps: () => [
        { trigger: ".o_list_view .o_data_row td:contains(Tur jawaban penangan)", run: "click" },
        { trigger: ".o_statusbar_status button[data-value=in_progress].o_arrow_button_current" },
        { trigger: ".o_notebook a[name=decision]", run: "click" },
        { trigger: ".o_field_html[name=answer] .odoo-editor-editable", run: "editor Loket sudah diperbaiki, terima kasih." },
        { trigger: "button[name=action_answer]", run: "click" },
        { trigger: ".o_statusbar_status button[data-value=answered].o_arrow_button_current" },
    ],
});
