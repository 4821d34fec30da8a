# timer-stats -> one plugin line (see README.md)
(.last_min // error("no last_min")) as $l
| ([$l[] | select(.count > 0 or (.execution_times | length) > 0)] | length) as $ran
| ([$l[] | (.execution_times | max) // 0] | max // 0) as $max
| (.failed | length) as $failed
| ($l | length) as $n
| (if $ran == 0 then "CRITICAL - no timer ran in the last minute"
   elif $max > 5 then "CRITICAL - a task took \($max)s"
   elif $max > 1 or $failed > 0 then "WARNING - a task took \($max)s, \($failed) failed"
   else "OK - \($n) timers, slowest \($max)s, \($failed) failed" end)
  + " | max_time=\($max)s;1;5;0 failed=\($failed);0;;0 timers=\($n);;;0"
