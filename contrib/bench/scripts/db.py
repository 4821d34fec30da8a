#!/usr/bin/env python3
"""check connect-to-db with the standard library (see README.md)"""
import ast, base64, os, sys, urllib.request

req = urllib.request.Request(sys.argv[1] + "/l/a/monitor/connect-to-db")
tok = base64.b64encode(("%s:%s" % (os.environ["WEBIM_USER"], os.environ["WEBIM_PASSWORD"])).encode()).decode()
req.add_header("Authorization", "Basic " + tok)
try:
    st = ast.literal_eval(urllib.request.urlopen(req, timeout=10).read().decode())
except Exception as e:
    print("UNKNOWN - %s" % e)
    sys.exit(3)
if st.get("result") != "ok":
    print("CRITICAL - %s" % st); sys.exit(2)
print("OK - databases ok")
