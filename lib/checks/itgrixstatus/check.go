// Package itgrixstatus is check_itgrix_status: is the Itgrix connector
// running, and does it report an error? GET :8077/status with the admin
// panel login over HTTP Digest (CONTRACT section 8, seed 001 "Stop/restart
// status of the application").
package itgrixstatus

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/ccmon/webim-checks/lib/httpc"
	"github.com/ccmon/webim-checks/lib/itgrix"
	"github.com/ccmon/webim-checks/lib/plugin"
)

// maxErrInSummary bounds the app_err quoted in the summary, in characters;
// the whole text goes to the long output when it is cut.
const maxErrInSummary = 200

// Check is check_itgrix_status. The zero value is ready to parse flags into.
type Check struct {
	Login plugin.Login `group:"Itgrix admin panel login" env-namespace:"ITGRIX"`
}

// New returns the check with its defaults.
func New() *Check { return &Check{} }

// Info describes the check.
func (c *Check) Info() plugin.Info {
	return plugin.Info{
		Name:     "check_itgrix_status",
		Prefix:   "ITGRIX STATUS",
		Interval: "1m",
		Product:  itgrix.Product,
		Perf:     plugin.WithTime(nil),
		Short:    "Checks that the Itgrix connector is running and reports no error (GET :8077/status, app_state, app_status and app_err).",
		States: []string{
			`OK        app_state "" (normal operation) and app_status Ok (or none)`,
			"WARNING   app_state restarting, or app_status Warning",
			"CRITICAL  app_state stopped (the application waits for the user), or app_status Error; or the server is down, times out or answers 5xx",
			"UNKNOWN   no app_state in the answer, an app_state or app_status the documentation does not know, wrong login (HTTP 401/403), an answer that is not JSON, bad command line",
		},
		Examples: []string{
			"ITGRIX_USER=admin ITGRIX_PASSWORD=secret check_itgrix_status -H asterisk.example.com",
			"check_itgrix_status -H http://10.0.0.5:8077 -U admin --password-file /etc/nagios/itgrix.pw",
		},
	}
}

// Run performs the check.
func (c *Check) Run(ctx context.Context, env *plugin.Env) (*plugin.Result, error) {
	st, err := itgrix.FetchStatus(ctx, env, c.Login)
	if err != nil {
		return nil, err
	}
	res := judge(st)
	if env.Verbosity() >= 1 && st.Layout != itgrix.LayoutNone {
		res.AddLong("app_state and app_status read from %s of the status answer", st.Layout)
	}
	return res, nil
}

// judge turns a status answer into a result (without the "time" perfdata).
func judge(st *itgrix.Status) *plugin.Result {
	problems, facts := details(st)
	statusState, status := judgeStatus(st)
	quoted, cut := quoteErr(st.ErrorText())
	if cut {
		problems = append([]string{"app_err: " + oneLine(st.ErrorText())}, problems...)
	}
	if st.AppState == nil {
		res := judgeNoState(statusState, status, quoted, cut, problems)
		res.Long = append(res.Long, facts...)
		return res
	}
	res := &plugin.Result{}
	var phrase string
	switch state := *st.AppState; state {
	case "":
		phrase = "application running"
	case "restarting":
		res.State = plugin.Warning
		phrase = "application restarting"
	case "stopped":
		res.State = plugin.Critical
		phrase = "application stopped"
	default:
		res.State = plugin.Unknown
		phrase = fmt.Sprintf(`unknown app_state %q (expected "", restarting or stopped)`, state)
	}
	raised := plugin.Severity(statusState) > plugin.Severity(res.State)
	res.Raise(statusState)

	var b strings.Builder
	b.WriteString(phrase)
	if raised && *st.AppState == "" {
		b.WriteString(" but reports status " + status)
		status = ""
	}
	if quoted != "" {
		b.WriteString(": " + quoted)
	}
	switch {
	case status == "":
	case strings.HasSuffix(b.String(), ")") || statusState == plugin.Unknown:
		b.WriteString("; status " + status)
	default:
		b.WriteString(" (status " + status + ")")
	}
	res.Summary = b.String()
	res.Long = append(problems, facts...)
	return res
}

