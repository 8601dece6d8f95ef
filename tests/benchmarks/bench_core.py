"""On-demand benchmark of the ``pengaduan`` addon (SLA engine, escalation cron, list view, create).

Run it through ``tests/benchmarks/run``, which creates the database if needed and
starts this script with Odoo's own Python interpreter.  Directly::

    <odoo python> tests/benchmarks/bench_core.py --db pengaduan_bench --addons-path <repo>/addons

Steps:

1. Populate 100,000 complaints (10,000 open, 90,000 answered/closed/rejected) over the
   last two years through the ORM, 2,000 per ``create`` and one commit per batch, so the
   SLA deadlines are computed for real; then ANALYZE.  Skipped when the data is there;
   an interrupted populate resumes where it stopped.
2. Measure (wall time with ``time.perf_counter``, SQL queries with ``cr.sql_log_count``):
   a. the SLA cron with nothing to do (after a catch-up run until quiescent);
   b. the SLA cron with exactly 1,000 newly overdue complaints;
   c. ``search_read`` of the first page of overdue complaints as a complaint officer;
   d. one ``create`` of a complaint as a complaint officer (queries and ms).
3. Print a Markdown table and write it to ``RESULTS.md`` next to this file.

The database is modified (escalations, activities, queued e-mails): use a dedicated one.
"""

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import threading
import time
from pathlib import Path

from benchlib import Probe, load_odoo, log, machine_info  # noqa: E402

HERE = Path(__file__).resolve().parent
RESULTS_FILE = HERE / "RESULTS.md"

TOTAL = 100_000
OPEN = 10_000
BATCH = 2_000
NEWLY_OVERDUE = 1_000
SEED = 20260101
POPULATE_PARAM = "pengaduan_bench.populate_seconds"

LIST_FIELDS = [
    "number", "name", "reporter_name", "channel_id", "category_id", "department_id",
    "user_id", "date_received", "sla_deadline", "sla_state", "state",
]

TARGETS = {
    "cron_noop": 1.0,  # seconds
    "cron_1000": 10.0,  # seconds
    "list": 0.100,  # seconds
    "create_queries": 40,  # queries
}

# ---------------------------------------------------------------------------
# Reference data (a Dinas Kependudukan dan Pencatatan Sipil)
# ---------------------------------------------------------------------------
DEPARTMENTS = [
    # (name, manager name)
    ("Bidang Pelayanan Pendaftaran Penduduk", "Sri Wahyuni"),
    ("Bidang Pelayanan Pencatatan Sipil", "Agus Setiawan"),
    ("Bidang Pengelolaan Informasi Administrasi Kependudukan", "Dewi Lestari"),
    ("Bidang Pemanfaatan Data dan Inovasi Pelayanan", "Bambang Prasetyo"),
    ("Sekretariat", "Rina Kurniawati"),
    ("UPT Pelayanan Kecamatan", "Hendra Gunawan"),
]
CATEGORIES = [
    # (code, name, sla_value, sla_unit, department index, share of complaints)
    ("KTP", "KTP-el", 5, "working_days", 0, 24),
    ("KK", "Kartu Keluarga", 3, "working_days", 0, 16),
    ("AKTA", "Akta Kelahiran dan Kematian", 7, "working_days", 1, 14),
    ("ONLINE", "Layanan Online dan Aplikasi", 8, "hours", 3, 12),
    ("ANTRE", "Antrean dan Sikap Petugas", 240, "minutes", 4, 8),
    ("PUNGLI", "Pungutan Liar", 2, "working_days", 4, 3),
    ("DATA", "Perbaikan Data dan NIK Ganda", 14, "days", 2, 9),
    ("INFO", "Permintaan Informasi", 10, "days", 5, 6),
]
NO_CATEGORY_SHARE = 8  # same weight scale as above
CHANNEL_SHARES = {
    # xml id (pengaduan.<id>) or "CHATBOT" (created by the benchmark, hours unit): share
    "channel_whatsapp": 24, "channel_web": 18, "channel_walkin": 14, "channel_lapor": 10,
    "channel_phone": 7, "channel_email": 6, "channel_instagram": 4, "channel_facebook": 3,
    "channel_x_twitter": 2, "channel_letter": 3, "channel_sms": 1, "channel_call_center": 3,
    "channel_complaint_box": 1, "channel_fax": 0.2, "CHATBOT": 4,
}
DIRECT_CHANNELS = {"channel_walkin", "channel_phone", "channel_call_center", "channel_letter",
                   "channel_fax", "channel_complaint_box"}
