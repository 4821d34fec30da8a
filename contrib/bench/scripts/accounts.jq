# accounts-stat -> one plugin line (see README.md)
def n: if . == true then 1 elif . == false or . == null then 0 else . end;
(map(select(.name == "TOTAL" and (.domain // "") == "")) | first // {}) as $t
| map(select(.name != "TOTAL" or (.domain // "") != "")) as $a
| [$a[] | select((.failed_to_store_objects_cnt | n) + (.failed_to_store_objects_cnt_1 | n) > 0) | .name] as $failed
| [$a[] | select((.not_belongs_to_tornado_instance | n) > 0 and (.ignore_not_belongs_to_tornado_instance | n) <= 0) | .name] as $wrong
| (if ($failed | length) > 0 or ($wrong | length) > 0
   then "WARNING - \($failed | length) accounts failed to store objects, \($wrong | length) reached the wrong instance"
   else "OK - \($a | length) accounts" end)
  + " | accounts=\($a | length);;;0 in_queue=\($t.in_queue_cnt | n);;;0 failed_store=\(($t.failed_to_store_objects_cnt | n) + ($t.failed_to_store_objects_cnt_1 | n));0;;0"
