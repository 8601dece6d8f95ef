"""Two creations at the same moment never share a tracking number (real server, real transactions)."""

import re
import threading
import xmlrpc.client

NUMBER_RE = re.compile(r"^ADU-\d{4}-\d{6}$")


def _create_many(url, db, uid, password, count, barrier, numbers, errors, tag):
    proxy = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/object", allow_none=True)
    barrier.wait()
    for index in range(count):
        try:
            complaint_id = proxy.execute_kw(db, uid, password, "pengaduan.complaint", "create", [{
                "name": f"Uji serentak {tag}-{index}", "reporter_name": "Uji", "reporter_email": "uji@example.com",
            }])
            [record] = proxy.execute_kw(db, uid, password, "pengaduan.complaint", "read", [[complaint_id]],
                                        {"fields": ["number"]})
            numbers.append(record["number"])
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(repr(error))


def test_concurrent_creations_never_share_a_number(url, db, rpc):
    threads_count, per_thread = 4, 10
    barrier = threading.Barrier(threads_count)
    numbers, errors = [], []
    threads = [
        threading.Thread(target=_create_many, args=(url, db, rpc.uid, rpc.password, per_thread, barrier,
                                                    numbers, errors, tag))
        for tag in range(threads_count)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    assert len(numbers) == threads_count * per_thread
    assert len(set(numbers)) == len(numbers), "duplicate tracking numbers"
    assert all(NUMBER_RE.match(number) for number in numbers), numbers
