"""Small helpers of ``bin/test`` (kept out of the shell script):

    testlib.py free-port                 print a free TCP port on loopback
    testlib.py wait-health URL PID       wait until URL answers 200 (exit 1 if PID dies or after 180 s)
    testlib.py junit-counts FILE         print "tests failures errors skipped" of a JUnit XML report
"""

import os
import socket
import sys
import time
import urllib.request
import xml.etree.ElementTree as ET


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        print(sock.getsockname()[1])
    return 0


def wait_health(url, pid, timeout=180):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.kill(int(pid), 0)
        except OSError:
            print("server process died", file=sys.stderr)
            return 1
        try:
            with urllib.request.urlopen(url, timeout=5) as resp:
                if resp.status == 200:
                    return 0
        except OSError:
            pass
        time.sleep(1)
    print("timed out waiting for " + url, file=sys.stderr)
    return 1


def junit_counts(path):
    root = ET.parse(path).getroot()
    suites = [root] if root.tag == "testsuite" else root.findall("testsuite")
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for suite in suites:
        for key in totals:
            totals[key] += int(suite.get(key, 0))
    print(totals["tests"], totals["failures"], totals["errors"], totals["skipped"])
    return 0


COMMANDS = {"free-port": free_port, "wait-health": wait_health, "junit-counts": junit_counts}

if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in COMMANDS:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(COMMANDS[sys.argv[1]](*sys.argv[2:]))
