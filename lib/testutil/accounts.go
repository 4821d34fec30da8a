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
	type row struct{ sessions, online, working, chats, queue, backlog int }
	rows := make([]row, n)
	var t row
	for i := range rows {
		r := row{sessions: (i * 37) % 50, online: 1 + i%5, chats: (i * 7) % 11, queue: i % 3, backlog: (i * 13) % 5}
		r.working = r.online - i%2
		rows[i] = r
		t.sessions += r.sessions
		t.online += r.online
		t.working += r.working
		t.chats += r.chats
		t.queue += r.queue
		t.backlog += r.backlog
	}
	b := make([]byte, 0, 640*(n+1))
	b = append(b, "[\n"...)
	b = appendAccountRow(b, "TOTAL", "", t.sessions, t.online, t.working, t.chats, t.queue, t.backlog, "0")
	for i, r := range rows {
		name := fmt.Sprintf("acc%04d", i+1)
		b = append(b, ",\n"...)
		b = appendAccountRow(b, name, name+".webim.ru", r.sessions, r.online, r.working, r.chats, r.queue, r.backlog, "false")
	}
	return append(b, "\n]\n"...)
}

// appendAccountRow appends one row of accounts-stat, its fields in the
// order of seed 000's example.
func appendAccountRow(b []byte, name, domain string, sessions, online, working, chats, queue, backlog int, notBelongs string) []byte {
	b = append(b, `{"name": "`+name+`", `...)
	if domain != "" {
		b = append(b, `"domain": "`+domain+`", `...)
	}
	i := strconv.Itoa
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
