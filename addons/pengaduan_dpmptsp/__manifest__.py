{
    "name": "Pengaduan: DPMPTSP",
    "summary": "Complaint desk for investment and one-stop licensing offices (DPMPTSP): completeness check, "
    "analyst-Kabid-Sekretaris-Kepala Dinas chain, Berita Acara Penyelesaian Pengaduan, Buku Register",
    "version": "19.0.1.0.0",
    "category": "Services/Pengaduan",
    "author": "Pengaduan Developers",
    "website": "https://github.com/pengaduan/pengaduan",
    "license": "LGPL-3",
    "depends": ["pengaduan"],
    "data": [
        "security/pengaduan_dpmptsp_security.xml",
        "security/ir.model.access.csv",
        "security/pengaduan_dpmptsp_rules.xml",
        "data/pengaduan_category_data.xml",
        "data/pengaduan_letter_numbering_data.xml",
        "report/berita_acara_report.xml",
        "wizards/pengaduan_dpmptsp_step_wizard_views.xml",
        "views/pengaduan_complaint_views.xml",
        "views/pengaduan_register_views.xml",
        "views/pengaduan_document_views.xml",
        "views/res_config_settings_views.xml",
        "views/pengaduan_dpmptsp_menus.xml",
    ],
    "demo": [
        "demo/pengaduan_dpmptsp_demo.xml",
        "demo/pengaduan_dpmptsp_website_demo.xml",
    ],
}
