#!/usr/bin/env bash
# Whole-process benchmark over HTTP on loopback, side by side in one run
# (make bench; run from the repository root):
#   this suite                     check_webim_db, _timers, _accounts
#   monitoring-plugins (C)         check_http and check_curl, the same GET
#                                  (they fetch; they cannot judge JSON)
#   the scripts users would write  curl | jq and Python 3, the same
#                                  judgement (contrib/bench/scripts)
#   multi_call                     check_webim_db through the multi-call
#                                  binary, as the packages install it
#   minimal_go                     a bare net/http GET, the Go floor
# over a healthy connect-to-db, timer-stats with 10, 10 000 and 100 000
# timers and accounts-stat with 10, 1 000 and 10 000 accounts (generated
# for the run into a temporary fixture tree), then callgrind's
# instructions per start-up stage of check_webim_db.
# BENCH_RUNS: runs per command for the small answers (default 300); the
# large answers run BENCH_RUNS/10 and BENCH_RUNS/30 times (at least 10).
# BENCH_ONLY: a regular expression of the workloads to run (e.g. timers).
set -euo pipefail
N=${BENCH_RUNS:-300}
ONLY=${BENCH_ONLY:-.}
[ -f go.mod ] && [ -d contrib/bench ] || { echo "run from the repository root" >&2; exit 2; }
work=$(mktemp -d)
trap 'kill "${sim_pid:-}" 2>/dev/null || true; rm -rf "$work"' EXIT
export CGO_ENABLED=0
ldflags="-s -w -X github.com/ccmon/webim-checks/lib/plugin.Version=bench"
go build -trimpath -ldflags "$ldflags" -o "$work/" ./checks/check_webim_db ./checks/check_webim_timers ./checks/check_webim_accounts
go build -trimpath -ldflags "-X github.com/ccmon/webim-checks/lib/plugin.Version=bench" -o "$work/check_webim_db.sym" ./checks/check_webim_db
mkdir -p "$work/multi"
go build -trimpath -ldflags "$ldflags" -o "$work/multi/webim-checks" ./checks/webim-checks
ln -s webim-checks "$work/multi/check_webim_db"
for c in minimal measure simulator gen; do
  src=./contrib/bench/$c
  [ "$c" = simulator ] && src=./contrib/simulator
  go build -trimpath -ldflags "-s -w" -o "$work/$c" "$src"
done

# the fixture tree: the repository's, plus the large answers
cp -r testdata "$work/fixtures"
"$work/gen" -out "$work/fixtures" -timers 10,10000,100000 -accounts 10,1000,10000
"$work/simulator" --fixtures "$work/fixtures" --listen 127.0.0.1:0 --ready-file "$work/addr" 2>/dev/null &
sim_pid=$!
for _ in $(seq 50); do [ -s "$work/addr" ] && break; sleep 0.1; done
addr=$(head -n1 "$work/addr")
port=${addr##*:}
export WEBIM_USER=monitor WEBIM_PASSWORD=webim-secret

plugin() { # the first of monitoring-plugins' NAME found, installing the package if root
  local p
  for p in /usr/lib/nagios/plugins/$1 /usr/lib/monitoring-plugins/$1; do
    [ -x "$p" ] && { echo "$p"; return; }
  done
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "installing monitoring-plugins-standard for $1..." >&2
    { DEBIAN_FRONTEND=noninteractive apt-get install -y -qq monitoring-plugins-standard ||
      { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq monitoring-plugins-standard; }; } >/dev/null 2>&1 || true
    [ -x "/usr/lib/nagios/plugins/$1" ] && echo "/usr/lib/nagios/plugins/$1"
  fi
}
check_http=$(plugin check_http || true)
check_curl=$(plugin check_curl || true)
[ -n "$check_http" ] || echo "check_http not installed (apt-get install monitoring-plugins-basic); comparing without it"
[ -n "$check_curl" ] || echo "check_curl not installed (apt-get install monitoring-plugins-standard); comparing without it"
have_jq=$(command -v jq || true)
# the system's Python first: a version manager's shim (pyenv) would add
# its own start-up to every run
have_py=$(ls /usr/bin/python3 2>/dev/null || command -v python3 || true)
[ -n "$have_jq" ] || echo "jq not installed: comparing without curl | jq"
[ -n "$have_py" ] || echo "python3 not installed: comparing without Python"

scripts=contrib/bench/scripts
# bench TITLE RUNS CHECK SCENARIO PATH SCRIPT [CHECK ARGS...]
bench() {
  local title=$1 runs=$2 check=$3 scenario=$4 path=$5 script=$6
  shift 6
  [[ $title =~ $ONLY ]] || return 0
  local base="http://$addr${scenario:+/$scenario}"
  local subjects=("$check=$work/$check -H $base $*")
  [ -n "$check_http" ] && subjects+=("check_http=$check_http -H 127.0.0.1 -p $port -u ${scenario:+/$scenario}$path -a monitor:webim-secret -t 30")
  [ -n "$check_curl" ] && subjects+=("check_curl=$check_curl -H 127.0.0.1 -p $port -u ${scenario:+/$scenario}$path -a monitor:webim-secret -t 30")
  [ -n "$have_jq" ] && subjects+=("curl_jq=$scripts/$script.sh $base")
  [ -n "$have_py" ] && subjects+=("python3=$have_py $scripts/$script.py $base")
  [ "$check" = check_webim_db ] && subjects+=("multi_call=$work/multi/check_webim_db -H $base" "minimal_go=$work/minimal $base$path")
  echo
  echo "== $title, $runs runs each =="
  "$work/measure" -n "$runs" -warmup 3 -- "${subjects[@]}"
}
large=$((N / 10 < 10 ? 10 : N / 10))
huge=$((N / 30 < 10 ? 10 : N / 30))
bench "connect-to-db healthy" "$N" check_webim_db "" /l/a/monitor/connect-to-db db
for n in 10 10000 100000; do
  runs=$N; [ $n -ge 10000 ] && runs=$large; [ $n -ge 100000 ] && runs=$huge
  bench "timers $n" "$runs" check_webim_timers "bench-timers-$n" /l/a/monitor/timer-stats timers --max-body 64MiB
done
for n in 10 1000 10000; do
  runs=$N; [ $n -ge 1000 ] && runs=$large
  bench "accounts $n" "$runs" check_webim_accounts "bench-accounts-$n" /l/a/monitor/accounts-stat accounts --max-body 64MiB
done

if [[ "stages" =~ $ONLY ]] || [ "$ONLY" = . ]; then
  echo
  echo "== check_webim_db stopped at each stage: page faults and CPU, $N runs each =="
  echo "(--version: start and flags; a refused port: and the client and a failed dial; then the whole run)"
  "$work/measure" -n "$N" -warmup 3 -- "full_run=$work/check_webim_db -H http://$addr" \
    "to_flags=$work/check_webim_db --version" "to_dial=$work/check_webim_db -H http://127.0.0.1:1 --retries 0"
  echo
  echo "== check_webim_db: callgrind instructions per start-up stage (one run) =="
  bash contrib/bench/stages.sh "$work/check_webim_db.sym" -H "http://$addr"
fi