FIRST_NAMES = ["Budi", "Siti", "Ahmad", "Nur", "Dwi", "Eko", "Putri", "Rizki", "Wahyu", "Ayu",
               "Joko", "Fitri", "Andi", "Indah", "Yusuf", "Ratna", "Hadi", "Lina", "Fajar", "Mega"]
LAST_NAMES = ["Santoso", "Rahmawati", "Hidayat", "Saputra", "Wulandari", "Nugroho", "Susanti",
              "Pratama", "Handayani", "Kusuma", "Maulana", "Permata", "Siregar", "Nasution", "Lubis"]
SUBJECTS = {
    "KTP": ["KTP-el belum jadi setelah {n} minggu", "Blangko KTP-el habis di kecamatan",
            "Data KTP-el salah cetak", "Perekaman KTP-el ditolak"],
    "KK": ["Perubahan KK belum diproses", "Nama anggota keluarga salah di KK",
           "KK hilang, permohonan cetak ulang"],
    "AKTA": ["Akta kelahiran anak belum terbit", "Akta kematian ayah belum selesai {n} hari",
             "Salah ejaan nama di akta kelahiran"],
    "ONLINE": ["Aplikasi layanan online tidak bisa login", "Berkas unggahan hilang di aplikasi",
               "Kode OTP tidak diterima"],
    "ANTRE": ["Antrean loket terlalu lama", "Petugas loket tidak ramah",
              "Nomor antrean online tidak berlaku"],
    "PUNGLI": ["Dimintai uang untuk percepatan KTP-el", "Calo di depan kantor dinas"],
    "DATA": ["NIK ganda dengan warga lain", "Data kependudukan tidak padu di BPJS",
             "Tanggal lahir salah di database"],
    "INFO": ["Syarat pindah domisili", "Jam layanan hari Sabtu", "Cara mengurus KIA"],
    None: ["Keluhan layanan dinas", "Pengaduan umum", "Saran perbaikan layanan"],
}

# ---------------------------------------------------------------------------
# Odoo bootstrap
# ---------------------------------------------------------------------------
def ensure_user(env, login, name, groups, email):
    user = env["res.users"].with_context(active_test=False).search([("login", "=", login)])
    if not user:
        user = env["res.users"].with_context(no_reset_password=True, mail_create_nolog=True).create({
            "login": login, "name": name, "email": email, "tz": "Asia/Jakarta",
            "group_ids": [(6, 0, [env.ref(g).id for g in groups])],
        })
    return user


