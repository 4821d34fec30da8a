package webim

import (
	"context"
	"net/http"

	"github.com/ccmon/webim-checks/lib/httpc"
	"github.com/ccmon/webim-checks/lib/plugin"
)

// AccountsStatPath is the endpoint path.
const AccountsStatPath = "/l/a/monitor/accounts-stat"

// TotalName is the name of the row of accounts-stat that aggregates the
// others (seed 000: "Имя аккаунта или TOTAL для агрегированных значений").
const TotalName = "TOTAL"

// AccountStat is one row of GET /l/a/monitor/accounts-stat (seed 000):
//
//	{"name": "wmtest107", "domain": "wmtest107.webim.ru", "sessions_cnt": 13,
//	 "online_operators_cnt": 2, "working_operators_cnt": 2, "chats_cnt": 1,
//	 "in_queue_cnt": 2, "failed_to_store_objects_cnt": 0, ...,
//	 "not_belongs_to_tornado_instance": false,
//	 "ignore_not_belongs_to_tornado_instance": false}
//
// Only the fields the checks read are decoded: a hosted installation lists
// thousands of accounts, and the rest would only cost memory.
type AccountStat struct {
	// Name is the account name, or TotalName.
	Name string `json:"name"`
	// Domain is the account's domain (absent in the TOTAL row).
	Domain string `json:"domain"`
	// Sessions is the number of chat sessions (VisitSession).
	Sessions Count `json:"sessions_cnt"`
	// OnlineOperators is the number of operators online.
	OnlineOperators Count `json:"online_operators_cnt"`
	// WorkingOperators is the number of operators working.
	WorkingOperators Count `json:"working_operators_cnt"`
	// Chats is the number of chats.
	Chats Count `json:"chats_cnt"`
	// InQueue is the number of chats waiting in the queue for an operator.
	InQueue Count `json:"in_queue_cnt"`
	// FailedToStore and FailedToStore1 count the objects that failed to be
	// written to the database, in the two storage queues.
	FailedToStore  Count `json:"failed_to_store_objects_cnt"`
	FailedToStore1 Count `json:"failed_to_store_objects_cnt_1"`
	// CollectedToStore and CollectedToStore1 count the objects waiting to
	// be written (the write-behind backlog), in the two queues.
	CollectedToStore  Count `json:"collected_to_store_objects_cnt"`
	CollectedToStore1 Count `json:"collected_to_store_objects_cnt_1"`
	// NotBelongs counts requests for the account that reached a Chat
	// Backend instance the account does not belong to: an integer in the
	// TOTAL row, a boolean in account rows (seed 000).
	NotBelongs Count `json:"not_belongs_to_tornado_instance"`
	// IgnoreNotBelongs is set when NotBelongs is to be ignored for the
	// account.
	IgnoreNotBelongs Count `json:"ignore_not_belongs_to_tornado_instance"`
}

// FailedStore is the number of objects that failed to be stored, both
// queues.
func (a *AccountStat) FailedStore() float64 {
	return float64(a.FailedToStore + a.FailedToStore1)
}

// Backlog is the number of objects waiting to be stored, both queues.
func (a *AccountStat) Backlog() float64 {
	return float64(a.CollectedToStore + a.CollectedToStore1)
}

// WrongInstance reports whether requests for the account reach the wrong
// Chat Backend instance and the account does not ignore it.
func (a *AccountStat) WrongInstance() bool {
	return a.NotBelongs > 0 && a.IgnoreNotBelongs <= 0
}

// counts lists the counters of a row with their field names, for the
// domain check.
func (a *AccountStat) counts() [11]struct {
	name string
	v    Count
} {
	type nv = struct {
		name string
		v    Count
	}
	return [11]nv{
		{"sessions_cnt", a.Sessions}, {"online_operators_cnt", a.OnlineOperators},
		{"working_operators_cnt", a.WorkingOperators}, {"chats_cnt", a.Chats},
		{"in_queue_cnt", a.InQueue}, {"failed_to_store_objects_cnt", a.FailedToStore},
		{"failed_to_store_objects_cnt_1", a.FailedToStore1}, {"collected_to_store_objects_cnt", a.CollectedToStore},
		{"collected_to_store_objects_cnt_1", a.CollectedToStore1}, {"not_belongs_to_tornado_instance", a.NotBelongs},
		{"ignore_not_belongs_to_tornado_instance", a.IgnoreNotBelongs},
	}
}

// AccountsStat is the answer of accounts-stat: the TOTAL row and the
// account rows, in the order of the answer.
type AccountsStat struct {
	// Total is the TOTAL row; without one in the answer, the sums of the
	// account rows (TotalSummed is then set).
	Total       AccountStat
	TotalSummed bool
	// Accounts are the account rows.
	Accounts []AccountStat
}

// AccountsStat fetches the per-account statistics.
func (c *Client) AccountsStat(ctx context.Context) (*AccountsStat, error) {
	r, err := c.get(ctx, AccountsStatPath, nil)
	if err != nil {
		return nil, err
	}
	if r.StatusCode != http.StatusOK {
		return nil, c.fail(r)
	}
	return DecodeAccountsStat(r)
}

// DecodeAccountsStat interprets a 200 answer of accounts-stat (JSON or the
// Python literal form). An empty list, a row without a name or a counter
// that is not a count is an error of kind [plugin.ErrDecode] naming the
// row and the field. A large answer's body is released once read (see
// [plugin.Release]).
func DecodeAccountsStat(r *httpc.Response) (*AccountsStat, error) {
	rows, ok := scanAccountsStat(r.Body)
	if !ok {
		if err := decode(r, "accounts-stat", "a JSON list of accounts", &rows); err != nil {
			return nil, err
		}
	}
	if len(rows) == 0 {
		return nil, plugin.Errorf(plugin.ErrDecode, "accounts-stat: the answer lists no accounts (%s)", httpc.Describe(r.Body, ""))
	}
	st := &AccountsStat{Accounts: rows[:0]}
	found := false
	for i := range rows {
		row := &rows[i]
		if row.Name == "" {
			return nil, plugin.Errorf(plugin.ErrDecode, "accounts-stat: row %d has no name", i+1)
		}
		for _, f := range row.counts() {
			if p := f.v.Problem(); p != "" {
				return nil, plugin.Errorf(plugin.ErrDecode, "accounts-stat: %s of %s %s", f.name, row.Name, p)
			}
		}
		if row.Name == TotalName && row.Domain == "" && !found {
			st.Total, found = *row, true
			continue
		}
		st.Accounts = append(st.Accounts, *row)
	}
	if !found {
		st.Total, st.TotalSummed = sumAccounts(st.Accounts), true
	}
	plugin.Release(&r.Body)
	return st, nil
}

// sumAccounts adds up the account rows, for an answer without TOTAL.
func sumAccounts(rows []AccountStat) AccountStat {
	t := AccountStat{Name: TotalName}
	for i := range rows {
		a := &rows[i]
		t.Sessions += a.Sessions
		t.OnlineOperators += a.OnlineOperators
		t.WorkingOperators += a.WorkingOperators
		t.Chats += a.Chats
		t.InQueue += a.InQueue
		t.FailedToStore += a.FailedToStore
		t.FailedToStore1 += a.FailedToStore1
		t.CollectedToStore += a.CollectedToStore
		t.CollectedToStore1 += a.CollectedToStore1
		if a.WrongInstance() {
			t.NotBelongs++
		}
	}
	return t
}
