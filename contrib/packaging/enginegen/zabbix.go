package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"
)

// A Zabbix template per product. Each check is one external-check master
// item (the check run with --format json) and dependent items with JSONPath
// preprocessing: the state, the summary, and each perfdata value.

// zTemplate is one Zabbix template.
type zTemplate struct {
	Name        string // "Webim by webim-checks"
	Product     string // webim, itgrix, wa: which checks it holds
	Macro       string // macro prefix: WEBIM
	Title       string
	Description string
	// Scheme and Port are the defaults of the host URL macros.
	Scheme, Port string
	// Auth are the credential arguments of every check of the product.
	Auth   []zArg
	Macros []zMacro
}

// zArg is one flag passed in the item key with its macro.
type zArg struct {
	Flag  string
	Macro string
}

// zMacro is one user macro of a template.
type zMacro struct {
	Name, Value, Desc string
	Secret            bool
}

// zCheck is what the template holds for one check.
type zCheck struct {
	Name  string // check_webim_db
	Key   string // webim.db: prefix of the dependent item keys
	Title string // Webim DB
	Delay string
	// Args are the check's own threshold flags and their macros.
	Args []zArg
	Perf []zPerf
	Desc string
	// Auth, when set, replaces the template's credential flags (a check
	// with its own kind of credential, such as an agent session cookie).
	Auth []zArg
	// Template is the name of the template that holds the check, when it
	// is not the one of the product its name starts with (see holds).
	Template string
	// NoData is the macro of the no-data period when the template's
	// {$X.NODATA} is too short for the check's Delay.
	NoData string
	// ItemPerf are the perfdata of each of the check's JSON items that
	// become item prototypes (checks whose Info.Items is set).
	ItemPerf []zPerf
}

// auth returns the credential flags of c in template t.
func (c zCheck) auth(t zTemplate) []zArg {
	if c.Auth != nil {
		return c.Auth
	}
	return t.Auth
}

// holds reports whether template t holds check c: the one c names, or
// else the template of the product c's name starts with.
func holds(t zTemplate, c zCheck) bool {
	if c.Template != "" {
		return c.Template == t.Name
	}
	return strings.HasPrefix(c.Name, "check_"+t.Product+"_")
}

// zPerf is a perfdata value turned into an item.
type zPerf struct {
	Label, Name, Units, Desc string
}

