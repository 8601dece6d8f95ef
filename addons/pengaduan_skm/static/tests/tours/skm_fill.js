import { registry } from "@web/core/registry";

/**
 * A citizen fills in the SKM questionnaire, by position (the wording follows the website's
 * language): profile on the first page, the nine elements on the second (score 4 for U1-U8,
 * 3 for U9), a suggestion on the third. The test checks what was recorded.
 */
const choose = (question, choice) => ({
    content: `question ${question + 1}: choice ${choice + 1}`,
    trigger: `div.js_question-wrapper:eq(${question}) label:eq(${choice})`,
    run: "click",
});

const fillSteps = () => [
    { content: "start", trigger: 'button[value="start"]', run: "click" },
    // the profile: the service (5th question) first, the others are on the same page
    choose(4, 3),
    choose(0, 1),
    { content: "age", trigger: "div.js_question-wrapper:eq(1) input", run: "edit 35" },
    choose(2, 4),
    choose(3, 3),
    { content: "next page", trigger: 'button[value="next"]', run: "click" },
    // the nine elements: the 9th question exists on this page only
    choose(8, 2),
    ...[0, 1, 2, 3, 4, 5, 6, 7].map((question) => choose(question, 3)),
    { content: "next page", trigger: 'button[value="next"]', run: "click" },
    { content: "suggestion", trigger: "div.js_question-wrapper textarea", run: "edit Ruang tunggu lebih sejuk" },
    { content: "finish", trigger: 'button[value="finish"]', run: "click" },
    { content: "confirm", trigger: ".modal-footer button.btn-primary", run: "click" },
    { content: "thank you", trigger: ".o_survey_finished" },
];

registry.category("web_tour.tours").add("pengaduan_skm_invitation", {
    steps: fillSteps,
});

registry.category("web_tour.tours").add("pengaduan_skm_kiosk", {
    steps: () => [
        { content: "the kiosk's start button", trigger: ".o_skm_kiosk_start", run: "click", expectUnloadPage: true },
        ...fillSteps(),
        { content: "the next visitor may start afresh", trigger: ".o_skm_kiosk_next a[href$='/skm/isi']" },
    ],
});