def ensure_master_data(env):
    """Users, departments, categories, a chatbot channel, partners; idempotent."""
    company = env.ref("base.main_company")
    if not company.email:
        company.email = "pengaduan@dukcapil.example"
    head = ensure_user(env, "bench_head", "Kepala Dinas (bench)", ["pengaduan.group_head"],
                       "kadis@dukcapil.example")
    officer = ensure_user(env, "bench_officer", "Petugas Pengaduan (bench)",
                          ["pengaduan.group_officer"], "petugas@dukcapil.example")
    if company.pengaduan_head_user_id != head:
        company.pengaduan_head_user_id = head
    Department = env["hr.department"].with_context(active_test=False)
    Employee = env["hr.employee"].with_context(active_test=False)
    departments, handlers = [], {}
    for index, (dname, manager_name) in enumerate(DEPARTMENTS):
        department = Department.search([("name", "=", dname), ("company_id", "=", company.id)], limit=1)
        if not department:
            department = Department.create({"name": dname, "company_id": company.id})
        users = env["res.users"]
        for k, uname in enumerate([manager_name, f"Staf {index + 1}A", f"Staf {index + 1}B"]):
            login = f"bench_dept{index + 1}_{k}"
            user = ensure_user(env, login, uname, ["pengaduan.group_handler"], f"{login}@dukcapil.example")
            employee = Employee.search([("user_id", "=", user.id)], limit=1)
            if not employee:
                employee = Employee.create({"name": uname, "user_id": user.id,
                                            "department_id": department.id, "company_id": company.id})
            if k == 0 and department.manager_id != employee:
                department.manager_id = employee
            users |= user
        departments.append(department)
        handlers[department.id] = users.ids
    Category = env["pengaduan.category"].with_context(active_test=False)
    categories = {}
    for code, cname, value, unit, dept_index, _share in CATEGORIES:
        category = Category.search([("code", "=", code)], limit=1)
        if not category:
            category = Category.create({
                "code": code, "name": cname, "sla_value": value, "sla_unit": unit,
                "department_id": departments[dept_index].id,
            })
        categories[code] = category
    Channel = env["pengaduan.channel"].with_context(active_test=False)
    channels = {}
    for key in CHANNEL_SHARES:
        if key == "CHATBOT":
            channel = Channel.search([("code", "=", "CHATBOT")], limit=1) or Channel.create({
                "name": "Chatbot", "code": "CHATBOT", "sequence": 15,
                "response_time": 4, "response_unit": "hours",
            })
        else:
            channel = env.ref(f"pengaduan.{key}")
        channels[key] = channel
    Partner = env["res.partner"].with_context(active_test=False)
    partners = Partner.search([("ref", "=like", "BENCH-%")], order="id")
    if len(partners) < 2000:
        rng = random.Random(SEED + 1)
        Partner.create([{
            "name": f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
            "email": f"warga{i}@mail.example", "phone": f"08{rng.randrange(10**9, 10**10)}",
            "ref": f"BENCH-{i:05d}",
        } for i in range(len(partners), 2000)])
        partners = Partner.search([("ref", "=like", "BENCH-%")], order="id")
    env.cr.commit()
    return {
        "company": company, "head": head, "officer": officer, "departments": departments,
        "handlers": handlers, "categories": categories, "channels": channels,
        "partner_ids": partners.ids,
    }


# ---------------------------------------------------------------------------
# Populate
# ---------------------------------------------------------------------------
def _weighted(rng, shares):
    keys = list(shares)
    return rng.choices(keys, weights=[shares[k] for k in keys])[0]


def skeleton(now):
    """(date_received, kind) of the 100,000 complaints, sorted by date: deterministic."""
    rng = random.Random(SEED)
    rows = []
    for i in range(TOTAL):
        if i < OPEN:
            kind = rng.choices(["new", "verified", "in_progress"], weights=[30, 25, 45])[0]
            # open files are mostly recent, with a tail of forgotten ones
            bucket = rng.random()
            age_days = (rng.uniform(0, 14) if bucket < 0.6
                        else rng.uniform(14, 90) if bucket < 0.85 else rng.uniform(90, 730))
        else:
            kind = rng.choices(["closed", "answered", "rejected"], weights=[72, 18, 10])[0]
            age_days = rng.uniform(1, 730) if kind == "closed" else rng.uniform(0.5, 120)
        rows.append((now - dt.timedelta(days=age_days), kind, i))
    rows.sort()
    return rows


