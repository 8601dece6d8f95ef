"""On-demand benchmark of the public statistics page ``/pengaduan/statistik`` (issue 12).

Run it through ``tests/benchmarks/run_statistik``, which creates the database (``pengaduan``
without demo data) if needed and starts this script with Odoo's own Python. Directly::

    <odoo python> tests/benchmarks/bench_statistik.py --db hs_bench_stat --addons-path <repo>/addons

Steps:

1. Master data (idempotent): the office (the main company, the website's) with eight
   categories and their service standards, the shipped channels, and a second office with
   categories of its own.
2. Populate in bulk SQL (``INSERT ... SELECT generate_series``, 100,000 rows a statement), in
   two stages: 100,000 complaints of the office (+ 2 % for the second office), measured, then
   up to 1,000,000 (+ 20,000), measured again. Received over the last three years (growing,
   weekdays and office hours preferred), channels and categories with the shares of
   ``bench_core.py``, the open share falling with age, resolutions lognormal around half the
   standard (about 85 % within it), states closed / answered / rejected 72 / 18 / 10, then
   ``CLUSTER`` on the reception date (the order in which a real table fills) and
   ``VACUUM ANALYZE``. At the first stage, the resolution outcome of every resolved complaint
   is recomputed by the migration script (``migrations/19.0.1.2.0/post-migrate.py``) and timed.
3. Measure at each stage (wall time ``time.perf_counter``, SQL queries ``cr.sql_log_count``):
   a. the scheduled action that computes every past month of this and last year
      (``pengaduan.statistics.month._cron_refresh``), after emptying the kept months (the
      bulk SQL went around the ORM, which would have forgotten them);
   b. ``pengaduan.complaint._public_statistics(company)`` with the process cache cleared:
      with no month kept (the first request after an upgrade), with the past months kept
      (every request once the cache time is over), with last month forgotten (a change of one
      of its complaints: two full months computed), each median of ``--runs``, and warm;
   c. the whole HTTP GET of ``/pengaduan/statistik`` on a server this script starts
      (``--port``, threaded, ``--workers=0``): cold (cache time 0) and warm, the query count
      read from the server's request log line;
   d. ``EXPLAIN (ANALYZE, BUFFERS)`` of the read of the kept months and of the two grouped
      queries of the current month and of last month, and of the latter once without the
      statistics indexes (dropped in a transaction rolled back).
4. Print a Markdown report and write it to ``RESULTS_STATISTIK.md`` next to this file.
"""

import argparse
import os
import re
import statistics
import subprocess
import sys
import textwrap
import threading
import time
import urllib.request
from datetime import date
from pathlib import Path

from benchlib import Probe, load_odoo, log, machine_info, wait_health  # noqa: E402

HERE = Path(__file__).resolve().parent
RESULTS_FILE = HERE / "RESULTS_STATISTIK.md"
STAGES = (100_000, 1_000_000)
OTHER_SHARE = 0.02  # rows of the second office, per row of the office
CHUNK = 100_000
SEED = 0.20261207
TARGET_PAGE = 0.200  # seconds
CACHE_PARAM = "pengaduan.statistics_cache_seconds"

# (code, name, sla_value, sla_unit, share of complaints)
CATEGORIES = [
    ("KTP", "KTP-el", 5, "working_days", 24),
    ("KK", "Kartu Keluarga", 3, "working_days", 16),
    ("AKTA", "Akta Kelahiran dan Kematian", 7, "working_days", 14),
    ("ONLINE", "Layanan Online dan Aplikasi", 8, "hours", 12),
    ("ANTRE", "Antrean dan Sikap Petugas", 240, "minutes", 8),
    ("PUNGLI", "Pungutan Liar", 2, "working_days", 3),
    ("DATA", "Perbaikan Data dan NIK Ganda", 14, "days", 9),
    ("INFO", "Permintaan Informasi", 10, "days", 6),
]
NO_CATEGORY_SHARE = 8
OTHER_CATEGORIES = [
    ("IZIN", "Perizinan Berusaha (bench)", 10, "working_days", 70),
    ("OSS", "Sistem OSS (bench)", 3, "working_days", 30),
]
CHANNEL_SHARES = {
    "channel_whatsapp": 24, "channel_web": 18, "channel_walkin": 14, "channel_lapor": 10,
    "channel_phone": 7, "channel_email": 6, "channel_instagram": 4, "channel_facebook": 3,
    "channel_x_twitter": 2, "channel_letter": 3, "channel_sms": 1, "channel_call_center": 3,
    "channel_complaint_box": 1, "channel_fax": 0.2,
}
FIRST_NAMES = ["Budi", "Siti", "Ahmad", "Nur", "Dwi", "Eko", "Putri", "Rizki", "Wahyu", "Ayu"]
LAST_NAMES = ["Santoso", "Rahmawati", "Hidayat", "Saputra", "Wulandari", "Nugroho", "Susanti", "Lubis"]


