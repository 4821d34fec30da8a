#!/usr/bin/env python3
"""check timer-stats with the standard library (see README.md)"""
import base64, json, os, sys, urllib.request

req = urllib.request.Request(sys.argv[1] + "/l/a/monitor/timer-stats")
tok = base64.b64encode(("%s:%s" % (os.environ["WEBIM_USER"], os.environ["WEBIM_PASSWORD"])).encode()).decode()
req.add_header("Authorization", "Basic " + tok)
try:
    st = json.load(urllib.request.urlopen(req, timeout=10))
    last = st["last_min"]
except Exception as e:
    print("UNKNOWN - %s" % e)
    sys.exit(3)
ran = sum(1 for t in last.values() if t["count"] > 0 or t["execution_times"])
mx = max((max(t["execution_times"], default=0) for t in last.values()), default=0)
failed = len(st.get("failed") or [])
perf = " | max_time=%gs;1;5;0 failed=%d;0;;0 timers=%d;;;0" % (mx, failed, len(last))
if ran == 0:
    print("CRITICAL - no timer ran in the last minute" + perf); sys.exit(2)
if mx > 5:
    print("CRITICAL - a task took %gs" % mx + perf); sys.exit(2)
if mx > 1 or failed > 0:
    print("WARNING - a task took %gs, %d failed" % (mx, failed) + perf); sys.exit(1)
print("OK - %d timers, slowest %gs, %d failed" % (len(last), mx, failed) + perf)