def complaint_vals(master, date_received, kind, index, now):
    rng = random.Random(SEED * 7 + index)
    channel_key = _weighted(rng, CHANNEL_SHARES)
    if channel_key in DIRECT_CHANNELS:
        # walk-ins, calls and letters arrive in office hours (08:00-16:00 WIB = 01:00-09:00 UTC)
        day = date_received.date()
        while day.weekday() >= 5:
            day -= dt.timedelta(days=1)
        date_received = dt.datetime.combine(day, dt.time(1)) + dt.timedelta(seconds=rng.randrange(8 * 3600))
        date_received = min(date_received, now - dt.timedelta(minutes=5))
    date_received = date_received.replace(microsecond=0)
    shares = {code: share for code, _n, _v, _u, _d, share in CATEGORIES}
    shares[None] = NO_CATEGORY_SHARE
    code = _weighted(rng, shares)
    category = master["categories"][code] if code else None
    department = category.department_id if category else rng.choice(master["departments"])
    anonymity = rng.choices(["none", "anonim", "rahasia"], weights=[85, 10, 5])[0]
    name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
    vals = {
        "name": rng.choice(SUBJECTS[code]).format(n=rng.randint(2, 12)),
        "description": "<p>%s</p>" % (
            f"Saya {name} mengadukan layanan {category.name if category else 'dinas'}. "
            "Sudah beberapa kali datang ke kantor tetapi belum ada kejelasan. " * rng.randint(1, 4)),
        "reporter_name": name,
        "reporter_phone": f"08{rng.randrange(10**9, 10**10)}",
        "anonymity": anonymity,
        "channel_id": master["channels"][channel_key].id,
        "category_id": category.id if category else False,
        "department_id": department.id,
        "date_received": date_received,
        "state": kind,
    }
    if rng.random() < 0.5:
        vals["reporter_email"] = f"{name.lower().replace(' ', '.')}{index}@mail.example"
    if anonymity == "none" and channel_key in ("channel_web", "CHATBOT") and rng.random() < 0.6:
        vals["partner_id"] = rng.choice(master["partner_ids"])
    handlers = master["handlers"][department.id]

    def after(start, hours):
        return min(start + dt.timedelta(hours=hours), now - dt.timedelta(minutes=1)).replace(microsecond=0)

    if kind in ("verified", "in_progress"):
        vals["first_response_date"] = after(date_received, rng.uniform(0.2, 30))
    if kind == "in_progress":
        vals["user_id"] = rng.choice(handlers[1:])
    if kind in ("closed", "answered", "rejected"):
        first = after(date_received, rng.uniform(0.2, 30))
        # most files are solved within the standard, some late
        resolved = after(first, rng.uniform(2, 150) if rng.random() < 0.85 else rng.uniform(150, 900))
        vals.update({"first_response_date": first, "resolved_date": resolved,
                     "user_id": rng.choice(handlers)})
        rejected = kind == "rejected" or (kind == "closed" and rng.random() < 0.12)
        if rejected:
            vals["rejection_reason"] = "Bukan kewenangan Dinas Kependudukan dan Pencatatan Sipil."
        else:
            vals["answer"] = "<p>Dokumen Anda sudah selesai dan dapat diambil di loket 3.</p>"
        if kind == "closed":
            vals["date_closed"] = after(resolved, rng.uniform(1, 400))
    return vals


def populate(env, master):
    cr = env.cr
    cr.execute("SELECT count(*) FROM pengaduan_complaint")
    existing = cr.fetchone()[0]
    if existing >= TOTAL:
        log("populate skipped: %s complaints already there", existing)
        return None
    now = dt.datetime.now().replace(microsecond=0)
    rows = skeleton(now)
    log("populating %s complaints (%s there) in batches of %s", TOTAL - existing, existing, BATCH)
    Complaint = env["pengaduan.complaint"].with_context(
        tracking_disable=True, mail_create_nolog=True, mail_create_nosubscribe=True,
        mail_notrack=True,
    )
    start = time.perf_counter()
    for offset in range(existing, TOTAL, BATCH):
        t0 = time.perf_counter()
        chunk = rows[offset:offset + BATCH]
        Complaint.create([complaint_vals(master, date, kind, index, now) for date, kind, index in chunk])
        env.flush_all()
        cr.commit()
        env.invalidate_all()
        log("  %6d / %d  (%.1f s)", offset + len(chunk), TOTAL, time.perf_counter() - t0)
    elapsed = time.perf_counter() - start
    t0 = time.perf_counter()
    cr.execute("ANALYZE")
    log("ANALYZE: %.1f s", time.perf_counter() - t0)
    env["ir.config_parameter"].sudo().set_param(POPULATE_PARAM, "%.1f" % elapsed)
    cr.commit()
    return elapsed