var zTemplates = []zTemplate{
	{
		Name: "Webim by webim-checks", Product: "webim", Macro: "WEBIM", Title: "Webim",
		Description: "Webim Chat Backend: databases, timers, restarts. External checks of webim-checks with --format json; see README.md beside this file.",
		Scheme:      "https", Port: "443",
		Auth: []zArg{{"--user", "{$WEBIM.USER}"}, {"--password-file", "{$WEBIM.PASSWORD.FILE}"}},
		Macros: []zMacro{
			{"{$WEBIM.USER}", "", "Webim service login (HTTP Basic).", false},
			{"{$WEBIM.PASSWORD.FILE}", "", "File whose first line is the service password, readable by the zabbix user. A file, not the password: on a timeout the server logs the whole command line (see README.md).", false},
			{"{$WEBIM.DB.TIME.WARN}", "2", "check_webim_db: answer time in seconds that warns (range).", false},
			{"{$WEBIM.DB.TIME.CRIT}", "5", "check_webim_db: answer time in seconds that is critical (range).", false},
			{"{$WEBIM.TIMERS.TIME.WARN}", "1", "check_webim_timers: slowest single run of a timer in the last minute, seconds, that warns.", false},
			{"{$WEBIM.TIMERS.TIME.CRIT}", "5", "check_webim_timers: slowest single run, seconds, that is critical.", false},
			{"{$WEBIM.TIMERS.FAILED.WARN}", "0", "check_webim_timers: number of failed tasks that warns (0: any).", false},
			{"{$WEBIM.ACCOUNTS.FAILED_STORE.WARN}", "0", "check_webim_accounts: objects of an account that failed to be stored that warn (0: any).", false},
			{"{$WEBIM.CHANNELS.NEW.WARN}", "0", "check_webim_channels: new errors of one channel since the last run that warn (0: any).", false},
			{"{$WEBIM.OBJECTS.GROWTH.WARN}", "20", "check_webim_objects: growth of the largest object type since the last run, in percent, that warns.", false},
			{"{$WEBIM.RESTART.WARN}", "15m", "check_webim_restart: WARNING while the backend restarted less than this ago (or after a change of instance id).", false},
			{"{$WEBIM.BACKEND.TRIES.WARN}", "2", "check_webim_backend: average number of attempts a visitor's long poll needs to reach the backend that warns (range).", false},
			{"{$WEBIM.STORAGE.FAILED.WARN}", "0", "check_webim_storage: objects that failed to be written to the database that warn (0: any).", false},
			{"{$WEBIM.STORAGE.BACKLOG.WARN}", "1000", "check_webim_storage: objects waiting to be written to the database that warn (range).", false},
			{"{$WEBIM.STORAGE.BACKLOG.CRIT}", "5000", "check_webim_storage: objects waiting to be written to the database that are critical (range).", false},
			{"{$WEBIM.INFO.LOAD.WARN}", "", "check_webim_info: load averages L1,L5,L15 of the PHP server that warn (empty: none).", false},
			{"{$WEBIM.INFO.LOAD.CRIT}", "", "check_webim_info: load averages L1,L5,L15 that are critical (empty: none).", false},
			{"{$WEBIM.PORTS.MIN}", "1", "check_webim_ports: CRITICAL when fewer Chat Backend ports are listed.", false},
			{"{$WEBIM.INFO.MIN_VERSION}", "", "check_webim_info: WARNING when Webim is older than this version (empty: no comparison).", false},
			{"{$WEBIM.AUTH_TOKEN.FILE}", "", "check_webim_ping: file whose first line is the agent session token (the WEBIM_AUTH_TOKEN cookie of the Agent Frontend), readable by the zabbix user only.", false},
			{"{$WEBIM.PING.TIME.WARN}", "2", "check_webim_ping: answer time in seconds that warns (range).", false},
			{"{$WEBIM.PING.TIME.CRIT}", "5", "check_webim_ping: answer time in seconds that is critical (range).", false},
			{"{$WEBIM.STATE_DIR}", "", "check_webim_restart (--method instance-id), check_webim_channels, check_webim_objects, check_webim_ports and check_webim_metrics --rate: directory of their state files. Empty: the check's default, a directory of the user it runs as (the zabbix user). Set it to a directory that user owns (install -d -m 0700 -o zabbix DIR) to keep the state elsewhere.", false},
		},
	},
	{
		Name: "Itgrix by webim-checks", Product: "itgrix", Macro: "ITGRIX", Title: "Itgrix",
		Description: "Itgrix connector: license and application state. External checks of webim-checks with --format json; see README.md beside this file.",
		Scheme:      "http", Port: "8077",
		Auth: []zArg{{"--user", "{$ITGRIX.USER}"}, {"--password-file", "{$ITGRIX.PASSWORD.FILE}"}},
		Macros: []zMacro{
			{"{$ITGRIX.USER}", "", "Itgrix admin panel login (HTTP Digest).", false},
			{"{$ITGRIX.PASSWORD.FILE}", "", "File whose first line is the admin panel password, readable by the zabbix user. A file, not the password: on a timeout the server logs the whole command line (see README.md).", false},
			{"{$ITGRIX.LICENSE.MIN_TYPE}", "Professional", "check_itgrix_license: lowest acceptable license type (Professional, Subscription, Free).", false},
			{"{$ITGRIX.LICENSE.DAYS.WARN}", "30", "check_itgrix_license: WARNING when fewer days are left.", false},
			{"{$ITGRIX.LICENSE.DAYS.CRIT}", "7", "check_itgrix_license: CRITICAL when fewer days are left.", false},
			{"{$ITGRIX.LICENSE.NODATA}", "3h", "check_itgrix_license runs hourly: how long without a result before its no-data trigger fires (more than the hour between runs).", false},
		},
	},
	{
		Name: "WhatsApp Business API by webim-checks", Product: "wa", Macro: "WA", Title: "WhatsApp",
		Description: "WhatsApp Business API client (on-premises; its end of support was 2025-10-23): gateway connection, single instance, high availability or multiconnect. External check of webim-checks with --format json; see README.md beside this file.",
		Scheme:      "https", Port: "443",
		Auth: []zArg{{"--api-key-file", "{$WA.API_KEY.FILE}"}, {"--token-file", "{$WA.TOKEN.FILE}"}},
		Macros: []zMacro{
			{"{$WA.API_KEY.FILE}", "", "File whose first line is the API key of the Webapp (12 to 128 characters), readable by the zabbix user. Set this or {$WA.TOKEN.FILE}, not both.", false},
			{"{$WA.TOKEN.FILE}", "", "File whose first line is a Bearer token (it expires after 7 days), instead of an API key.", false},
			{"{$WA.SHARDS}", "1", "check_wa_gateway: 1 for a single instance or high availability, N > 1 for multiconnect with N shards.", false},
		},
	},
	{
		Name: "Webim chat event handler by webim-checks", Product: "webim_handler", Macro: "WEBIM_HANDLER", Title: "Webim chat event handler",
		Description: "A CRM's Webim chat event handler: a signed synthetic chat event (department_key monitoring-probe) POSTed as Webim does, and a forged one. External check of webim-checks with --format json; see README.md beside this file.",
		Scheme:      "https", Port: "443",
		Auth: []zArg{{"--user", "{$WEBIM_HANDLER.USER}"}, {"--password-file", "{$WEBIM_HANDLER.PASSWORD.FILE}"}, {"--private-key-file", "{$WEBIM_HANDLER.PRIVATE_KEY.FILE}"}},
		Macros: []zMacro{
			{"{$WEBIM_HANDLER.USER}", "", "User of the handler's HTTP Basic login, if it has one.", false},
			{"{$WEBIM_HANDLER.PASSWORD.FILE}", "", "File whose first line is the handler's password, readable by the zabbix user only.", false},
			{"{$WEBIM_HANDLER.PRIVATE_KEY.FILE}", "", "File whose first line is the private key, readable by the zabbix user only.", false},
			{"{$WEBIM_HANDLER.VERSION}", "4", "check_webim_handler: the account's chat_event_handlers_version (4 and later: signature, below: crc).", false},
			{"{$WEBIM_HANDLER.TIME.WARN}", "2", "check_webim_handler: answer time in seconds that warns (range).", false},
			{"{$WEBIM_HANDLER.TIME.CRIT}", "5", "check_webim_handler: answer time in seconds that is critical (range).", false},
		},
	},
	{
		Name: "Dolibarr by webim-checks", Product: "dolibarr", Macro: "DOLIBARR", Title: "Dolibarr",
		Description: "A Dolibarr instance as the WebHost module monitors it: ServerObserver (disk, documents), WebObserver, the REST API status or a URL call. External check of webim-checks with --format json; see README.md beside this file.",
		Scheme:      "https", Port: "443",
		Auth: []zArg{{"--api-key-file", "{$DOLIBARR.API_KEY.FILE}"}, {"--token-file", "{$DOLIBARR.TOKEN.FILE}"}},
		Macros: []zMacro{
			{"{$DOLIBARR.API}", "serverobserver", "check_dolibarr: serverobserver (disk and documents; the module allows by IP), webobserver (needs the token), status (needs an API key) or url.", false},
			{"{$DOLIBARR.API_KEY.FILE}", "", "File whose first line is the API key, readable by the zabbix user only.", false},
			{"{$DOLIBARR.TOKEN.FILE}", "", "File whose first line is the WebObserver token.", false},
			{"{$DOLIBARR.DISK.WARN}", "80", "check_dolibarr: percentage of the server's disk used that warns (serverobserver).", false},
			{"{$DOLIBARR.DISK.CRIT}", "90", "check_dolibarr: percentage of the server's disk used that is critical.", false},
		},
	},
}

