#!/usr/bin/env bash
# Instructions per start-up stage of one run of a check, by callgrind:
#   stages.sh BINARY ARGS...
# BINARY must keep its symbols (built without -s -w). callgrind dumps its
# counts each time a stage's first function is entered; a dump belongs to
# the stage that was running (the first entry of each boundary function
# opens its stage: goroutine switches and stack growth re-enter functions,
# which callgrind also reports, and those stay in the open stage).
#   start      process start to main.main (runtime and package init)
#   runtime    main.main to the option parser (signals, the worker goroutine)
#   flags      building the go-flags parser, parsing, validating
#   client     the HTTP client (webim.New: login, transport, retry policy)
#   request    the GET, the answer's decoding and the judgement
#   render     rendering, writing the output, exit
# GODEBUG=asyncpreemptoff=1 keeps Go's preemption signals away from
# callgrind, which cannot follow them.
set -euo pipefail
command -v valgrind >/dev/null || { echo "valgrind not installed (apt-get install valgrind): no stage counts"; exit 0; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
M=github.com/ccmon/webim-checks/lib
bounds=(main.main "$M/plugin.newParser" "$M/webim.New" "$M/webim.(*Client).get" "$M/plugin.Runner.render")
names=(start runtime flags client request render)
args=()
for b in "${bounds[@]}"; do args+=("--dump-before=$b"); done
GODEBUG=asyncpreemptoff=1 valgrind --tool=callgrind --callgrind-out-file="$out/cg" "${args[@]}" "$@" >/dev/null 2>"$out/log" ||
  { rc=$?; [ "$rc" -le 3 ] || { cat "$out/log" >&2; exit 1; }; }
# dumps in order: cg.1 .. cg.N, then cg (the rest, at exit)
files=$(ls "$out" | grep -E '^cg\.[0-9]+$' | sort -t. -k2 -n | sed "s|^|$out/|")
awk -v bounds="${bounds[*]}" -v names="${names[*]}" '
  BEGIN { nb = split(bounds, B, " "); split(names, N, " "); stage = 1 }
  FNR == 1 && NR > 1 { flush() }
  /^desc: Trigger: --dump-before=/ { trig = substr($0, index($0, "=") + 1) }
  /^totals:/ { tot = $2 }
  END { flush(); total = 0; for (i = 1; i <= nb + 1; i++) total += S[i]
        printf "%-8s %12s %6s\n", "stage", "instructions", "share"
        for (i = 1; i <= nb + 1; i++) printf "%-8s %12d %5.1f%%\n", N[i], S[i], 100 * S[i] / total
        printf "%-8s %12d\n", "total", total }
  function flush(   i) {
    S[stage] += tot
    # the dump ends where its trigger is entered: the first entry of the
    # next boundary opens the next stage
    if (trig != "") for (i = stage; i <= nb; i++) if (B[i] == trig && i >= stage) { stage = i + 1; break }
    trig = ""; tot = 0
  }
' $files "$out/cg"