# ---------------------------------------------------------------------------
# Measures
# ---------------------------------------------------------------------------
def new_env(odoo, cr, uid, context=None):
    return odoo.api.Environment(cr, uid, dict(context or {}))


def user_context(odoo, registry, uid):
    with registry.cursor() as cr:
        return dict(new_env(odoo, cr, uid)["res.users"].context_get())


def due_counts(cr):
    cr.execute("""
        SELECT count(*) FILTER (WHERE escalation_level < 2 AND sla_deadline <= now() AT TIME ZONE 'UTC'),
               count(*) FILTER (WHERE escalation_level < 1 AND sla_risk_date <= now() AT TIME ZONE 'UTC'
                                      AND sla_deadline > now() AT TIME ZONE 'UTC')
          FROM pengaduan_complaint
         WHERE state IN ('new', 'verified', 'in_progress')
    """)
    return cr.fetchone()


def max_id(cr, table, where="TRUE"):
    cr.execute(f"SELECT coalesce(max(id), 0) FROM {table} WHERE {where}")  # noqa: S608 (constants)
    return cr.fetchone()[0]


def run_cron(odoo, registry):
    """One run of the scheduled action as the cron does it (superuser env, commits)."""
    with registry.cursor() as cr:
        env = new_env(odoo, cr, odoo.SUPERUSER_ID)
        with Probe(cr) as probe:
            env["pengaduan.complaint"]._cron_check_sla()
            cr.commit()
    return probe


def measure_cron_noop(odoo, registry, runs):
    # catch up until quiescent (the deadlines of open complaints keep passing)
    catch_up = []
    for _attempt in range(10):
        with registry.cursor() as cr:
            overdue, at_risk = due_counts(cr)
            msg0 = max_id(cr, "mail_message", "model = 'pengaduan.complaint'")
        if not overdue and not at_risk and catch_up:
            break
        probe = run_cron(odoo, registry)
        with registry.cursor() as cr:
            cr.execute("SELECT count(DISTINCT res_id) FROM mail_message"
                       " WHERE model = 'pengaduan.complaint' AND id > %s", [msg0])
            escalated = cr.fetchone()[0]
        catch_up.append((probe.seconds, probe.queries, escalated))
        log("catch-up cron run: %.2f s, %d queries, %d escalated (due before: %d overdue, %d at risk)",
            probe.seconds, probe.queries, escalated, overdue, at_risk)
        if not escalated:
            break
    samples = []
    for _run in range(runs):
        probe = run_cron(odoo, registry)
        samples.append((probe.seconds, probe.queries))
    log("no-op cron runs: %s", ", ".join("%.1f ms/%dq" % (s * 1000, q) for s, q in samples))
    return catch_up, samples