# ---------------------------------------------------------------------------
# Odoo bootstrap
# ---------------------------------------------------------------------------
def new_env(odoo, cr, uid=None, context=None):
    return odoo.api.Environment(cr, uid or odoo.SUPERUSER_ID, dict(context or {}))


# ---------------------------------------------------------------------------
# Master data
# ---------------------------------------------------------------------------
def _categories(env, company, specs):
    Category = env["pengaduan.category"].with_context(active_test=False)
    found = {}
    for code, name, value, unit, _share in specs:
        category = Category.search([("code", "=", code), ("company_id", "=", company.id)], limit=1)
        if not category:
            category = Category.create({"code": code, "name": name, "sla_value": value, "sla_unit": unit,
                                        "company_id": company.id})
        found[code] = category
    return found


def ensure_master_data(env):
    company = env.ref("base.main_company")
    if company.name in ("My Company", "YourCompany"):
        company.name = "Dinas Kependudukan dan Pencatatan Sipil (bench)"
    other = env["res.company"].search([("name", "=", "Dinas Penanaman Modal (bench)")], limit=1)
    if not other:
        other = env["res.company"].create({"name": "Dinas Penanaman Modal (bench)"})
    categories = _categories(env, company, CATEGORIES)
    other_categories = _categories(env, other, OTHER_CATEGORIES)
    channels = {key: env.ref(f"pengaduan.{key}").id for key in CHANNEL_SHARES}
    env.cr.commit()
    # ids only: the cursor closes
    return {"company": company.id, "other": other.id,
            "categories": {code: category.id for code, category in categories.items()},
            "other_categories": {code: category.id for code, category in other_categories.items()},
            "channels": channels}


# ---------------------------------------------------------------------------
# Populate (bulk SQL)
# ---------------------------------------------------------------------------
def _cumulative(shares):
    total = sum(shares)
    bounds, running = [0.0], 0.0
    for share in shares:
        running += share
        bounds.append(running / total)
    bounds[-1] = 1.0000001  # width_bucket: the last bucket is open at the top
    return bounds


def _standard_working_days(value, unit, hours_per_day=7.0):
    """A standard as working days, for drawing resolutions around it."""
    return {"working_days": value, "hours": value / hours_per_day, "minutes": value / 60 / hours_per_day,
            "days": value * 5 / 7}[unit]


def category_arrays(categories, specs, no_category_share):
    ids, standards, shares = [], [], []
    for code, _name, value, unit, share in specs:
        ids.append(categories[code])
        standards.append(_standard_working_days(value, unit))
        shares.append(share)
    if no_category_share:
        ids.append(None)
        standards.append(5.0)  # the company default: 5 working days
        shares.append(no_category_share)
    return ids, standards, _cumulative(shares)