var zChecks = []zCheck{
	{Name: "check_dolibarr", Key: "dolibarr", Title: "Dolibarr", Delay: "5m", Template: "Dolibarr by webim-checks",
		Desc: "Is the Dolibarr instance online, and how full are its disk and documents directory (ServerObserver, WebObserver, REST API status or URL call, per {$DOLIBARR.API})?",
		Args: []zArg{{"--api", "{$DOLIBARR.API}"}, {"--warning-disk", "{$DOLIBARR.DISK.WARN}"}, {"--critical-disk", "{$DOLIBARR.DISK.CRIT}"}},
		Perf: []zPerf{
			{"disk_used", "disk used", "%", "Percentage of the server's disk used (serverobserver)."},
			{"disk_free", "disk free", "B", "Free space on the server's disk (serverobserver)."},
			{"data_size", "documents size", "B", "Size of the documents directory (serverobserver, webobserver)."},
			{"time", "answer time", "s", "Seconds from the request to the last byte of the answer."},
		}},
	{Name: "check_webim_handler", Key: "webim.handler", Title: "Webim chat event handler", Delay: "5m", Template: "Webim chat event handler by webim-checks",
		Desc: "Does the CRM's chat event handler accept a signed chat event, and refuse a forged one? The URL is {$WEBIM_HANDLER.SCHEME}://{HOST.CONN}:{$WEBIM_HANDLER.PORT}{$WEBIM_HANDLER.PATH}.",
		Args: []zArg{{"--handlers-version", "{$WEBIM_HANDLER.VERSION}"}, {"--warning", "{$WEBIM_HANDLER.TIME.WARN}"}, {"--critical", "{$WEBIM_HANDLER.TIME.CRIT}"}, {"--forged", ""}},
		Perf: []zPerf{
			{"time", "answer time", "s", "Seconds the handler took to answer the signed event."},
			{"forged_time", "forged answer time", "s", "Seconds the handler took to answer the forged event."},
		}},
	{Name: "check_webim_db", Key: "webim.db", Title: "Webim DB", Delay: "1m",
		Desc: "Is the Chat Backend connected to its databases (GET /l/a/monitor/connect-to-db)?",
		Args: []zArg{{"--warning", "{$WEBIM.DB.TIME.WARN}"}, {"--critical", "{$WEBIM.DB.TIME.CRIT}"}},
		Perf: []zPerf{{"time", "answer time", "s", "Seconds from the request to the last byte of the answer."}}},
	{Name: "check_webim_timers", Key: "webim.timers", Title: "Webim timers", Delay: "1m",
		Desc: "Slow, failed or stalled timer tasks of the Chat Backend in the last minute (GET /l/a/monitor/timer-stats).",
		Args: []zArg{{"--warning", "{$WEBIM.TIMERS.TIME.WARN}"}, {"--critical", "{$WEBIM.TIMERS.TIME.CRIT}"}, {"--warning-failed", "{$WEBIM.TIMERS.FAILED.WARN}"}},
		Perf: []zPerf{
			{"max_time", "slowest run", "s", "The slowest single run of any timer task in the last minute."},
			{"failed", "failed tasks", "", "Number of failed timer tasks."},
			{"timers", "timers", "", "Number of timers in the last minute of the answer that the check judges (after --include/--exclude), whether they ran or not."},
			{"time", "answer time", "s", "Seconds from the request to the last byte of the answer."},
		},
		ItemPerf: []zPerf{
			{"max_time", "slowest run", "s", "The slowest single run of the timer in the last minute."},
			{"runs", "runs", "", "Runs of the timer in the last minute."},
		}},
	{Name: "check_webim_restart", Key: "webim.restart", Title: "Webim restart", Delay: "1m",
		Desc: "Did the Chat Backend restart (GET /l/a/monitor start time, or a change of /l/i/instance-id)?",
		Args: []zArg{{"--warning", "{$WEBIM.RESTART.WARN}"}, {"--state-dir", "{$WEBIM.STATE_DIR}"}},
		Perf: []zPerf{
			{"uptime", "uptime", "s", "Seconds since the backend started (where /l/a/monitor reports it)."},
			{"time", "answer time", "s", "Seconds from the request to the last byte of the answer."},
		}},
	{Name: "check_webim_backend", Key: "webim.backend", Title: "Webim backend", Delay: "1m",
		Desc: "Does the Chat Backend write to its database, and do visitors' long polls get through (GET /l/a/monitor)?",
		Args: []zArg{{"--warning-tries", "{$WEBIM.BACKEND.TRIES.WARN}"}},
		Perf: []zPerf{
			{"avg_tries", "long-poll attempts", "", "Average number of attempts a visitor's long poll needs to reach the backend (mainInfo.avgNTries)."},
			{"uptime", "uptime", "s", "Seconds since the backend started."},
			{"time", "answer time", "s", "Seconds from the request to the last byte of the answer."},
		}},
	{Name: "check_webim_account", Key: "webim.account", Title: "Webim account", Delay: "5m",
		Desc: "Is the Webim account of this host blocked (GET /l/i/account-state?action=get_state)? The host is the account's, ACCOUNT.webim.ru.",
		Perf: []zPerf{{"time", "answer time", "s", "Seconds from the request to the last byte of the answer."}}},
	{Name: "check_webim_storage", Key: "webim.storage", Title: "Webim storage", Delay: "1m",
		Desc: "Objects the Chat Backend failed to write to its database or that wait to be written, and its load (GET /l/a/monitor/zabbix/tornado).",
		Args: []zArg{{"--warning-failed-store", "{$WEBIM.STORAGE.FAILED.WARN}"}, {"--warning", "{$WEBIM.STORAGE.BACKLOG.WARN}"}, {"--critical", "{$WEBIM.STORAGE.BACKLOG.CRIT}"}},
		Perf: []zPerf{
			{"failed_store", "objects failed to store", "", "Objects that failed to be written to the database (failed_to_store_objects_cnt)."},
			{"backlog", "objects waiting to be stored", "", "Objects waiting to be written to the database (collected_to_store_objects_cnt)."},
			{"sessions", "sessions", "", "Chat sessions (sessions_cnt)."},
			{"operators_working", "working operators", "", "Working operators (working_operators_cnt)."},
			{"chats", "chats", "", "Chats (chats_cnt)."},
			{"accounts", "accounts", "", "Active accounts on this backend (accounts_cnt)."},
			{"time", "answer time", "s", "Seconds from the request to the last byte of the answer."},
		}},
	{Name: "check_webim_accounts", Key: "webim.accounts", Title: "Webim accounts", Delay: "5m",
		Desc: "Per account: chats in the queue, objects that failed or wait to be stored, operators online, requests reaching the wrong instance (GET /l/a/monitor/accounts-stat). The JSON items list every account.",
		Args: []zArg{{"--warning-failed-store", "{$WEBIM.ACCOUNTS.FAILED_STORE.WARN}"}},
		Perf: []zPerf{
			{"accounts", "accounts", "", "Accounts served by the Chat Backend."},
			{"sessions", "sessions", "", "Chat sessions, all accounts."},
			{"operators_online", "operators online", "", "Operators online, all accounts."},
			{"operators_working", "operators working", "", "Operators working, all accounts."},
			{"chats", "chats", "", "Chats, all accounts."},
			{"in_queue", "chats in queue", "", "Chats waiting in the queue for an operator, all accounts."},
			{"failed_store", "objects failed to be stored", "", "Objects that failed to be written to the database, all accounts."},
			{"backlog", "objects waiting to be stored", "", "Objects waiting to be written to the database, all accounts."},
			{"time", "answer time", "s", "Seconds from the request to the last byte of the answer."},
		}},
	{Name: "check_webim_channels", Key: "webim.channels", Title: "Webim channels", Delay: "5m",
		Desc: "New errors of each messaging channel (Telegram, VK, ...) since the last run (GET /l/a/monitor/zabbix/channels). The JSON items list every channel.",
		Args: []zArg{{"--warning", "{$WEBIM.CHANNELS.NEW.WARN}"}, {"--state-dir", "{$WEBIM.STATE_DIR}"}},
		Perf: []zPerf{
			{"channels", "channels with errors", "", "Channels that report errors."},
			{"time", "answer time", "s", "Seconds from the request to the last byte of the answer."},
		}},
	{Name: "check_webim_objects", Key: "webim.objects", Title: "Webim objects", Delay: "15m",
		Desc: "Object counts of the Chat Backend (ObjGraph, the 50 most common types) and the growth of the largest since the last run, the sign of a leak (GET /l/a/object-stats).",
		Args: []zArg{{"--warning-growth", "{$WEBIM.OBJECTS.GROWTH.WARN}"}, {"--state-dir", "{$WEBIM.STATE_DIR}"}},
		Perf: []zPerf{
			{"types", "object types", "", "Object types in the answer."},
			{"time", "answer time", "s", "Seconds from the request to the last byte of the answer."},
		}},
	{Name: "check_webim_info", Key: "webim.info", Title: "Webim info", Delay: "5m",
		Desc: "Version, server, load averages and OS uptime of the PHP side (GET /webim/service/info.php).",
		Args: []zArg{{"--warning-load", "{$WEBIM.INFO.LOAD.WARN}"}, {"--critical-load", "{$WEBIM.INFO.LOAD.CRIT}"}, {"--min-version", "{$WEBIM.INFO.MIN_VERSION}"}},
		Perf: []zPerf{
			{"load1", "load average 1m", "", "Load average of the PHP server over 1 minute."},
			{"load5", "load average 5m", "", "Load average over 5 minutes."},
			{"load15", "load average 15m", "", "Load average over 15 minutes."},
			{"os_uptime", "OS uptime", "s", "Seconds since the PHP server's OS started."},
			{"time", "answer time", "s", "Seconds from the request to the last byte of the answer."},
		}},
	{Name: "check_webim_ports", Key: "webim.ports", Title: "Webim ports", Delay: "5m",
		Desc: "The TCP ports the Chat Backend answers on, and changes since the last run (GET /webim/service/monitor/get-tornado-ports.php).",
		Args: []zArg{{"--min-ports", "{$WEBIM.PORTS.MIN}"}, {"--state-dir", "{$WEBIM.STATE_DIR}"}},
		Perf: []zPerf{
			{"ports", "ports", "", "Chat Backend ports listed."},
			{"time", "answer time", "s", "Seconds from the request to the last byte of the answer."},
		}},
	{Name: "check_webim_envs", Key: "webim.envs", Title: "Webim environments", Delay: "5m",
		Desc: "The environments a hosted Webim server lists (GET /webim/service/monitor/get-all-env-list.php).",
		Perf: []zPerf{
			{"envs", "environments", "", "Environments listed on the server."},
			{"time", "answer time", "s", "Seconds from the request to the last byte of the answer."},
		}},
	{Name: "check_webim_ping", Key: "webim.ping", Title: "Webim agent ping", Delay: "1m",
		Desc: "Does the Chat Backend answer an agent's long-polling ping with a real agent session (GET /l/o/pingservice, agent cookie)?",
		Auth: []zArg{{"--auth-token-file", "{$WEBIM.AUTH_TOKEN.FILE}"}},
		Args: []zArg{{"--warning", "{$WEBIM.PING.TIME.WARN}"}, {"--critical", "{$WEBIM.PING.TIME.CRIT}"}},
		Perf: []zPerf{{"time", "answer time", "s", "Seconds from the request to the last byte of the answer."}}},
	{Name: "check_webim_metrics", Key: "webim.metrics", Title: "Webim metrics", Delay: "5m",
		Desc: "Is the Prometheus endpoint of the backend (GET /metrics, Webim 10.6 and later) up and well-formed? Add --metric SELECTOR with -w/-c to a copy of this item to judge one metric.",
		Perf: []zPerf{
			{"series", "series", "", "Number of series the exposition holds."},
			{"time", "answer time", "s", "Seconds from the request to the last byte of the answer."},
		}},
	{Name: "check_itgrix_license", Key: "itgrix.license", Title: "Itgrix license", Delay: "1h", NoData: "{$ITGRIX.LICENSE.NODATA}",
		Desc: "Type and last valid day of the Itgrix license (GET :8077/status).",
		Args: []zArg{{"--min-type", "{$ITGRIX.LICENSE.MIN_TYPE}"}, {"--warning", "{$ITGRIX.LICENSE.DAYS.WARN}"}, {"--critical", "{$ITGRIX.LICENSE.DAYS.CRIT}"}},
		Perf: []zPerf{
			{"days_left", "days left", "", "Days left before the license ends (absent for a license without an end)."},
			{"time", "answer time", "s", "Seconds from the request to the last byte of the answer."},
		}},
	{Name: "check_itgrix_status", Key: "itgrix.status", Title: "Itgrix status", Delay: "1m",
		Desc: "Is the Itgrix connector running without errors (GET :8077/status)?",
		Perf: []zPerf{{"time", "answer time", "s", "Seconds from the request to the last byte of the answer."}}},
	{Name: "check_wa_gateway", Key: "wa.gateway", Title: "WhatsApp gateway", Delay: "5m",
		Desc: "Is the WhatsApp Business API client connected to WhatsApp (GET /v1/health)? The client caches its health for up to about 5 minutes.",
		Args: []zArg{{"--shards", "{$WA.SHARDS}"}},
		Perf: []zPerf{
			{"connected_coreapps", "connected coreapps", "", "Coreapps connected to WhatsApp (high availability and multiconnect)."},
			{"nodes", "nodes", "", "Nodes the health answer lists."},
			{"time", "answer time", "s", "Seconds from the request to the last byte of the answer."},
		}},
}

