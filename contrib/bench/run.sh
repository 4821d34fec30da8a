#!/usr/bin/env bash
# Whole-process benchmark of check_webim_db over HTTP on loopback, side by
# side with the minimal Go program doing the same GET and, where installed,
# monitoring-plugins' check_curl. Run from the repository root: make bench.
set -euo pipefail
N=${BENCH_RUNS:-300}
work=$(mktemp -d)
trap 'kill "${sim_pid:-}" 2>/dev/null || true; rm -rf "$work"' EXIT
export CGO_ENABLED=0
ldflags="-s -w -X github.com/ccmon/webim-checks/lib/plugin.Version=bench"
go build -trimpath -ldflags "$ldflags" -o "$work/check_webim_db" ./checks/check_webim_db
go build -trimpath -ldflags "-s -w" -o "$work/minimal" ./contrib/bench/minimal
go build -trimpath -ldflags "-s -w" -o "$work/measure" ./contrib/bench/measure
go build -trimpath -ldflags "-s -w" -o "$work/simulator" ./contrib/simulator

"$work/simulator" --fixtures testdata --listen 127.0.0.1:0 --ready-file "$work/addr" 2>/dev/null &
sim_pid=$!
for _ in $(seq 50); do [ -s "$work/addr" ] && break; sleep 0.1; done
addr=$(head -n1 "$work/addr")
export WEBIM_USER=monitor WEBIM_PASSWORD=webim-secret

curl_plugin=""
for p in /usr/lib/nagios/plugins/check_curl /usr/lib/monitoring-plugins/check_curl; do
  [ -x "$p" ] && curl_plugin=$p && break
done
if [ -z "$curl_plugin" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "installing monitoring-plugins-standard for check_curl..."
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq monitoring-plugins-standard >/dev/null 2>&1 ||
    { apt-get update -qq >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq monitoring-plugins-standard >/dev/null 2>&1; } || true
  [ -x /usr/lib/nagios/plugins/check_curl ] && curl_plugin=/usr/lib/nagios/plugins/check_curl
fi

subjects=(
  "minimal_go=$work/minimal http://$addr/l/a/monitor/connect-to-db"
  "check_webim_db=$work/check_webim_db -H http://$addr"
)
if [ -n "$curl_plugin" ]; then
  subjects+=("check_curl=$curl_plugin -H 127.0.0.1 -p ${addr##*:} -u /l/a/monitor/connect-to-db -a monitor:webim-secret")
else
  echo "check_curl not installed (apt-get install monitoring-plugins-standard); comparing without it"
fi
echo "== HTTP, one GET to loopback, $N runs each =="
"$work/measure" -n "$N" -- "${subjects[@]}"
