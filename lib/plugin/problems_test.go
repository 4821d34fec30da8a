package plugin_test

import (
	"testing"

	"github.com/ccmon/webim-checks/lib/plugin"
)

func TestProblems(t *testing.T) {
	tests := []struct {
		name    string
		add     []plugin.Partial
		max     int
		summary string
		state   plugin.State
		applied string
	}{
		{name: "none", summary: "", state: plugin.OK, applied: "3 accounts"},
		{name: "ok is not a problem", add: []plugin.Partial{{plugin.OK, "fine"}}, state: plugin.OK, applied: "3 accounts"},
		{name: "worst first, stable within a state", max: 5, add: []plugin.Partial{
			{plugin.Warning, "w1"}, {plugin.Critical, "c1"}, {plugin.Unknown, "u1"}, {plugin.Critical, "c2"}},
			summary: "c1; c2; u1; w1", state: plugin.Critical, applied: "c1; c2; u1; w1; 3 accounts"},
		{name: "and N more", max: 2, add: []plugin.Partial{
			{plugin.Warning, "w1"}, {plugin.Warning, "w2"}, {plugin.Warning, "w3"}, {plugin.Critical, "c1"}},
			summary: "c1; w1 and 2 more", state: plugin.Critical, applied: "c1; w1 and 2 more; 3 accounts"},
		{name: "all with max 0", max: 0, add: []plugin.Partial{{plugin.Warning, "w1"}, {plugin.Warning, "w2"}},
			summary: "w1; w2", state: plugin.Warning, applied: "w1; w2; 3 accounts"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var ps plugin.Problems
			for _, p := range tt.add {
				ps.Add(p.State, p.Text)
			}
			if got := ps.Summary(tt.max); got != tt.summary {
				t.Errorf("Summary = %q, want %q", got, tt.summary)
			}
			if got := ps.State(); got != tt.state {
				t.Errorf("State = %v, want %v", got, tt.state)
			}
			res := &plugin.Result{Summary: "3 accounts"}
			ps.Apply(res, tt.max)
			if res.Summary != tt.applied || res.State != tt.state {
				t.Errorf("Apply: %v %q, want %v %q", res.State, res.Summary, tt.state, tt.applied)
			}
		})
	}
}

func TestPlural(t *testing.T) {
	tests := []struct {
		name, got, want string
	}{
		{"zero", plugin.Plural(0, "account"), "0 accounts"},
		{"one", plugin.Plural(1, "account"), "1 account"},
		{"many", plugin.Plural(12, "channel"), "12 channels"},
		{"irregular", plugin.PluralOf(2, "box", "boxes"), "2 boxes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got != tt.want {
				t.Errorf("got %q, want %q", tt.got, tt.want)
			}
		})
	}
}

func TestPerfDefMatches(t *testing.T) {
	tests := []struct {
		decl, label string
		want        bool
	}{
		{"time", "time", true},
		{"time", "times", false},
		{"ACCOUNT_in_queue", "demo_in_queue", true},
		{"ACCOUNT_in_queue", "_in_queue", false},
		{"ACCOUNT_in_queue", "demo_backlog", false},
		{"TIMER_max", "BackgroundStorager_0_max", true},
		{"CHANNEL_errors", "telegram_errors", true},
		{"METRIC", "anything", true},
	}
	for _, tt := range tests {
		t.Run(tt.decl+" "+tt.label, func(t *testing.T) {
			if got := (plugin.PerfDef{Label: tt.decl}).Matches(tt.label); got != tt.want {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}