INSERT_SQL = """
INSERT INTO pengaduan_complaint (
    number, name, description, reporter_name, reporter_email, reporter_phone, anonymity,
    channel_id, category_id, company_id, date_received, month_received, state, sla_state, escalation_level,
    response_deadline, resolution_deadline, sla_deadline, sla_risk_date, first_response_date,
    resolved_date, date_closed, resolved_within_standard, resolution_working_days,
    pause_work_hours, pause_calendar_hours, rating_last_value, acknowledgement_due,
    create_uid, write_uid, create_date, write_date)
SELECT 'BENCH-' || %(company)s || '-' || lpad(i::text, 7, '0'),
       'Pengaduan layanan nomor ' || i,
       '<p>Saya mengadukan layanan dinas. Sudah beberapa kali datang ke kantor tetapi belum ada kejelasan ('
         || i || ').</p>',
       CASE WHEN anonymity = 'none' THEN reporter END,
       CASE WHEN anonymity = 'none' AND r_email < 0.5
            THEN lower(replace(reporter, ' ', '.')) || i || '@mail.example' END,
       CASE WHEN anonymity = 'none' THEN '08' || (1000000000 + (r_email * 8999999999)::bigint) END,
       anonymity, channel_id, category_id, %(company)s, received,
       date_trunc('month', received AT TIME ZONE 'UTC' AT TIME ZONE 'Asia/Jakarta')::date, state,
       CASE WHEN resolved IS NOT NULL THEN CASE WHEN work_days <= standard THEN 'met' ELSE 'failed' END
            WHEN deadline <= %(now)s THEN 'overdue' ELSE 'on_track' END,
       CASE WHEN resolved IS NULL AND deadline <= %(now)s THEN 2 ELSE 0 END,
       received + interval '2 days', deadline, deadline, deadline - (deadline - received) * 0.25,
       CASE WHEN state <> 'new' THEN least(received + interval '3 hours', %(now)s) END,
       resolved,
       CASE WHEN state = 'closed' THEN closed END,
       CASE WHEN resolved IS NOT NULL THEN work_days <= standard END,
       CASE WHEN resolved IS NOT NULL THEN round(work_days::numeric, 1)::float8 ELSE 0 END,
       0, 0, 0, false, 1, 1, received, coalesce(closed, resolved, received)
  FROM (
    SELECT *,
           -- a working day is about 1.4 calendar days (weekends); closed 1 to 10 days after the answer
           CASE WHEN resolvable THEN date_trunc('second', received + interval '1 day' * work_days * 1.4)
                END AS resolved,
           CASE WHEN resolvable
                THEN date_trunc('second', received + interval '1 day' * (work_days * 1.4 + 1 + r_state * 9))
                END AS closed,
           CASE WHEN NOT resolvable
                THEN (ARRAY['new', 'verified', 'in_progress', 'in_progress'])[1 + floor(r_state * 4)::int]
                WHEN r_state < 0.10 THEN 'rejected'
                WHEN r_state < 0.28
                     OR received + interval '1 day' * (work_days * 1.4 + 1 + r_state * 9) > %(now)s THEN 'answered'
                ELSE 'closed' END AS state
      FROM (
        SELECT *,
               NOT is_open AND received + interval '1 day' * work_days * 1.4 <= %(now)s AS resolvable,
               date_trunc('second', received + interval '1 day' * standard * 1.4) AS deadline
          FROM (
            SELECT i, r_state, r_email,
                   (%(channels)s::int[])[width_bucket(r_channel, %(channel_bounds)s::float8[])] AS channel_id,
                   (%(categories)s::int[])[width_bucket(r_category, %(category_bounds)s::float8[])] AS category_id,
                   (%(standards)s::float8[])[width_bucket(r_category, %(category_bounds)s::float8[])] AS standard,
                   -- around half the standard, lognormal: about 85 %% within it
                   (%(standards)s::float8[])[width_bucket(r_category, %(category_bounds)s::float8[])]
                     * exp(-0.73 + 0.7 * sqrt(-2 * ln(r_dur1)) * cos(2 * pi() * r_dur2)) AS work_days,
                   received,
                   r_open < 0.02 + 0.75 * exp(-extract(epoch FROM %(now)s - received) / 86400 / 8) AS is_open,
                   CASE WHEN r_anon < 0.85 THEN 'none' WHEN r_anon < 0.95 THEN 'anonim' ELSE 'rahasia' END AS anonymity,
                   (%(first_names)s::text[])[1 + floor(r_name * 10)::int] || ' '
                     || (%(last_names)s::text[])[1 + floor(r_name * 80)::int %% 8] AS reporter
              FROM (
                SELECT *,
                       -- the day: more recent days weigh more (growth); 70 %% of those falling on a
                       -- weekend moved to a weekday of that week; the time: office hours
                       -- (08:00-16:00 WIB = 01:00-09:00 UTC) for 70 %%, any time for the others
                       date_trunc('second', day
                         - CASE WHEN extract(isodow FROM day) >= 6 AND r_time < 0.7
                                THEN interval '1 day' * (extract(isodow FROM day) - 1 - floor(r_day * 5))
                                ELSE interval '0' END
                         + CASE WHEN r_time < 0.7 THEN interval '1 hour' + interval '8 hours' * (r_time / 0.7)
                                ELSE interval '24 hours' * ((r_time - 0.7) / 0.3) END) AS received
                  FROM (
                SELECT *, date_trunc('day', %(now)s - interval '1 day' * %(days)s * (1 - power(r_date, 0.8))) AS day
                  FROM (
                    SELECT i, random() AS r_date, random() AS r_time, random() AS r_day, random() AS r_channel,
                           random() AS r_category, random() AS r_open, random() AS r_state,
                           1 - random() AS r_dur1, random() AS r_dur2, random() AS r_anon,
                           random() AS r_name, random() AS r_email
                      FROM generate_series(%(first)s, %(last)s) AS i
                  ) AS draws
                  ) AS days
              ) AS dated
             WHERE received < %(now)s
          ) AS drawn
      ) AS timed
  ) AS final
"""