def measure_cron_1000(odoo, registry):
    # quiescent first, so that only the prepared complaints are due
    run_cron(odoo, registry)
    with registry.cursor() as cr:
        cr.execute("""
            SELECT id FROM pengaduan_complaint
             WHERE state IN ('new', 'verified', 'in_progress')
             ORDER BY id
        """)
        open_ids = [row[0] for row in cr.fetchall()]
        ids = sorted(random.Random(SEED + len(open_ids)).sample(open_ids, NEWLY_OVERDUE))
        # at-risk notice already sent (level 1), the deadline passed a minute ago
        cr.execute("""
            UPDATE pengaduan_complaint
               SET sla_deadline = (now() AT TIME ZONE 'UTC') - interval '1 minute',
                   sla_risk_date = (now() AT TIME ZONE 'UTC') - interval '1 minute' - interval '2 days',
                   escalation_level = 1,
                   sla_state = 'at_risk'
             WHERE id = ANY(%s)
        """, [ids])
        assert cr.rowcount == NEWLY_OVERDUE
        msg0 = max_id(cr, "mail_message", "model = 'pengaduan.complaint'")
        act0 = max_id(cr, "mail_activity")
        mail0 = max_id(cr, "mail_mail")
        cr.commit()
        new_env(odoo, cr, odoo.SUPERUSER_ID).invalidate_all()
        due_before = due_counts(cr)
    probe = run_cron(odoo, registry)
    with registry.cursor() as cr:
        cr.execute("""
            SELECT count(*) FILTER (WHERE escalation_level = 2 AND sla_state = 'overdue')
              FROM pengaduan_complaint WHERE id = ANY(%s)
        """, [ids])
        prepared_escalated = cr.fetchone()[0]
        cr.execute("SELECT count(*), count(DISTINCT res_id) FROM mail_message"
                   " WHERE model = 'pengaduan.complaint' AND id > %s", [msg0])
        messages, escalated = cr.fetchone()
        cr.execute("SELECT count(*) FROM mail_activity WHERE id > %s AND res_model = 'pengaduan.complaint'"
                   " AND res_id = ANY(%s)", [act0, ids])
        activities = cr.fetchone()[0]
        cr.execute("SELECT count(*) FROM mail_mail WHERE id > %s", [mail0])
        mails = cr.fetchone()[0]
    verified = prepared_escalated == NEWLY_OVERDUE and escalated == NEWLY_OVERDUE \
        and messages == NEWLY_OVERDUE and activities == NEWLY_OVERDUE and mails >= 1
    log("cron with %d newly overdue (due before: %s): %.2f s, %d queries; escalated %d (prepared %d), "
        "%d notes, %d activities, %d digest mails -> %s", NEWLY_OVERDUE, due_before, probe.seconds,
        probe.queries, escalated, prepared_escalated, messages, activities, mails,
        "verified" if verified else "MISMATCH")
    return {"seconds": probe.seconds, "queries": probe.queries, "escalated": escalated,
            "prepared_escalated": prepared_escalated, "messages": messages, "activities": activities,
            "mails": mails, "verified": verified}


def measure_list(odoo, registry, uid, context, runs):
    samples = []
    for run in range(runs + 1):  # the first one warms the caches
        with registry.cursor() as cr:
            env = new_env(odoo, cr, uid, context)
            with Probe(cr) as probe:
                rows = env["pengaduan.complaint"].search_read(
                    [("sla_state", "=", "overdue")], LIST_FIELDS, limit=80)
            cr.rollback()
        if run:
            samples.append((probe.seconds, probe.queries))
    log("search_read overdue page (%d rows): %s", len(rows),
        ", ".join("%.1f ms/%dq" % (s * 1000, q) for s, q in samples))
    return samples, len(rows)


def measure_create(odoo, registry, uid, context, category_id, channel_id, runs):
    samples = []
    for run in range(runs + 1):  # the first one warms the caches
        with registry.cursor() as cr:
            env = new_env(odoo, cr, uid, context)
            with Probe(cr) as probe:
                env["pengaduan.complaint"].create({
                    "name": "KTP-el belum jadi setelah 6 minggu",
                    "description": "<p>Sudah tiga kali datang ke loket, blangko selalu habis.</p>",
                    "reporter_name": "Budi Santoso",
                    "reporter_phone": "081234567890",
                    "reporter_email": "budi.santoso@mail.example",
                    "channel_id": channel_id,
                    "category_id": category_id,
                })
                cr.flush()  # pending writes and pre-commit hooks (tracking), as a commit would
            cr.rollback()
        if run:
            samples.append((probe.seconds, probe.queries))
    log("create as officer: %s", ", ".join("%.1f ms/%dq" % (s * 1000, q) for s, q in samples))
    return samples


