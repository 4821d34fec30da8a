#!/usr/bin/env bash
# Whole-process benchmark of verified HTTPS: one GET to a loopback HTTPS
# server whose CA (made for the run) is installed into the machine's trust
# store for the run, compared side by side in one run:
#   floor           the minimal Go program trusting only the one CA it needs
#   check_webim_db  the check, verifying against the system roots
#   go_system_pool  the minimal Go program with Go's default system pool
#   check_curl      monitoring-plugins' check_curl -S -D (system bundle)
# Targets: check_webim_db within 1.25x of the floor, and at least 4x faster
# than check_curl. Run from the repository root (make bench runs it after
# the HTTP part): bash contrib/bench/https/run.sh
# BENCH_RUNS sets the runs per command (default 300).
set -euo pipefail
N=${BENCH_RUNS:-300}
[ -f go.mod ] && [ -d contrib/bench/https ] || { echo "run from the repository root" >&2; exit 2; }

anchors=/usr/local/share/ca-certificates
ca_name=webim-checks-bench-$$.crt
echo "== verified HTTPS, one GET to loopback, $N runs each =="
if [ "$(id -u)" != 0 ] || ! command -v update-ca-certificates >/dev/null || [ ! -d "$anchors" ] || [ ! -w "$anchors" ]; then
  echo "SKIPPED: the HTTPS benchmark installs a CA into the system trust store for the run"
  echo "         ($anchors + update-ca-certificates), which needs root on a Debian-like system."
  exit 0
fi

work=$(mktemp -d)
installed=""
cleanup() {
  [ -n "${srv_pid:-}" ] && kill "$srv_pid" 2>/dev/null || true
  if [ -n "$installed" ]; then
    rm -f "$anchors/$ca_name"
    # update-ca-certificates drops the CA from the bundle but leaves its
    # links in /etc/ssl/certs (NAME.pem and the hash link): remove those.
    if [ -d /etc/ssl/certs ]; then
      find /etc/ssl/certs -maxdepth 1 -type l \( -lname "$anchors/$ca_name" -o -lname "${ca_name%.crt}.pem" \) -delete
    fi
    update-ca-certificates >/dev/null 2>&1 || echo "WARNING: update-ca-certificates failed while removing the bench CA" >&2
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

export CGO_ENABLED=0
build() { go build -trimpath -ldflags "$1" -o "$work/$2" "$3"; }
build "-s -w -X github.com/ccmon/webim-checks/lib/plugin.Version=bench" check_webim_db ./checks/check_webim_db
build "-s -w" minimal ./contrib/bench/https/minimal
build "-s -w" server ./contrib/bench/https/server
measure=""
if [ -d contrib/bench/measure ]; then
  build "-s -w" measure ./contrib/bench/measure
  measure=$work/measure
fi

curl_plugin=""
for p in /usr/lib/nagios/plugins/check_curl /usr/lib/monitoring-plugins/check_curl; do
  [ -x "$p" ] && curl_plugin=$p && break
done
if [ -z "$curl_plugin" ] && command -v apt-get >/dev/null; then
  echo "installing monitoring-plugins-standard for check_curl..."
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends monitoring-plugins-standard >/dev/null 2>&1 ||
    { apt-get update -qq >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends monitoring-plugins-standard >/dev/null 2>&1; } || true
  [ -x /usr/lib/nagios/plugins/check_curl ] && curl_plugin=/usr/lib/nagios/plugins/check_curl
fi
if [ -z "$measure" ] && ! command -v hyperfine >/dev/null && command -v apt-get >/dev/null; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hyperfine >/dev/null 2>&1 || true
fi

"$work/server" --ca-out "$work/ca.crt" --ready-file "$work/addr" 2>"$work/server.log" &
srv_pid=$!
for _ in $(seq 100); do [ -s "$work/addr" ] && break; sleep 0.05; done
[ -s "$work/addr" ] || { echo "the HTTPS server did not start:" >&2; cat "$work/server.log" >&2; exit 1; }
addr=$(head -n1 "$work/addr")
port=${addr##*:}
url="https://$addr/l/a/monitor/connect-to-db"
export WEBIM_USER=monitor WEBIM_PASSWORD=webim-secret

installed=yes
cp "$work/ca.crt" "$anchors/$ca_name"
update-ca-certificates >/dev/null 2>&1

# Each must pass before it is timed: a failing command would be fast for
# the wrong reason.
names=(floor check_webim_db go_system_pool)
cmds=(
  "$work/minimal -ca $work/ca.crt $url"
  "$work/check_webim_db -H https://$addr"
  "$work/minimal $url"
)
if [ -n "$curl_plugin" ]; then
  names+=(check_curl)
  cmds+=("$curl_plugin -H 127.0.0.1 -p $port -S -D -u /l/a/monitor/connect-to-db -a monitor:webim-secret")
else
  echo "check_curl not installed (apt-get install monitoring-plugins-standard); comparing without it"
fi
for i in "${!cmds[@]}"; do
  if ! out=$(${cmds[$i]} 2>&1); then
    echo "${names[$i]} does not pass against the bench server:" >&2
    echo "$out" >&2
    exit 1
  fi
done

table=$work/table
if [ -n "$measure" ]; then
  args=()
  for i in "${!cmds[@]}"; do args+=("${names[$i]}=${cmds[$i]}"); done
  "$measure" -n "$N" -- "${args[@]}" | tee "$table"
else
  hargs=()
  for i in "${!cmds[@]}"; do hargs+=(-n "${names[$i]}" "${cmds[$i]}"); done
  hyperfine -N --warmup 10 --runs "$N" --export-json "$work/h.json" "${hargs[@]}" >/dev/null
  # hyperfine gives the median wall time and the mean CPU time; no RSS.
  python3 - "$work/h.json" >"$table" <<'EOF'
import json, sys
rs = json.load(open(sys.argv[1]))["results"]
print("%-24s %10s %10s   (hyperfine: CPU is the mean user+system)" % ("command", "wall(med)", "cpu(mean)"))
for r in rs:
    print("%-24s %8.2fms %8.2fms" % (r["command"], r["median"] * 1e3, (r["user"] + r["system"]) * 1e3))
EOF
  cat "$table"
fi

# Columns: command, wall median, CPU median (mean with hyperfine), ...
col() { awk -v n="$1" -v c="$2" '$1 == n { v = $c; sub(/ms$/, "", v); print v }' "$table"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
verdict() { awk -v r="$1" -v lim="$2" -v op="$3" 'BEGIN { ok = (op == "le") ? (r <= lim) : (r >= lim); print ok ? "met" : "NOT met" }'; }
w_floor=$(col floor 2) c_floor=$(col floor 3)
w_check=$(col check_webim_db 2) c_check=$(col check_webim_db 3)
r=$(ratio "$w_check" "$w_floor")
echo "check_webim_db / floor:       wall $r x, cpu $(ratio "$c_check" "$c_floor") x  (target wall <= 1.25 x: $(verdict "$r" 1.25 le))"
if [ -n "$curl_plugin" ]; then
  w_curl=$(col check_curl 2) c_curl=$(col check_curl 3)
  r=$(ratio "$w_curl" "$w_check")
  echo "check_curl / check_webim_db:  wall $r x, cpu $(ratio "$c_curl" "$c_check") x  (target wall >= 4 x: $(verdict "$r" 4 ge))"
fi
w_sys=$(col go_system_pool 2)
echo "go_system_pool / check_webim_db: wall $(ratio "$w_sys" "$w_check") x (what parsing the whole store costs)"
