"""On-demand soak benchmark (issue 13): the public form at a steady rate for ten minutes, staff
reading lists meanwhile, on an Odoo server with 2 workers.

Run it through ``tests/benchmarks/run_soak``, which creates the database (``pengaduan`` without
demo data) if needed and starts this script with Odoo's own Python.

- The server: ``odoo --workers=2 --max-cron-threads=0`` on loopback, the form's rate limit
  lifted (every submission comes from 127.0.0.1).
- Citizens, open loop: a submission starts every ``1 / --rate`` seconds whatever the previous
  ones do (a queue of late ones shows as latency, not as a slower rate); a submission is a GET
  of ``/pengaduan`` (a new visitor: a new session and its CSRF token) and the POST, which must
  answer with a tracking number.
- Staff: ``--staff`` officers each read the first page of the complaint list
  (``web_search_read``, 80 rows, the list's fields) and the kanban's counters (``web_read_group``
  by state) once a second over JSON-RPC.
- Memory: the resident set size (``VmRSS``) of each worker, sampled every 30 s; start = after
  the first minute (warm-up), end = the last sample.
"""

import argparse
import concurrent.futures
import json
import os
import re
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

from benchlib import free_port, load_odoo, log, machine_info, submit_form, wait_health  # noqa: E402

HERE = Path(__file__).resolve().parent
RESULTS_FILE = HERE / "RESULTS_SOAK.md"
CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')
NUMBER_RE = re.compile(r"ADU-\d{4}-\d{6}")
STAFF_LOGIN = "soak.petugas"
STAFF_PASSWORD = "Soak-Petugas-2026!"  # noqa: S105 - a benchmark database's user
LIST_FIELDS = ["number", "name", "reporter_name", "channel_id", "category_id", "department_id", "user_id",
               "state", "sla_state", "sla_deadline", "date_received"]


def prepare(odoo, registry):
    """The staff user and the form's rate limit lifted; idempotent."""
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        env["ir.config_parameter"].set_param("pengaduan.form_rate_limit", "1000000000")
        user = env["res.users"].with_context(active_test=False).search([("login", "=", STAFF_LOGIN)])
        if not user:
            user = env["res.users"].create({
                "name": "Petugas Soak", "login": STAFF_LOGIN, "password": STAFF_PASSWORD, "lang": "en_US",
                "group_ids": [(4, env.ref("pengaduan.group_officer").id)],
            })
        return user.id


def jsonrpc(base, db, uid, model, method, args, kwargs):
    payload = {"jsonrpc": "2.0", "method": "call", "id": 1, "params": {
        "service": "object", "method": "execute_kw",
        "args": [db, uid, STAFF_PASSWORD, model, method, args, kwargs]}}
    request = urllib.request.Request(f"{base}/jsonrpc", data=json.dumps(payload).encode(),
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=120) as response:  # noqa: S310 - loopback
        answer = json.load(response)
    if "error" in answer:
        raise RuntimeError(answer["error"].get("data", {}).get("message") or answer["error"])
    return answer["result"]


def staff_loop(base, db, uid, stop, latencies, errors):
    while not stop.is_set():
        t0 = time.perf_counter()
        try:
            jsonrpc(base, db, uid, "pengaduan.complaint", "web_search_read", [[]],
                    {"specification": {name: {} for name in LIST_FIELDS}, "limit": 80, "order": "id desc"})
            jsonrpc(base, db, uid, "pengaduan.complaint", "web_read_group", [[], ["state"]],
                    {"aggregates": ["__count"]})
            latencies.append(time.perf_counter() - t0)
        except Exception as error:  # noqa: BLE001 - counted and reported
            errors.append(repr(error))
        stop.wait(max(0.0, 1.0 - (time.perf_counter() - t0)))


def worker_rss(server_pid):
    """{pid: RSS in MiB} of the server's worker processes (its children)."""
    result = {}
    for child in Path(f"/proc/{server_pid}/task/{server_pid}/children").read_text().split():
        try:
            status = Path(f"/proc/{child}/status").read_text()
            cmdline = Path(f"/proc/{child}/cmdline").read_bytes()
        except OSError:
            continue
        if b"\x00gevent\x00" in cmdline:  # the websocket worker (odoo gevent ...), not an HTTP one
            continue
        rss = re.search(r"VmRSS:\s+(\d+) kB", status)
        if rss:
            result[int(child)] = int(rss.group(1)) / 1024
    return result