# ---------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------
def fmt_ms(seconds):
    return "%.1f ms" % (seconds * 1000) if seconds < 1 else "%.2f s" % seconds


def verdict(ok):
    return "pass" if ok else "**FAIL**"


def build_report(info, dataset, populate_seconds, populated_now, results, label):
    lines = []
    title = "## pengaduan benchmark" + (f" ({label})" if label else "")
    lines += [title, ""]
    lines.append(f"- Machine: {info['nproc']} CPU ({info['cpu']}), "
                 f"load average at start {info['load']}, at end {info['load_end']}")
    lines.append(f"- Addon: pengaduan at commit {info['code']}")
    lines.append(f"- Odoo {info['odoo']}, PostgreSQL {info['postgres']}, Python {info['python']}")
    lines.append(f"- Date: {info['date']}")
    lines.append(f"- Data: {dataset}")
    lines.append("")
    lines.append("| Measure | Figure | Target | Pass/fail |")
    lines.append("|---|---|---|---|")
    if populate_seconds is not None:
        how = "this run" if populated_now else "earlier run"
        lines.append(f"| Populate {TOTAL:,} complaints through the ORM ({how}) | "
                     f"{populate_seconds:.0f} s ({TOTAL / populate_seconds:.0f} complaints/s) | - | info |")
    catch_up = results["catch_up"]
    if catch_up:
        secs = sum(s for s, _q, _e in catch_up)
        escalated = sum(e for _s, _q, e in catch_up)
        lines.append(f"| SLA cron catch-up until quiescent ({len(catch_up)} run(s)) | "
                     f"{fmt_ms(secs)}, {sum(q for _s, q, _e in catch_up)} queries, "
                     f"{escalated} escalated | - | info |")
    noop = results["cron_noop"]
    t = statistics.median(s for s, _q in noop)
    lines.append(f"| a. SLA cron `_cron_check_sla()`, nothing to do (median of {len(noop)}) | "
                 f"{fmt_ms(t)}, {statistics.median(q for _s, q in noop):.0f} queries "
                 f"(max {fmt_ms(max(s for s, _q in noop))}) | < 1 s | "
                 f"{verdict(t < TARGETS['cron_noop'])} |")
    c1000 = results["cron_1000"]
    check = ("verified: %d/%d escalated, %d notes, %d activities, %d digest e-mail(s)" % (
        c1000["prepared_escalated"], NEWLY_OVERDUE, c1000["messages"], c1000["activities"], c1000["mails"])
        if c1000["verified"] else
        "**mismatch**: %d escalated, %d of the %d prepared, %d notes, %d activities, %d e-mails" % (
            c1000["escalated"], c1000["prepared_escalated"], NEWLY_OVERDUE, c1000["messages"],
            c1000["activities"], c1000["mails"]))
    lines.append(f"| b. SLA cron with {NEWLY_OVERDUE:,} newly overdue (note, activity, digest) | "
                 f"{fmt_ms(c1000['seconds'])}, {c1000['queries']} queries; {check} | < 10 s | "
                 f"{verdict(c1000['seconds'] < TARGETS['cron_1000'] and c1000['verified'])} |")
    lst, nrows = results["list"]
    t = statistics.median(s for s, _q in lst)
    lines.append(f"| c. `search_read` overdue, first page ({nrows} rows, 11 list fields) as officer, "
                 f"warm (median of {len(lst)}) | {fmt_ms(t)}, "
                 f"{statistics.median(q for _s, q in lst):.0f} queries | < 100 ms | "
                 f"{verdict(t < TARGETS['list'])} |")
    cre = results["create"]
    q = statistics.median(q for _s, q in cre)
    lines.append(f"| d. `create` of 1 complaint (category, channel) as officer, with tracking "
                 f"(median of {len(cre)}) | {q:.0f} queries, {fmt_ms(statistics.median(s for s, _q in cre))} "
                 f"(queries min {min(q for _s, q in cre)} max {max(q for _s, q in cre)}) | <= 40 queries | "
                 f"{verdict(q <= TARGETS['create_queries'])} |")
    lines.append("")
    return "\n".join(lines)


