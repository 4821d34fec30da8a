#!/usr/bin/env python3
"""check accounts-stat with the standard library (see README.md)"""
import base64, json, os, sys, urllib.request

req = urllib.request.Request(sys.argv[1] + "/l/a/monitor/accounts-stat")
tok = base64.b64encode(("%s:%s" % (os.environ["WEBIM_USER"], os.environ["WEBIM_PASSWORD"])).encode()).decode()
req.add_header("Authorization", "Basic " + tok)
try:
    rows = json.load(urllib.request.urlopen(req, timeout=10))
except Exception as e:
    print("UNKNOWN - %s" % e)
    sys.exit(3)
total, accounts = {}, []
for r in rows:
    if r.get("name") == "TOTAL" and not r.get("domain"):
        total = r
    else:
        accounts.append(r)
failed = [a["name"] for a in accounts if int(a.get("failed_to_store_objects_cnt", 0)) + int(a.get("failed_to_store_objects_cnt_1", 0)) > 0]
wrong = [a["name"] for a in accounts if int(a.get("not_belongs_to_tornado_instance", 0)) > 0 and int(a.get("ignore_not_belongs_to_tornado_instance", 0)) <= 0]
fs = int(total.get("failed_to_store_objects_cnt", 0)) + int(total.get("failed_to_store_objects_cnt_1", 0))
perf = " | accounts=%d;;;0 in_queue=%d;;;0 failed_store=%d;0;;0" % (len(accounts), int(total.get("in_queue_cnt", 0)), fs)
if failed or wrong:
    print("WARNING - %d accounts failed to store objects, %d reached the wrong instance" % (len(failed), len(wrong)) + perf)
    sys.exit(1)
print("OK - %d accounts" % len(accounts) + perf)