// zStates are the trigger states: code, word, severity.
var zStates = []struct {
	Code     int
	Word     string
	Priority string
}{
	{1, "WARNING", "WARNING"},
	{2, "CRITICAL", "HIGH"},
	{3, "UNKNOWN", "AVERAGE"},
}

// The JavaScript preprocessing steps of the template. A status item holds
// the state code and the summary of one run in one value ("2 the meta
// database is unreachable"): a trigger on it alone names the problem with
// the summary of the very run that opened it (separate state and summary
// items arrive one after the other, and a problem could open with the
// previous run's summary).
const (
	jsStatus     = `var r = JSON.parse(value); return r.code + ' ' + r.summary;`
	jsItemStatus = `var r = JSON.parse(value); return {OK: 0, WARNING: 1, CRITICAL: 2, UNKNOWN: 3}[r.state] + ' ' + r.summary;`
	jsItemState  = `var c = {OK: 0, WARNING: 1, CRITICAL: 2, UNKNOWN: 3}[value]; if (c === undefined) throw 'not a state: ' + value; return c;`
	// zSummary is the summary of a status item in a trigger name.
	zSummary = `{{ITEM.LASTVALUE1}.regsub("^[0-9] (.*)", \1)}`
)

// zabbixUUID is a stable UUID for an entity of the template: the version 4
// layout Zabbix generates (32 hex digits, no dashes), derived from the
// entity's identity so that regenerating the file does not change it.
func zabbixUUID(parts ...string) string {
	sum := sha256.Sum256([]byte("webim-checks/zabbix/" + strings.Join(parts, "/")))
	b := sum[:16]
	b[6] = b[6]&0x0f | 0x40 // version 4
	b[8] = b[8]&0x3f | 0x80 // RFC 4122 variant
	return hex.EncodeToString(b)
}

