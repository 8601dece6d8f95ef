import { registry } from "@web/core/registry";

const tours = registry.category("web_tour.tours");

/** A citizen files a complaint with a supporting document, without logging in. */
tours.add("pengaduan_citizen_form_tour", {
    url: "/pengaduan",
    steps: () => [
        { trigger: "input[name=reporter_name]", run: "edit Warga Tur Formulir" },
        { trigger: "input[name=reporter_email]", run: "edit tur.formulir@example.com" },
        { trigger: "input[name=name]", run: "edit Lampu jalan depan kantor mati" },
        { trigger: "textarea[name=description]", run: "edit Sudah seminggu lampu mati." },
        {
            trigger: "input[name=attachments]",
            run() {
                const transfer = new DataTransfer();
                transfer.items.add(new File(["%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"], "bukti.pdf",
                                            { type: "application/pdf" }));
                this.anchor.files = transfer.files;
            },
        },
        { trigger: "form[action$='/pengaduan'] button[type=submit]", run: "click", expectUnloadPage: true },
        { trigger: ".o_pengaduan_thanks .o_pengaduan_number:contains(ADU-)" },
    ],
});

/** A citizen follows a complaint with its number (in the link given to them) and their e-mail address. */
tours.add("pengaduan_citizen_track_tour", {
    steps: () => [
        { trigger: "input[name=number][value^='ADU-']" },
        { trigger: "input[name=contact]", run: "edit tur.lacak@example.com" },
        { trigger: "form[action$='/pengaduan/lacak'] button[type=submit]", run: "click", expectUnloadPage: true },
        { trigger: ".o_pengaduan_track_result .o_pengaduan_state:contains(Verified)" },
    ],
});

/** A citizen completes a returned complaint from the portal: a reply with the missing document. */
tours.add("pengaduan_portal_reply_tour", {
    steps: () => [
        { trigger: ".o_pengaduan_portal_complaint .o_pengaduan_missing:contains(Fotokopi KK)" },
        {
            // the composer's file input is hidden (its paperclip opens it): reached from the text box
            trigger: "#chatterRoot:shadow .o-mail-Composer-input",
            run() {
                const input = this.anchor.closest(".o-mail-Composer").querySelector("input[type=file]");
                const transfer = new DataTransfer();
                transfer.items.add(new File(["%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"], "kk.pdf",
                                            { type: "application/pdf" }));
                input.files = transfer.files;
                input.dispatchEvent(new Event("change", { bubbles: true }));
            },
        },
        { trigger: "#chatterRoot:shadow .o-mail-AttachmentContainer:contains(kk.pdf):not(.o-isUploading)" },
        { trigger: "#chatterRoot:shadow .o-mail-Composer-input", run: "edit Fotokopi KK terlampir." },
        { trigger: "#chatterRoot:shadow .o-mail-Composer-send:enabled", run: "click" },
        { trigger: "#chatterRoot:shadow .o-mail-Message:contains(Fotokopi KK terlampir)" },
    ],
});

/** On a phone, the portal list shows each complaint's status inside the screen. */
tours.add("pengaduan_portal_phone_tour", {
    steps: () => [
        {
            content: "Every status badge is inside the screen",
            trigger: ".o_pengaduan_portal_row .badge",
            run() {
                const width = document.documentElement.clientWidth;
                for (const badge of document.querySelectorAll(".o_pengaduan_portal_row .badge")) {
                    const box = badge.getBoundingClientRect();
                    if (box.right > width + 1 || box.width < 20) {
                        throw new Error(`status "${badge.textContent}" at ${box.left}-${box.right}, screen ${width}`);
                    }
                }
            },
        },
    ],
});
