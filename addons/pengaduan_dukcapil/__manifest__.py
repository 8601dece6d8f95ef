{
    "name": "Pengaduan: Disdukcapil",
    "summary": "Complaint desk for civil registration offices (Disdukcapil): the 13 service "
    "standards, the Dumai disposition flow, Pasuruan walk-in step standards, NIK checks",
    "version": "19.0.1.0.0",
    "category": "Services/Pengaduan",
    "author": "Pengaduan Developers",
    "website": "https://github.com/pengaduan/pengaduan",
    "license": "LGPL-3",
    "depends": ["pengaduan"],
    "data": [
        "security/ir.model.access.csv",
        "security/pengaduan_dukcapil_rules.xml",
        "data/pengaduan_category_data.xml",
        "views/pengaduan_complaint_views.xml",
        "views/res_config_settings_views.xml",
    ],
    "demo": [
        "demo/pengaduan_dukcapil_demo.xml",
        "demo/pengaduan_dukcapil_website_demo.xml",
    ],
}
