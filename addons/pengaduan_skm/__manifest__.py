{
    "name": "Pengaduan: Satisfaction Survey (SKM)",
    "summary": "Survei Kepuasan Masyarakat per PermenPANRB 14/2017 on Odoo's survey app: the nine "
    "elements, the index (IKM) and its grade per period",
    "version": "19.0.1.1.0",
    "category": "Services/Pengaduan",
    "author": "Pengaduan Developers",
    "website": "https://github.com/pengaduan/pengaduan",
    "license": "LGPL-3",
    "depends": ["pengaduan", "survey", "website"],
    "data": [
        "security/pengaduan_skm_security.xml",
        "security/ir.model.access.csv",
        "security/pengaduan_skm_rules.xml",
        "data/survey_skm_data.xml",
        "views/pengaduan_skm_period_views.xml",
        "views/pengaduan_skm_response_line_views.xml",
        "report/skm_result_report.xml",
        "views/website_skm_templates.xml",
        "views/website_skm_kiosk_templates.xml",
        "views/res_config_settings_views.xml",
        "wizards/pengaduan_dashboard_views.xml",
        "report/queue_ticket_report.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "pengaduan_skm/static/tests/tours/*.js",
        ],
    },
    "demo": [
        "demo/pengaduan_skm_demo.xml",
    ],
}