def populate(registry, master, targets, now, stage, specs=None):
    """Top up each office to its target count, 100,000 rows a statement; return the seconds.
    ``specs`` maps an office to its ``category_arrays``; by default the two offices of
    ``ensure_master_data``."""
    seconds = 0.0
    channel_keys = list(CHANNEL_SHARES)
    channels = [master["channels"][key] for key in channel_keys]
    channel_bounds = _cumulative([CHANNEL_SHARES[key] for key in channel_keys])
    specs = specs or {
        master["company"]: category_arrays(master["categories"], CATEGORIES, NO_CATEGORY_SHARE),
        master["other"]: category_arrays(master["other_categories"], OTHER_CATEGORIES, 0),
    }
    for company_id, target in targets.items():
        categories, standards, category_bounds = specs[company_id]
        with registry.cursor() as cr:
            cr.execute("SELECT coalesce(max(substring(number FROM '[0-9]+$')::int), 0), count(*) "
                       "FROM pengaduan_complaint WHERE company_id = %s AND number LIKE 'BENCH-%%'", [company_id])
            last, count = cr.fetchone()
            cr.execute("SELECT setseed(%s)", [SEED + stage / 10 + company_id / 1000])
            while count < target:
                first = last + 1
                batch_last = last + min(CHUNK, target - count)
                t0 = time.perf_counter()
                cr.execute(INSERT_SQL, {
                    "company": company_id, "now": now, "days": 3 * 365,
                    "first": first, "last": batch_last,
                    "channels": channels, "channel_bounds": channel_bounds,
                    "categories": categories, "standards": standards, "category_bounds": category_bounds,
                    "first_names": FIRST_NAMES, "last_names": LAST_NAMES,
                })
                inserted = cr.rowcount
                cr.commit()
                seconds += time.perf_counter() - t0
                count += inserted
                last = batch_last
                log("  company %s: %s / %s complaints (%.1f s)", company_id, f"{count:,}", f"{target:,}",
                    time.perf_counter() - t0)
    vacuum_analyze(registry)
    return seconds


def vacuum_analyze(registry, cluster=True):
    """CLUSTER on the reception date (the order in which a real table fills), VACUUM (the
    visibility map: index-only scans) and ANALYZE, outside a transaction."""
    import psycopg2  # noqa: PLC0415

    from odoo.sql_db import connection_info_for  # noqa: PLC0415

    _name, info = connection_info_for(registry.db_name)
    t0 = time.perf_counter()
    conn = psycopg2.connect(**info)
    try:
        conn.autocommit = True
        with conn.cursor() as cur:
            if cluster:
                cur.execute("CLUSTER pengaduan_complaint USING pengaduan_complaint_statistics_received_idx")
            cur.execute("VACUUM ANALYZE pengaduan_complaint")
    finally:
        conn.close()
    log("%sVACUUM ANALYZE: %.1f s", "CLUSTER, " if cluster else "", time.perf_counter() - t0)


