package testutil

import (
	"fmt"
	"strconv"
)

// ManyAccountsFixture is the committed answer of accounts-stat with 500
// accounts, ManyAccounts(500).
const ManyAccountsFixture = "webim/accounts-stat/many.json"

// ManyAccounts returns an answer of /l/a/monitor/accounts-stat (seed 000)
// listing n accounts of a healthy hosted installation, one row a line: a
// TOTAL row (not_belongs_to_tornado_instance an integer) and account rows
// (the same field a boolean), with counters that vary from account to
// account but cross no default threshold. The same n gives the same bytes.
func ManyAccounts(n int) []byte {
	rows := make([]accountRow, n)
	var t accountRow
	for i := range rows {
		r := &rows[i]
		r[sessions], r[online], r[chats], r[queue], r[backlog] = (i*37)%50, 1+i%5, (i*7)%11, i%3, (i*13)%5
		r[working] = r[online] - i%2
		for k := range t {
			t[k] += r[k]
		}
	}
	b := make([]byte, 0, 640*(n+1))
	b = append(b, "[\n"...)
	b = appendAccountRow(b, "TOTAL", "", t, "0")
	for i, r := range rows {
		name := fmt.Sprintf("acc%04d", i+1)
		b = append(b, ",\n"...)
		b = appendAccountRow(b, name, name+".webim.ru", r, "false")
	}
	return append(b, "\n]\n"...)
}

// The counters of a generated row of accounts-stat, by index in an
// accountRow.
const (
	sessions = iota
	online
	working
	chats
	queue
	backlog
	counters
)

// accountRow holds the counters of one generated row (TOTAL: their sums).
type accountRow [counters]int

// appendAccountRow appends one row of accounts-stat, its fields in the
// order of seed 000's example.
func appendAccountRow(b []byte, name, domain string, r accountRow, notBelongs string) []byte {
	b = append(b, `{"name": "`+name+`", `...)
	if domain != "" {
		b = append(b, `"domain": "`+domain+`", `...)
	}
	i := func(k int) string { return strconv.Itoa(r[k]) }
	b = append(b, `"sessions_cnt": `+i(sessions)+`, "visible_sessions_cnt": `+i(sessions)+`, "alive_sessions_cnt": `+i(sessions)+
		`, "pages_cnt": `+i(sessions)+`, "alive_pages_cnt": 0, "online_operators_cnt": `+i(online)+`, "working_operators_cnt": `+i(working)+
		`, "chats_cnt": `+i(chats)+`, "offline_chats_cnt": 0, "in_queue_cnt": `+i(queue)+`, "failed_to_store_objects_cnt": 0`+
		`, "collected_to_store_objects_cnt": `+i(backlog)+`, "being_stored_now_objects_cnt": 0, "being_stored_now_processed_objects_cnt": 0`+
		`, "failed_to_store_objects_cnt_1": 0, "collected_to_store_objects_cnt_1": 0, "being_stored_now_objects_cnt_1": 0`+
		`, "being_stored_now_processed_objects_cnt_1": 0, "not_belongs_to_tornado_instance": `+notBelongs...)
	if domain != "" {
		b = append(b, `, "ignore_not_belongs_to_tornado_instance": false`...)
	}
	return append(b, '}')
}
