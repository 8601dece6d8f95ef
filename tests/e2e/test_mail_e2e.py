"""An MTA delivers mail to the running server through Odoo's mailgate script (XML-RPC)."""

import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlparse


def _mailgate_script():
    """odoo-mailgate.py of the Odoo that runs the tests, found next to the odoo package."""
    import odoo  # noqa: PLC0415 - only importable with Odoo's Python

    relative = Path("mail") / "static" / "scripts" / "odoo-mailgate.py"
    for root in map(Path, odoo.__path__):
        for addons in (root / "addons", root.parent / "addons"):  # packaged, or source checkout
            if (addons / relative).is_file():
                return addons / relative
    raise AssertionError(f"odoo-mailgate.py not found near {list(odoo.__path__)}")


def test_mailgate_delivers_a_new_complaint(url, db, rpc):
    company = rpc.execute("res.users", "read", [rpc.uid], fields=["company_id"])[0]["company_id"][0]
    domains = rpc.execute("mail.alias.domain", "search_read", [("name", "=", "mta-e2e.example")], fields=["id"])
    domain_id = domains[0]["id"] if domains else rpc.execute("mail.alias.domain", "create",
                                                             {"name": "mta-e2e.example"})
    rpc.execute("res.company", "write", [company], {"alias_domain_id": domain_id})
    [company_data] = rpc.execute("res.company", "read", [company], fields=["pengaduan_alias_id"])
    [alias] = rpc.execute("mail.alias", "read", [company_data["pengaduan_alias_id"][0]], fields=["alias_name"])
    subject = f"Antrean e2e {uuid.uuid4().hex[:8]}"
    raw = (f"From: Warga MTA <warga.mta@example.com>\nTo: {alias['alias_name']}@mta-e2e.example\n"
           f"Subject: {subject}\nMessage-ID: <{uuid.uuid4()}@example.com>\n"
           "Content-Type: text/plain; charset=utf-8\n\nAntrean terlalu panjang.\n").encode()
    parsed = urlparse(url)
    result = subprocess.run(
        [sys.executable, str(_mailgate_script()), "-d", db, "-u", str(rpc.uid), "-p", rpc.password,
         "--host", parsed.hostname, "--port", str(parsed.port or 80)],
        input=raw, capture_output=True, timeout=120, check=False,
    )
    assert result.returncode == 0, result.stderr.decode()
    for _attempt in range(20):
        found = rpc.execute("pengaduan.complaint", "search_read", [("name", "=", subject)],
                            fields=["number", "reporter_email", "channel_id"])
        if found:
            break
        time.sleep(0.5)
    assert len(found) == 1
    assert found[0]["number"].startswith("ADU-")
    assert found[0]["reporter_email"] == "warga.mta@example.com"
    # the acknowledgement: e-mailed by the scheduled action (every minute)
    rpc.run_cron("pengaduan.ir_cron_pengaduan_send_acknowledgements")
    acknowledgements = rpc.execute("mail.mail", "search_count", [("subject", "like", found[0]["number"])])
    assert acknowledgements == 1