// masterKey is the external check's item key: the binary with its
// arguments, each a quoted key parameter.
func masterKey(t zTemplate, c zCheck) string {
	args := []string{"--host", fmt.Sprintf("{$%s.SCHEME}://{HOST.CONN}:{$%s.PORT}{$%s.PATH}", t.Macro, t.Macro, t.Macro),
		"--timeout", "{$" + t.Macro + ".TIMEOUT}", "--format", "json"}
	for _, a := range c.auth(t) {
		args = append(args, a.Flag, a.Macro)
	}
	for _, a := range c.Args {
		if a.Macro == "" { // a switch such as --forged
			args = append(args, a.Flag)
			continue
		}
		args = append(args, a.Flag, a.Macro)
	}
	q := make([]string, len(args))
	for i, a := range args {
		q[i] = `"` + a + `"`
	}
	return c.Name + "[" + strings.Join(q, ",") + "]"
}

// yq quotes a YAML scalar in single quotes.
func yq(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// ofTemplate returns the checks of a template's product.
func ofTemplate(t zTemplate) []zCheck {
	var out []zCheck
	for _, c := range zChecks {
		if holds(t, c) {
			out = append(out, c)
		}
	}
	return out
}

// zValidate makes sure that every check has its items, that every flag in
// a key is a flag of the check and none a secret (an external check's
// command line is logged on a timeout), and returns the checks by name.
func zValidate() (map[string]check, error) {
	known := map[string]check{}
	for _, c := range checks() {
		known[c.Name] = c
	}
	covered := map[string]bool{}
	for _, t := range zTemplates {
		for _, c := range ofTemplate(t) {
			kc, ok := known[c.Name]
			if !ok {
				return nil, fmt.Errorf("%s is not a registered check", c.Name)
			}
			covered[c.Name] = true
			for _, a := range append(append([]zArg{}, c.auth(t)...), c.Args...) {
				o, ok := kc.option(strings.TrimPrefix(a.Flag, "--"))
				if !ok {
					return nil, fmt.Errorf("%s has no flag %s", c.Name, a.Flag)
				}
				if o.Secret {
					return nil, fmt.Errorf("%s: %s is a secret, which the server logs on a timeout: pass its file", c.Name, a.Flag)
				}
			}
		}
	}
	for n := range known {
		if !covered[n] {
			return nil, fmt.Errorf("%s has no items in the Zabbix template", n)
		}
	}
	return known, nil
}

const zHeader = `# Zabbix templates for webim-checks, in the export format of Zabbix 6.0 LTS
# (importable into 6.0 and 7.0). Generated from the checks' flag definitions
# by contrib/packaging/enginegen (make contrib): do not edit, regenerate.
# Installation, timeouts and secrets: README.md beside this file.
zabbix_export:
  version: '6.0'
  groups:
`

func zabbix(b *bytes.Buffer) error {
	known, err := zValidate()
	if err != nil {
		return err
	}
	b.WriteString(zHeader)
	fmt.Fprintf(b, "    - uuid: %s\n      name: Templates/Applications\n  templates:\n", zabbixUUID("group", "Templates/Applications"))
	var triggers bytes.Buffer
	for _, t := range zTemplates {
		fmt.Fprintf(b, "    - uuid: %s\n", zabbixUUID("template", t.Name))
		fmt.Fprintf(b, "      template: %s\n", yq(t.Name))
		fmt.Fprintf(b, "      name: %s\n", yq(t.Name))
		fmt.Fprintf(b, "      description: %s\n", yq(t.Description))
		b.WriteString("      groups:\n        - name: Templates/Applications\n")
		b.WriteString("      items:\n")
		for _, c := range ofTemplate(t) {
			zCheckItems(b, &triggers, t, c)
		}
		var rules bytes.Buffer
		for _, c := range ofTemplate(t) {
			if what := known[c.Name].Info.Items; what != "" {
				zDiscovery(&rules, t, c, what)
			}
		}
		if rules.Len() > 0 {
			b.WriteString("      discovery_rules:\n")
			b.Write(rules.Bytes())
		}
		b.WriteString("      tags:\n        - tag: class\n          value: software\n        - tag: target\n")
		fmt.Fprintf(b, "          value: %s\n", t.Product)
		zMacros(b, t)
	}
	b.WriteString("  triggers:\n")
	b.Write(triggers.Bytes())
	return nil
}

// zCheckItems writes a check's master item, its dependent items and, into
// triggers, its triggers.
func zCheckItems(b, triggers *bytes.Buffer, t zTemplate, c zCheck) {
	master := masterKey(t, c)
	fmt.Fprintf(b, "        - uuid: %s\n", zabbixUUID("item", t.Name, c.Name))
	fmt.Fprintf(b, "          name: %s\n", yq(c.Title+": check result"))
	b.WriteString("          type: EXTERNAL\n")
	fmt.Fprintf(b, "          key: %s\n", yq(master))
	fmt.Fprintf(b, "          delay: %s\n", c.Delay)
	b.WriteString("          history: 1d\n          trends: '0'\n          value_type: TEXT\n")
	fmt.Fprintf(b, "          description: %s\n", yq(c.Desc+" The whole result of "+c.Name+" --format json; the items below take it apart."))
	fmt.Fprintf(b, "          tags:\n            - tag: component\n              value: %s\n", t.Product)

	stateKey, statusKey := c.Key+".state", c.Key+".status"
	ind := "        "
	zDependent(b, ind, t, master, zDep{Key: stateKey, Name: c.Title + ": state", ValueType: "UNSIGNED", Valuemap: true,
		Desc:  "The state of the last run: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.",
		Steps: []zStep{{"JSONPATH", "$.code", false}}})
	zDependent(b, ind, t, master, zDep{Key: statusKey, Name: c.Title + ": status", ValueType: "TEXT",
		Desc:  "The state code and the summary of the last run in one value (\"2 the meta database is unreachable\"): the triggers read it, so that a problem's name shows the summary of the run that opened it.",
		Steps: []zStep{{"JAVASCRIPT", jsStatus, false}}})
	for _, p := range c.Perf {
		zDependent(b, ind, t, master, zDep{Key: c.Key + ".perf[" + p.Label + "]", Name: c.Title + ": " + p.Name, ValueType: "FLOAT", Units: p.Units,
			Desc:  p.Desc + " Perfdata " + p.Label + ".",
			Steps: []zStep{{"JSONPATH", "$.perfdata[?(@.label=='" + p.Label + "')].value.first()", true}}})
	}
	for _, s := range zStates {
		expr := fmt.Sprintf(`find(/%s/%s,,"regexp","^%d ")=1`, t.Name, statusKey, s.Code)
		desc := fmt.Sprintf("%s exited %d (%s). The trigger name carries the check's summary; the item %s: check result holds the whole answer.", c.Name, s.Code, s.Word, c.Title)
		zTrigger(triggers, "    ", zabbixUUID("trigger", t.Name, c.Name, s.Word), expr, c.Title+" "+s.Word+": "+zSummary, s.Priority, desc, t.Product)
	}
	period := "{$" + t.Macro + ".NODATA}"
	if c.NoData != "" {
		period = c.NoData
	}
	zTrigger(triggers, "    ", zabbixUUID("trigger", t.Name, c.Name, "nodata"),
		fmt.Sprintf("nodata(/%s/%s,%s)=1", t.Name, stateKey, period), c.Title+": no result for "+period, "AVERAGE",
		"No state from "+c.Name+": the external check is missing, not executable, or exceeds the Zabbix Timeout (see README.md).", t.Product)
}

// zTrigger writes one trigger (or trigger prototype) at indentation ind.
func zTrigger(b *bytes.Buffer, ind, uuid, expr, name, priority, desc, product string) {
	fmt.Fprintf(b, "%s- uuid: %s\n", ind, uuid)
	fmt.Fprintf(b, "%s  expression: %s\n", ind, yq(expr))
	fmt.Fprintf(b, "%s  name: %s\n", ind, yq(name))
	fmt.Fprintf(b, "%s  priority: %s\n", ind, priority)
	fmt.Fprintf(b, "%s  description: %s\n", ind, yq(desc))
	fmt.Fprintf(b, "%s  tags:\n%s    - tag: component\n%s      value: %s\n", ind, ind, ind, product)
}

// zDep is a dependent item or item prototype.
type zDep struct {
	Key, Name, ValueType, Units, Desc string
	Steps                             []zStep
	Valuemap                          bool
}

// zStep is one preprocessing step; Discard drops the value when the step
// fails (a value the run did not report), rather than an error.
type zStep struct {
	Type, Param string
	Discard     bool
}

// zDependent writes one dependent item of the master item at indentation
// ind (items and item prototypes have the same shape).
func zDependent(b *bytes.Buffer, ind string, t zTemplate, master string, d zDep) {
	fmt.Fprintf(b, "%s- uuid: %s\n", ind, zabbixUUID("item", t.Name, d.Key))
	fmt.Fprintf(b, "%s  name: %s\n", ind, yq(d.Name))
	fmt.Fprintf(b, "%s  type: DEPENDENT\n", ind)
	fmt.Fprintf(b, "%s  key: %s\n", ind, yq(d.Key))
	fmt.Fprintf(b, "%s  delay: '0'\n", ind)
	if d.ValueType == "TEXT" {
		fmt.Fprintf(b, "%s  history: 7d\n%s  trends: '0'\n", ind, ind)
	}
	fmt.Fprintf(b, "%s  value_type: %s\n", ind, d.ValueType)
	if d.Units != "" {
		fmt.Fprintf(b, "%s  units: %s\n", ind, yq(d.Units))
	}
	fmt.Fprintf(b, "%s  description: %s\n", ind, yq(d.Desc))
	if d.Valuemap {
		fmt.Fprintf(b, "%s  valuemap:\n%s    name: 'webim-checks state'\n", ind, ind)
	}
	zSteps(b, ind, d.Steps)
	fmt.Fprintf(b, "%s  master_item:\n%s    key: %s\n", ind, ind, yq(master))
	fmt.Fprintf(b, "%s  tags:\n%s    - tag: component\n%s      value: %s\n", ind, ind, ind, t.Product)
}

func zSteps(b *bytes.Buffer, ind string, steps []zStep) {
	fmt.Fprintf(b, "%s  preprocessing:\n", ind)
	for _, s := range steps {
		fmt.Fprintf(b, "%s    - type: %s\n%s      parameters:\n%s        - %s\n", ind, s.Type, ind, ind, yq(s.Param))
		if s.Discard {
			fmt.Fprintf(b, "%s      error_handler: DISCARD_VALUE\n", ind)
		}
	}
}

// zMacros writes a template's macros and its value map.
func zMacros(b *bytes.Buffer, t zTemplate) {
	macros := append([]zMacro{
		{"{$" + t.Macro + ".SCHEME}", t.Scheme, "Scheme of the URL the checks query, with {HOST.CONN}: https or http.", false},
		{"{$" + t.Macro + ".PORT}", t.Port, "Port of the URL the checks query.", false},
		{"{$" + t.Macro + ".PATH}", "", "Path prefix of the URL, if the service lives under one (e.g. /webim); empty otherwise.", false},
		{"{$" + t.Macro + ".TIMEOUT}", "2", "Deadline of a check in seconds (-t), retries included. Keep it below the Timeout of the Zabbix server or proxy (3 s by default; see README.md).", false},
		{"{$" + t.Macro + ".NODATA}", "30m", "How long without a result before the no-data trigger of a check fires.", false},
	}, t.Macros...)
	sort.SliceStable(macros, func(i, j int) bool { return macros[i].Name < macros[j].Name })
	b.WriteString("      macros:\n")
	for _, m := range macros {
		fmt.Fprintf(b, "        - macro: %s\n", yq(m.Name))
		if m.Value != "" {
			fmt.Fprintf(b, "          value: %s\n", yq(m.Value))
		}
		if m.Secret {
			b.WriteString("          type: SECRET_TEXT\n")
		}
		fmt.Fprintf(b, "          description: %s\n", yq(m.Desc))
	}
	b.WriteString("      valuemaps:\n")
	fmt.Fprintf(b, "        - uuid: %s\n", zabbixUUID("valuemap", t.Name, "state"))
	b.WriteString("          name: 'webim-checks state'\n          mappings:\n")
	for i, w := range []string{"OK", "WARNING", "CRITICAL", "UNKNOWN"} {
		fmt.Fprintf(b, "            - value: '%d'\n              newvalue: %s\n", i, w)
	}
}
