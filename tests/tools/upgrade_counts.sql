-- What an upgrade must keep: counts of the complaints and their side tables, and a digest of
-- every tracking number with its state (one line, compared before and after).
SELECT concat_ws(' ',
    (SELECT count(*) FROM pengaduan_complaint),
    (SELECT md5(coalesce(string_agg(number || ':' || state, ',' ORDER BY id), '')) FROM pengaduan_complaint),
    (SELECT count(*) FROM mail_message WHERE model = 'pengaduan.complaint'),
    (SELECT count(*) FROM mail_followers WHERE res_model = 'pengaduan.complaint'),
    (SELECT count(*) FROM ir_attachment WHERE res_model = 'pengaduan.complaint'),
    (SELECT count(*) FROM pengaduan_disposition),
    (SELECT count(*) FROM pengaduan_letter),
    (SELECT count(*) FROM res_partner),
    (SELECT count(*) FROM survey_user_input));
