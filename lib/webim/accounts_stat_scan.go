package webim

import "github.com/tidwall/gjson"

// accountFields are the keys of an accounts-stat row that AccountStat
// decodes, in the order of its fields.
var accountFields = []string{
	"name", "domain", "sessions_cnt", "online_operators_cnt", "working_operators_cnt",
	"chats_cnt", "in_queue_cnt", "failed_to_store_objects_cnt", "failed_to_store_objects_cnt_1",
	"collected_to_store_objects_cnt", "collected_to_store_objects_cnt_1",
	"not_belongs_to_tornado_instance", "ignore_not_belongs_to_tornado_instance",
}

// scanAccountsStat reads an accounts-stat answer of the documented shape
// without encoding/json (see scanDoc): ok is false for anything else.
func scanAccountsStat(body []byte) (rows []AccountStat, ok bool) {
	doc, ok := scanDoc(body)
	if !ok || !doc.IsArray() {
		return nil, false
	}
	rows = []AccountStat{}
	doc.ForEach(func(_, v gjson.Result) bool {
		var row AccountStat
		if row, ok = scanAccountRow(v); ok {
			rows = append(rows, row)
		}
		return ok
	})
	if !ok {
		return nil, false
	}
	return rows, true
}

// scanAccountRow reads one row of accounts-stat.
func scanAccountRow(obj gjson.Result) (a AccountStat, ok bool) {
	ok = scanFields(obj, accountFields, func(name string, v gjson.Result) (ok bool) {
		switch name {
		case "name":
			a.Name, ok = scanString(v)
		case "domain":
			a.Domain, ok = scanString(v)
		default:
			*a.count(name), ok = scanCount(v)
		}
		return ok
	})
	return a, ok
}

// count is the counter of a that the key name decodes into.
func (a *AccountStat) count(name string) *Count {
	switch name {
	case "sessions_cnt":
		return &a.Sessions
	case "online_operators_cnt":
		return &a.OnlineOperators
	case "working_operators_cnt":
		return &a.WorkingOperators
	case "chats_cnt":
		return &a.Chats
	case "in_queue_cnt":
		return &a.InQueue
	case "failed_to_store_objects_cnt":
		return &a.FailedToStore
	case "failed_to_store_objects_cnt_1":
		return &a.FailedToStore1
	case "collected_to_store_objects_cnt":
		return &a.CollectedToStore
	case "collected_to_store_objects_cnt_1":
		return &a.CollectedToStore1
	case "not_belongs_to_tornado_instance":
		return &a.NotBelongs
	}
	return &a.IgnoreNotBelongs
}

// scanCount reads a counter as Count.UnmarshalJSON reads it: a number, a
// boolean as 0 or 1, null as 0.
func scanCount(v gjson.Result) (Count, bool) {
	switch v.Type {
	case gjson.True:
		return 1, true
	case gjson.False, gjson.Null:
		return 0, true
	}
	f, ok := scanFloat(v)
	return Count(f), ok
}