def dataset_summary(registry):
    with registry.cursor() as cr:
        cr.execute("""
            SELECT count(*),
                   count(*) FILTER (WHERE state IN ('new', 'verified', 'in_progress')),
                   count(*) FILTER (WHERE sla_state = 'overdue'),
                   min(date_received)::date, max(date_received)::date
              FROM pengaduan_complaint
        """)
        total, open_, overdue, first, last = cr.fetchone()
    return (f"{total:,} complaints, {open_:,} open, {overdue:,} with SLA status overdue, "
            f"received {first} .. {last}")


def main():
    global TOTAL, OPEN  # noqa: PLW0603
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default="pengaduan_bench")
    parser.add_argument("--addons-path", default=str(HERE.parent.parent / "addons"))
    parser.add_argument("--runs", type=int, default=5, help="timed repetitions of a, c and d")
    parser.add_argument("--label", default="", help="label of the run in the report")
    parser.add_argument("--append", action="store_true", help="append to RESULTS.md instead of replacing it")
    parser.add_argument("--no-results-file", action="store_true", help="do not write RESULTS.md")
    parser.add_argument("--log-level", default="warn")
    parser.add_argument("--total", type=int, default=TOTAL, help=argparse.SUPPRESS)  # smoke runs only
    parser.add_argument("--open", type=int, default=OPEN, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not NEWLY_OVERDUE <= args.open <= args.total:
        parser.error(f"need {NEWLY_OVERDUE} <= open <= total")
    TOTAL, OPEN = args.total, args.open

    odoo, registry = load_odoo(args.db, args.addons_path, args.log_level)
    threading.current_thread().dbname = args.db

    with registry.cursor() as cr:
        env = new_env(odoo, cr, odoo.SUPERUSER_ID)
        master = ensure_master_data(env)
        populated_now = populate(env, master)
        populate_seconds = populated_now
        if populate_seconds is None:
            value = env["ir.config_parameter"].sudo().get_param(POPULATE_PARAM)
            populate_seconds = float(value) if value else None
        # keep ids only: the cursor closes here
        officer_uid = master["officer"].id
        category_id = master["categories"]["KTP"].id
        channel_id = master["channels"]["channel_walkin"].id

    info = machine_info(odoo, registry, args.addons_path)
    log("measuring (load average %s)", info["load"])
    officer_ctx = user_context(odoo, registry, officer_uid)
    results = {}
    results["catch_up"], results["cron_noop"] = measure_cron_noop(odoo, registry, args.runs)
    results["cron_1000"] = measure_cron_1000(odoo, registry)
    results["list"] = measure_list(odoo, registry, officer_uid, officer_ctx, args.runs)
    results["create"] = measure_create(odoo, registry, officer_uid, officer_ctx, category_id, channel_id,
                                       args.runs)
    info["load_end"] = "%.2f %.2f %.2f" % os.getloadavg()

    report = build_report(info, dataset_summary(registry), populate_seconds, populated_now is not None,
                          results, args.label)
    print(report)
    if not args.no_results_file:
        header = "# pengaduan benchmark results\n\nGenerated by `tests/benchmarks/run`.\n\n"
        if args.append and RESULTS_FILE.exists():
            RESULTS_FILE.write_text(RESULTS_FILE.read_text().rstrip("\n") + "\n\n" + report)
        else:
            RESULTS_FILE.write_text(header + report)
    ok = (statistics.median(s for s, _q in results["cron_noop"]) < TARGETS["cron_noop"]
          and results["cron_1000"]["seconds"] < TARGETS["cron_1000"] and results["cron_1000"]["verified"]
          and statistics.median(s for s, _q in results["list"][0]) < TARGETS["list"]
          and statistics.median(q for _s, q in results["create"]) <= TARGETS["create_queries"])
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