def cpu_seconds():
    """CPU seconds used so far (user + system) by: the Odoo server (its workers, and the ones it
    has reaped), PostgreSQL (every process of the ``postgres`` user), this load generator, and
    the whole machine (``/proc/stat``, all CPUs)."""
    tick = os.sysconf("SC_CLK_TCK")

    def of(pid, with_reaped=False):
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return 0
        # fields[11:13]: utime, stime; fields[13:15]: of the children it has waited for
        return sum(int(value) for value in fields[11:15 if with_reaped else 13])

    def children(pid):
        try:
            return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
        except OSError:
            return []

    postgres_uid = None
    try:
        import pwd  # noqa: PLC0415 - Unix only, like the rest of this script

        postgres_uid = pwd.getpwnam("postgres").pw_uid
    except (ImportError, KeyError):
        pass
    postgres = 0
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and postgres_uid is not None:
            try:
                if entry.stat().st_uid == postgres_uid:
                    postgres += of(entry.name)
            except OSError:
                continue
    busy = [int(value) for value in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    times = os.times()

    def odoo(server_pid):
        return (of(server_pid, with_reaped=True) + sum(of(child) for child in children(server_pid))) / tick

    return {"odoo": odoo, "postgres": postgres / tick, "generator": times.user + times.system,
            # user, nice, system, irq, softirq, steal: not idle nor iowait
            "machine": (sum(busy[:3]) + sum(busy[5:8])) / tick}


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default="pengaduan_bench_soak")
    parser.add_argument("--addons-path", default=str(HERE.parent.parent / "addons"))
    parser.add_argument("--seconds", type=int, default=600)
    parser.add_argument("--rate", type=float, default=20.0, help="submissions started per second")
    parser.add_argument("--staff", type=int, default=2)
    parser.add_argument("--no-results-file", action="store_true")
    args = parser.parse_args()

    odoo, registry = load_odoo(args.db, args.addons_path, "warn")
    uid = prepare(odoo, registry)
    info = machine_info(odoo, registry, args.addons_path)
    port = free_port()
    server = subprocess.Popen([
        "odoo", "-d", args.db, f"--db-filter=^{re.escape(args.db)}$", f"--addons-path={args.addons_path}",
        "--workers=2", "--max-cron-threads=0", f"--http-port={port}", f"--gevent-port={free_port()}",
        "--http-interface=127.0.0.1", "--log-level=warn", "--limit-time-real=600",
    ], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    results, staff_latencies, staff_errors, rss_samples = [], [], [], []
    try:
        wait_health(base)
        for index in range(6):  # warm-up: assets, templates, each worker
            submit_form(base, -1 - index)
        log("server up on %s (workers %s); %s s at %s submissions/s, %s staff", base, sorted(worker_rss(server.pid)),
            args.seconds, args.rate, args.staff)
        stop = threading.Event()
        staff = [threading.Thread(target=staff_loop, args=(base, args.db, uid, stop, staff_latencies, staff_errors))
                 for _ in range(args.staff)]
        for thread in staff:
            thread.start()
        interval = 1.0 / args.rate
        total = int(args.seconds * args.rate)
        cpu0 = cpu_seconds()
        cpu0["odoo"] = cpu0["odoo"](server.pid)
        t0 = time.perf_counter()
        next_sample = 0.0
        with concurrent.futures.ThreadPoolExecutor(max_workers=64) as pool:
            futures = []
            for index in range(total):
                start = t0 + index * interval
                while True:
                    now = time.perf_counter()
                    if now - t0 >= next_sample:
                        rss_samples.append((now - t0, worker_rss(server.pid)))
                        next_sample += 30.0
                    if now >= start:
                        break
                    time.sleep(min(start - now, 0.01))
                futures.append((now - t0, pool.submit(submit_form, base, index, 120)))
            for started, future in futures:
                seconds, error = future.result()
                results.append((started, seconds, error))
        wall = time.perf_counter() - t0
        rss_samples.append((wall, worker_rss(server.pid)))
        stop.set()
        for thread in staff:
            thread.join(timeout=120)
        cpu1 = cpu_seconds()
        cpu1["odoo"] = cpu1["odoo"](server.pid)
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=60)

    latencies = [seconds for _started, seconds, error in results if seconds is not None and error is None]
    errors = [error for _started, _seconds, error in results if error]
    warm = [sample for sample in rss_samples if sample[0] >= 60] or rss_samples
    start_rss, end_rss = warm[0][1], warm[-1][1]
    p95 = percentile(latencies, 0.95) if latencies else float("nan")
    lines = [
        "# Soak benchmark (public form, staff lists)", "",
        "Generated by `tests/benchmarks/run_soak`.", "",
        f"- Machine: {info['nproc']} CPU ({info['cpu']}), load average at start {info['load']}",
        (f"- Addon: pengaduan at commit {info['code']}; Odoo {info['odoo']}, PostgreSQL {info['postgres']}, "
         f"Python {info['python']}"),
        (f"- Date: {info['date']}; database `{args.db}`; server `--workers=2`; {args.seconds} s; "
         f"{args.rate:g} submissions started per second (open loop; a submission = GET of the form in a new "
         f"session + POST); {args.staff} officers reading the list (80 rows) and the state counters once a second"),
        "",
        "| Measure | Figure | Target | Pass/fail |",
        "|---|---|---|---|",
        (f"| Submissions | {len(results):,} in {wall:.0f} s ({len(results) / wall:.1f}/s), "
         f"{len(errors)} errors | 0 errors | {'pass' if not errors else '**FAIL**'} |"),
        (f"| POST latency: median, p95, p99, max | {statistics.median(latencies) * 1000:.0f}, {p95 * 1000:.0f}, "
         f"{percentile(latencies, 0.99) * 1000:.0f}, {max(latencies) * 1000:.0f} ms | p95 < 300 ms | "
         f"{'pass' if p95 < 0.300 else '**FAIL**'} |"),
        (f"| Staff reads (list + counters): count, median, p95 | {len(staff_latencies):,}, "
         f"{statistics.median(staff_latencies) * 1000:.0f} ms, {percentile(staff_latencies, 0.95) * 1000:.0f} ms; "
         f"{len(staff_errors)} errors | 0 errors | {'pass' if not staff_errors else '**FAIL**'} |"),
        ("| CPU per submission (staff reads included): Odoo, PostgreSQL, load generator; machine busy | "
         + ", ".join(f"{(cpu1[key] - cpu0[key]) / max(1, len(results)) * 1000:.0f}"
                     for key in ("odoo", "postgres", "generator"))
         + f" ms; {(cpu1['machine'] - cpu0['machine']) / wall / (os.cpu_count() or 1) * 100:.0f} % of "
         f"{os.cpu_count()} CPUs | - | info |"),
        ("| Workers' RSS after warm-up (1 min) → end | " + "; ".join(
            f"{start_rss[pid]:.0f} → {end_rss.get(pid, float('nan')):.0f} MiB" for pid in sorted(start_rss))
         + " | flat | info |"),
        "",
        "RSS of the workers every 30 s (seconds: MiB per worker):", "",
        "```",
        *(f"{at:6.0f}: " + ", ".join(f"{rss:.0f}" for _pid, rss in sorted(sample.items()))
          for at, sample in rss_samples),
        "```",
    ]
    per_minute = {}
    for started, seconds, error in results:
        per_minute.setdefault(int(started // 60), []).append((seconds, error))
    lines += ["", "POST p95 per minute (ms): " + ", ".join(
        f"{minute}: {percentile([s for s, e in rows if s is not None and not e] or [0], 0.95) * 1000:.0f}"
        for minute, rows in sorted(per_minute.items()))]
    if errors:
        lines += ["", "First errors:", "", *(f"- {error}" for error in errors[:10])]
    report = "\n".join(lines) + "\n"
    print(report)
    if not args.no_results_file:
        RESULTS_FILE.write_text(report)
    return 0 if not errors and not staff_errors and p95 < 0.300 else 1


if __name__ == "__main__":
    sys.exit(main())