// judgeStatus reads app_status, the status shown at the top of the admin
// panel: the state it raises to and how to name it. One the documentation
// does not know cannot be judged (UNKNOWN), never OK.
func judgeStatus(st *itgrix.Status) (plugin.State, string) {
	if st.AppStatus == nil {
		return plugin.OK, ""
	}
	status := strings.TrimSpace(*st.AppStatus)
	switch strings.ToLower(status) {
	case "", "ok":
		return plugin.OK, status
	case "warning":
		return plugin.Warning, status
	case "error":
		return plugin.Critical, status
	}
	return plugin.Unknown, fmt.Sprintf("%q (not Ok, Warning or Error)", status)
}

// judgeNoState is the result of an answer without app_state: UNKNOWN,
// unless app_status raises it (Error is CRITICAL even without app_state,
// and says so first).
func judgeNoState(statusState plugin.State, status, quoted string, cut bool, problems []string) *plugin.Result {
	const missing = "no app_state in the answer (looked at the top level and under app)"
	res := &plugin.Result{State: plugin.Unknown, Summary: missing}
	if plugin.Severity(statusState) > plugin.Severity(res.State) {
		res.State = statusState
		res.Summary = "application reports status " + status
		if quoted != "" {
			res.Summary += ": " + quoted
		}
		res.Summary += "; " + missing
		res.Long = problems
		return res
	}
	if status != "" {
		problems = append([]string{"app_status " + status}, problems...)
	}
	if quoted != "" && !cut {
		problems = append([]string{"app_err: " + quoted}, problems...)
	}
	res.Long = problems
	return res
}

// quoteErr quotes app_err for the summary, cut to maxErrInSummary
// characters; cut says whether it was.
func quoteErr(e string) (string, bool) {
	if strings.TrimSpace(e) == "" {
		return "", false
	}
	s := oneLine(e)
	r := []rune(s)
	if len(r) > maxErrInSummary {
		return strconv.Quote(string(r[:maxErrInSummary]) + "..."), true
	}
	return strconv.Quote(s), false
}

func oneLine(s string) string { return httpc.Snippet([]byte(s), 1<<20) }

// details returns what else is useful in the answer, as long-output lines:
// problems (CRM off or refused, click-to-call down, calls piling up) and
// facts (version, CRM).
func details(st *itgrix.Status) (problems, facts []string) {
	if a := st.App; a != nil {
		if line, bad := crmLine(a); line != "" {
			if bad {
				problems = append(problems, line)
			} else {
				facts = append(facts, line)
			}
		}
		if c := a.C2C; c != nil && c.On.True() && c.Connected.False() {
			problems = append(problems, "click-to-call: not connected"+suffix(c.URL))
		}
		queued, stored := 0, 0
		if a.CallsQueue != nil {
			queued = a.CallsQueue.Calls
		}
		if a.CallsStorage != nil {
			stored = a.CallsStorage.Calls
		}
		if queued > 0 || stored > 0 {
			problems = append(problems, fmt.Sprintf("calls waiting: %d in the queue, %d in storage", queued, stored))
		}
	}
	if st.Version != "" {
		facts = append(facts, "version "+st.Version)
	}
	return problems, facts
}

// crmLine describes the CRM connection; bad when it is off or the CRM
// refused the authorization.
func crmLine(a *itgrix.App) (string, bool) {
	crm := a.CRM
	if crm == nil {
		return "", false
	}
	name := "CRM"
	if a.CRMType != "" {
		name += " " + a.CRMType
	}
	name += suffix(crm.Host)
	var authErr string
	connectorOff := false
	if m := crm.Manager; m != nil && m.Connector != nil {
		authErr = m.Connector.AuthSeq.AuthError()
		connectorOff = m.Connector.On.False()
	}
	switch {
	case crm.On.False():
		return withAuth(name+": off", authErr), true
	case connectorOff:
		return withAuth(name+": connector off", authErr), true
	case authErr != "":
		return withAuth(name+": on", authErr), true
	case crm.On.True():
		return name + ": on", false
	}
	return "", false
}

func withAuth(line, authErr string) string {
	if authErr == "" {
		return line
	}
	q, _ := quoteErr(authErr)
	return line + ", authorization error " + q
}

func suffix(s string) string {
	if s == "" {
		return ""
	}
	return " (" + s + ")"
}