def backfill(registry, odoo):
    """The migration's batch recomputation of the outcome of every resolved complaint."""
    import importlib.util  # noqa: PLC0415

    path = Path(odoo.modules.module.get_module_path("pengaduan")) / "migrations/19.0.1.2.0/post-migrate.py"
    spec = importlib.util.spec_from_file_location("pengaduan_post_migrate_1_2_0", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    with registry.cursor() as cr:
        cr.execute("SELECT count(*) FROM pengaduan_complaint WHERE resolved_date IS NOT NULL")
        rows = cr.fetchone()[0]
        cr.execute("UPDATE pengaduan_complaint SET resolution_working_days = NULL WHERE resolved_date IS NOT NULL")
        q0, t0 = cr.sql_log_count, time.perf_counter()
        module.migrate(cr, "19.0.1.1.0")
        cr.commit()
        seconds, queries = time.perf_counter() - t0, cr.sql_log_count - q0
        cr.execute("SELECT count(*) FROM pengaduan_complaint WHERE resolved_date IS NOT NULL "
                   "AND resolution_working_days IS NULL")
        left = cr.fetchone()[0]
    log("backfill of %s resolved complaints: %.1f s, %s queries, %s left", rows, seconds, queries, left)
    return {"rows": rows, "seconds": seconds, "queries": queries, "left": left}


# ---------------------------------------------------------------------------
# Measures
# ---------------------------------------------------------------------------
def _statistics_module(odoo):
    from odoo.addons.pengaduan.models import pengaduan_complaint_statistics  # noqa: PLC0415

    return pengaduan_complaint_statistics


def _previous_month(current):
    return date(current.year - (current.month == 1), (current.month - 2) % 12 + 1, 1)


def refresh_kept_months(odoo, registry):
    """Empty the kept months (the bulk SQL populate goes around the ORM, which forgets them)
    and run the scheduled action that computes every past month again: its time."""
    with registry.cursor() as cr:
        cr.execute("DELETE FROM pengaduan_statistics_month")
        env = new_env(odoo, cr)
        with Probe(cr) as probe:
            env["pengaduan.statistics.month"]._cron_refresh()
        cr.execute("SELECT count(*), pg_size_pretty(sum(pg_column_size(figures))) FROM pengaduan_statistics_month")
        rows, size = cr.fetchone()
    log("scheduled action: %.1f s, %s queries, %s months kept (%s of figures)", probe.seconds, probe.queries,
        rows, size)
    return {"seconds": probe.seconds, "queries": probe.queries, "rows": rows, "size": size}


def measure_compute(odoo, registry, company_id, runs):
    """``_public_statistics`` with the process cache cleared: ``first`` (no month kept: the
    first request after an upgrade), ``cold`` (the past months kept: every request after the
    cache time), ``forgotten`` (last month forgotten by a change of one of its complaints:
    two months computed, as many rows as the current month holds on its last day) and
    ``warm`` (cached). Each run in a transaction rolled back, so that the kept months stay."""
    stats = _statistics_module(odoo)
    results = {"first": [], "cold": [], "forgotten": [], "warm": []}
    figures = None
    for _run in range(runs):
        for label in ("first", "cold", "forgotten", "warm"):
            if label != "warm":
                stats.clear_statistics_cache()
            with registry.cursor() as cr:
                env = new_env(odoo, cr, context={"lang": "en_US"})
                company = env["res.company"].browse(company_id)
                company._pengaduan_tz()  # the company's record read: not the statistics' cost
                current = company._pengaduan_local_date().replace(day=1)
                if label == "first":
                    cr.execute("DELETE FROM pengaduan_statistics_month WHERE company_id = %s", [company_id])
                elif label == "forgotten":
                    cr.execute("DELETE FROM pengaduan_statistics_month WHERE company_id = %s AND month = %s",
                               [company_id, _previous_month(current)])
                with Probe(cr) as probe:
                    figures = env["pengaduan.complaint"]._public_statistics(company)
                cr.rollback()
            results[label].append((probe.seconds, probe.queries))
    for label, samples in results.items():
        log("compute %s: %s", label, ", ".join("%.2f ms/%dq" % (s * 1000, q) for s, q in samples))
    return results, figures


KEPT_QUERY = ("SELECT month, figures FROM pengaduan_statistics_month "
              "WHERE company_id = %s AND month = ANY(%s::date[]) AND tz = %s")


def explain(odoo, registry, company_id, without_indexes=False):
    """EXPLAIN (ANALYZE, BUFFERS) of what a cold request runs: the read of the kept months and
    the two grouped queries of the current month, and the grouped queries of last month (a
    full month: the current month on its last day): [(name, plan text, ms)]."""
    plans = []
    with registry.cursor() as cr:
        env = new_env(odoo, cr)
        company = env["res.company"].browse(company_id)
        Month = env["pengaduan.statistics.month"]
        current = company._pengaduan_local_date().replace(day=1)
        if without_indexes:
            cr.execute("DROP INDEX pengaduan_complaint_statistics_received_idx, "
                       "pengaduan_complaint_statistics_resolved_idx")
        queries = []
        if not without_indexes:
            past = [date(current.year - 1 + i // 12, i % 12 + 1, 1) for i in range(24)]
            queries.append(("kept months", odoo.tools.SQL(
                KEPT_QUERY, company_id, [m for m in past if m < current], company._pengaduan_tz())))
        queries += [(f"{name}, current month", query) for name, query in Month._statistics_queries(company, [current])]
        queries += [(f"{name}, last month (full)", query)
                    for name, query in Month._statistics_queries(company, [_previous_month(current)])]
        for name, query in queries:
            cr.execute(odoo.tools.SQL("EXPLAIN (ANALYZE, BUFFERS) %s", query))
            text = "\n".join(row[0] for row in cr.fetchall())
            match = re.search(r"Execution Time: ([0-9.]+) ms", text)
            plans.append((name, text, float(match.group(1)) if match else None))
        cr.rollback()
    return plans


def query_texts(odoo, registry, company_id):
    with registry.cursor() as cr:
        env = new_env(odoo, cr)
        company = env["res.company"].browse(company_id)
        current = company._pengaduan_local_date().replace(day=1)
        return [(name, cr.mogrify(query.code, query.params).decode())
                for name, query in env["pengaduan.statistics.month"]._statistics_queries(company, [current])]


def set_cache_seconds(odoo, registry, value):
    """Set the cache time of the figures, and tell the running server (registry signalling:
    the parameter is read from Odoo's cache, which the server clears when told)."""
    with registry.cursor() as cr:
        new_env(odoo, cr)["ir.config_parameter"].set_param(CACHE_PARAM, str(value))
    registry.signal_changes()


REQUEST_RE = re.compile(r'"GET /pengaduan/statistik HTTP/1\.[01]" (\d+) - (\d+) ([0-9.]+) ([0-9.]+)')


def measure_http(db, addons_path, port, odoo, registry, runs):
    """GET /pengaduan/statistik on a server started here: cold (cache time 0) and warm."""
    log_path = Path(f"/tmp/bench_statistik_{db}_{port}.log")
    log_path.unlink(missing_ok=True)
    server = subprocess.Popen([
        "odoo", "-d", db, f"--db-filter=^{re.escape(db)}$", f"--addons-path={addons_path}", "--workers=0",
        "--max-cron-threads=0", f"--http-port={port}", "--http-interface=127.0.0.1", "--log-level=info",
        f"--logfile={log_path}",
    ], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    url = f"{base}/pengaduan/statistik"

    def get():
        t0 = time.perf_counter()
        with urllib.request.urlopen(url, timeout=120) as response:
            body = response.read()
            status = response.status
        return time.perf_counter() - t0, status, body

    def server_lines():
        text = log_path.read_text() if log_path.exists() else ""
        return [(int(q), float(qt), float(rt)) for _s, q, qt, rt in REQUEST_RE.findall(text)]

    try:
        wait_health(base)
        results = {}
        for label, cache_seconds in (("cold", 0), ("warm", 300)):
            set_cache_seconds(odoo, registry, cache_seconds)
            for _ in range(3):  # warm-up: registry signalling, templates, the cache when warm
                get()
            before = len(server_lines())
            samples = []
            for _ in range(runs):
                seconds, status, body = get()
                if status != 200:
                    raise RuntimeError(f"GET {url}: HTTP {status}")
                samples.append(seconds)
            time.sleep(0.3)
            lines = server_lines()[before:]
            results[label] = {"seconds": samples, "server": lines, "bytes": len(body)}
            log("HTTP %s: %s; server queries %s", label, ", ".join("%.1f ms" % (s * 1000) for s in samples),
                [q for q, _qt, _rt in lines])
        return results
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=60)
        set_cache_seconds(odoo, registry, 300)


# ---------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------
def dataset(registry, company_id, other_id):
    with registry.cursor() as cr:
        cr.execute("""
            SELECT count(*) FILTER (WHERE company_id = %(company)s),
                   count(*) FILTER (WHERE company_id = %(other)s),
                   count(*) FILTER (WHERE company_id = %(company)s AND resolved_date IS NOT NULL),
                   count(*) FILTER (WHERE company_id = %(company)s AND resolved_within_standard),
                   count(*) FILTER (WHERE company_id = %(company)s AND state IN ('new', 'verified', 'in_progress')),
                   min(date_received)::date, max(date_received)::date,
                   pg_size_pretty(pg_total_relation_size('pengaduan_complaint')),
                   pg_size_pretty(pg_relation_size('pengaduan_complaint_statistics_received_idx')),
                   pg_size_pretty(pg_relation_size('pengaduan_complaint_statistics_resolved_idx'))
              FROM pengaduan_complaint
        """, {"company": company_id, "other": other_id})
        (total, other, resolved, within, open_, first, last, size, received_idx, resolved_idx) = cr.fetchone()
        cr.execute("SELECT state, count(*) FROM pengaduan_complaint WHERE company_id = %s GROUP BY state "
                   "ORDER BY count(*) DESC", [company_id])
        states = ", ".join(f"{state} {count:,}" for state, count in cr.fetchall())
    return {"total": total, "other": other, "resolved": resolved, "within": within, "open": open_,
            "first": first, "last": last, "size": size, "received_idx": received_idx,
            "resolved_idx": resolved_idx, "states": states}


def ms(seconds):
    return "%.1f ms" % (seconds * 1000)


def stage_report(stage, data, measured, refreshed, http, plans, plans_without, populate_seconds, backfilled):
    compute, figures = measured
    lines = [f"### {data['total']:,} complaints", ""]
    lines.append(f"- Office: {data['total']:,} complaints ({data['resolved']:,} resolved, "
                 f"{data['within']:,} of them within the standard, {data['open']:,} open; {data['states']}), "
                 f"received {data['first']} .. {data['last']}; second office: {data['other']:,}")
    lines.append(f"- Table with its indexes: {data['size']}; statistics indexes: received "
                 f"{data['received_idx']}, resolved {data['resolved_idx']}")
    if populate_seconds is not None:
        lines.append(f"- Bulk SQL populate of this stage: {populate_seconds:.1f} s")
    this_year = figures["years"][0]
    lines.append(f"- Page figures for {this_year['year']}: {this_year['total']['received']:,} received, "
                 f"{this_year['total']['completed']:,} completed, {this_year['total']['within_pct']} % within "
                 f"the standard, median {this_year['total']['median_days']} working days")
    lines.append("")
    lines.append("| Measure | Figure | Target | Pass/fail |")
    lines.append("|---|---|---|---|")
    labels = {
        "first": "no month kept (the first request after an upgrade)",
        "cold": "the past months kept (every request once the cache time is over)",
        "forgotten": "last month forgotten by a change (two months computed: the current month's last day)",
        "warm": "cached",
    }
    for label, what in labels.items():
        samples = compute[label]
        median = statistics.median(s for s, _q in samples)
        verdict = "info" if label == "first" else ("pass" if median < TARGET_PAGE else "**FAIL**")
        lines.append(f"| `_public_statistics`, {what}; median of {len(samples)} | {median * 1000:.2f} ms, "
                     f"{statistics.median(q for _s, q in samples):.0f} queries (min {ms(min(s for s, _q in samples))}, "
                     f"max {ms(max(s for s, _q in samples))}) | {'-' if label == 'first' else '< 200 ms'} "
                     f"| {verdict} |")
    lines.append(f"| Scheduled action computing every past month of this and last year, both offices | "
                 f"{refreshed['seconds']:.1f} s, {refreshed['queries']} queries; {refreshed['rows']} months kept, "
                 f"{refreshed['size']} of figures | - | info |")
    for label in ("cold", "warm"):
        samples = http[label]["seconds"]
        page_t = statistics.median(samples)
        server = http[label]["server"]
        queries = statistics.median(q for q, _qt, _rt in server) if server else float("nan")
        sql_ms = statistics.median(qt for _q, qt, _rt in server) * 1000 if server else float("nan")
        what = "cache time 0: figures computed on every request" if label == "cold" else "figures cached"
        lines.append(f"| HTTP GET `/pengaduan/statistik`, {label} ({what}), median of {len(samples)} | "
                     f"{ms(page_t)} (max {ms(max(samples))}), {queries:.0f} queries, {sql_ms:.1f} ms in SQL, "
                     f"{http[label]['bytes'] / 1024:.0f} KiB | < 200 ms | "
                     f"{'pass' if page_t < TARGET_PAGE else '**FAIL**'} |")
    without = {name: exec_ms for name, _text, exec_ms in plans_without}
    for name, _text, exec_ms in plans:
        other = f" (without the statistics indexes: {without[name]:.1f} ms)" if name in without else ""
        lines.append(f"| EXPLAIN ANALYZE, {name} | {exec_ms:.2f} ms{other} | - | info |")
    if backfilled:
        lines.append(f"| Migration backfill (post-migrate 19.0.1.2.0) of {backfilled['rows']:,} resolved complaints | "
                     f"{backfilled['seconds']:.1f} s ({backfilled['rows'] / backfilled['seconds']:,.0f}/s), "
                     f"{backfilled['queries']:,} queries, {backfilled['left']} left empty | - | info |")
    lines.append("")
    for name, text, _ms in plans:
        lines += [f"EXPLAIN (ANALYZE, BUFFERS), {name} query:", "", "```", text, "```", ""]
    lines += ["Without the statistics indexes (dropped in a transaction, rolled back), plan heads:", ""]
    for name, text, _ms in plans_without:
        head = "\n".join(text.splitlines()[:14])
        lines += [f"{name}:", "", "```", head, "   ...", "```", ""]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default="hs_bench_stat")
    parser.add_argument("--addons-path", default=str(HERE.parent.parent / "addons"))
    parser.add_argument("--port", type=int, default=8310, help="HTTP port of the server started for the GET")
    parser.add_argument("--runs", type=int, default=7, help="timed repetitions of each measure")
    parser.add_argument("--stages", default=",".join(str(s) for s in STAGES),
                        help="complaint counts of the office to measure at, increasing")
    parser.add_argument("--no-backfill", action="store_true", help="skip the timed migration backfill")
    parser.add_argument("--no-results-file", action="store_true")
    parser.add_argument("--log-level", default="warn")
    args = parser.parse_args()
    stages = [int(s.replace("_", "")) for s in args.stages.split(",")]

    odoo, registry = load_odoo(args.db, args.addons_path, args.log_level)
    threading.current_thread().dbname = args.db
    with registry.cursor() as cr:
        master = ensure_master_data(new_env(odoo, cr))
        cr.execute("SELECT date_trunc('second', now() AT TIME ZONE 'UTC')")
        now = cr.fetchone()[0]
    company_id, other_id = master["company"], master["other"]
    info = machine_info(odoo, registry, args.addons_path)
    log("measuring (load average %s)", info["load"])
    reports, passed = [], True
    for index, stage in enumerate(stages):
        targets = {company_id: stage, other_id: round(stage * OTHER_SHARE)}
        with registry.cursor() as cr:
            cr.execute("SELECT count(*) FROM pengaduan_complaint WHERE company_id = %s", [company_id])
            existing = cr.fetchone()[0]
        if existing > stage:
            log("stage %s skipped: the database already has %s complaints of the office (start from a fresh "
                "database to measure it)", f"{stage:,}", f"{existing:,}")
            continue
        populate_seconds = None
        if existing < stage:
            log("populating up to %s complaints", f"{stage:,}")
            populate_seconds = populate(registry, master, targets, now, index)
        backfilled = None
        if index == 0 and not args.no_backfill:
            backfilled = backfill(registry, odoo)
            vacuum_analyze(registry)
        data = dataset(registry, company_id, other_id)
        refreshed = refresh_kept_months(odoo, registry)
        compute = measure_compute(odoo, registry, company_id, args.runs)
        http = measure_http(args.db, args.addons_path, args.port, odoo, registry, args.runs)
        plans = explain(odoo, registry, company_id)
        plans_without = explain(odoo, registry, company_id, without_indexes=True)
        reports.append(stage_report(stage, data, compute, refreshed, http, plans, plans_without, populate_seconds,
                                    backfilled))
        passed = passed and statistics.median(http["warm"]["seconds"]) < TARGET_PAGE
    info["load_end"] = "%.2f %.2f %.2f" % os.getloadavg()
    header = [
        "# Public statistics benchmark (`/pengaduan/statistik`)", "",
        "Generated by `tests/benchmarks/run_statistik`.", "",
        (f"- Machine: {info['nproc']} CPU ({info['cpu']}), load average at start {info['load']}, "
         f"at end {info['load_end']}"),
        f"- Addon: pengaduan at commit {info['code']}",
        f"- Odoo {info['odoo']}, PostgreSQL {info['postgres']} ({info['pg_settings']}), Python {info['python']}",
        f"- Date: {info['date']}; database `{args.db}` (pengaduan without demo data)",
        ("- Cold: the process cache of the figures cleared (PostgreSQL's own buffers stay as they are), "
         "the past months read from `pengaduan.statistics.month` and the current month computed; first: "
         "no month kept either; HTTP cold: the cache time set to 0, so that every request computes the "
         "figures; HTTP warm: cached. The server: `odoo --workers=0` on loopback, the query count from "
         "its request log line."),
        ("- Data: inserted in bulk SQL, then clustered on the reception date (a real table fills in that "
         "order) and vacuumed (visibility map: index-only scans)."),
        "",
        ("The two grouped queries of a month not kept, here the current one (the bounds are the "
         "office-local month's start and end in UTC):"), "",
    ]
    for name, text in query_texts(odoo, registry, company_id):
        sql = textwrap.dedent(text.strip("\n")).strip()
        header += [f"{name}:", "", "```sql", "\n".join(line.rstrip() for line in sql.splitlines()), "```", ""]
    report = "\n".join(header) + "\n" + "\n".join(reports)
    print(report)
    if not args.no_results_file:
        RESULTS_FILE.write_text(report.rstrip("\n") + "\n")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
