// Package wagateway is check_wa_gateway: is the WhatsApp Business API
// client connected to the WhatsApp servers? GET /v1/health with an API key
// or a Bearer token (CONTRACT section 8, seed 002), in a single instance,
// high availability (--shards 1) or multiconnect (--shards N).
package wagateway

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/ccmon/webim-checks/lib/httpc"
	"github.com/ccmon/webim-checks/lib/plugin"
	"github.com/ccmon/webim-checks/lib/wa"
)

// Check is check_wa_gateway. The zero value is ready to parse flags into.
type Check struct {
	Credentials wa.Credentials `group:"WhatsApp Business API credentials"`
	Shards      int            `long:"shards" value-name:"N" default:"1" description:"number of shards: 1 for a single instance or high availability (exactly one coreapp connected), N > 1 for multiconnect (N coreapps and the primary master connected)"`
}

// New returns the check with its defaults.
func New() *Check { return &Check{Shards: 1} }

// Info describes the check.
func (c *Check) Info() plugin.Info {
	return plugin.Info{
		Name:    "check_wa_gateway",
		Prefix:  "WA GATEWAY",
		Product: wa.Product,
		Perf: plugin.WithTime([]plugin.PerfDef{
			{Label: "connected_coreapps", Meaning: "coreapps connected to WhatsApp"},
			{Label: "nodes", Meaning: "nodes in the health answer"},
		}),
		Items: "node",
		Short: "Checks that the WhatsApp Business API client is connected to the WhatsApp servers (GET /v1/health).",
		States: []string{
			"OK        single instance connected or connecting; high availability: exactly one coreapp connected (every other node disconnected is normal); multiconnect: N coreapps and the primary master connected",
			"WARNING   single instance uninitialized (start-up or database schema upgrade); high availability: more than one coreapp connected; multiconnect: fewer or more coreapps than shards, or the primary master not connected; a node unregistered or uninitialized",
			"CRITICAL  single instance unregistered or disconnected; no coreapp connected; the client is down, times out or answers 5xx",
			"UNKNOWN   API key or token refused (HTTP 401/403); an API key not 12 to 128 characters; a status or role the vendor does not document; an answer that is not the documented one; bad command line",
			"Note: the client caches its health for up to about 5 minutes, so a change of state can show that much later.",
		},
		Examples: []string{
			"WA_API_KEY=... check_wa_gateway -H wa.example.com",
			"check_wa_gateway -H https://wa.example.com:9090 --api-key-file /etc/nagios/wa.key --shards 2",
			"WA_TOKEN=... check_wa_gateway -H wa.example.com",
		},
	}
}

// Validate checks the options and the credentials before any request.
func (c *Check) Validate(env *plugin.Env) error {
	if c.Shards < 1 {
		return plugin.Errorf(plugin.ErrUsage, "--shards must be 1 or more (1: single instance or high availability; N: multiconnect with N shards), not %d", c.Shards)
	}
	_, err := c.Credentials.Resolve(env)
	return err
}

// Run performs the check.
func (c *Check) Run(ctx context.Context, env *plugin.Env) (*plugin.Result, error) {
	shards := max(c.Shards, 1)
	cl, err := wa.New(env, c.Credentials)
	if err != nil {
		return nil, err
	}
	h, err := cl.Health(ctx)
	if err != nil {
		return nil, err
	}
	var res *plugin.Result
	if h.Cluster {
		res = judgeCluster(h, shards)
	} else {
		res = judgeSingle(h, shards)
	}
	if v := h.Meta.Version; v != "" {
		line := "client version " + v
		if s := h.Meta.APIStatus; s != "" {
			line += " (API " + s + ")"
		}
		res.AddLong("%s", line)
	}
	return res, nil
}

// summary joins the parts, problems first and the most severe first (see
// plugin.Problems), then what is fine, then where they were seen (mode and
// counts).
func summary(parts []plugin.Partial, where string) (plugin.State, string) {
	var ps plugin.Problems
	var texts []string
	for _, p := range parts {
		ps.Add(p.State, p.Text)
	}
	if s := ps.Summary(0); s != "" {
		texts = append(texts, s)
	}
	for _, p := range parts {
		if p.State == plugin.OK {
			texts = append(texts, p.Text)
		}
	}
	if where != "" {
		texts = append(texts, where)
	}
	return ps.State(), strings.Join(texts, "; ")
}

// judgeSingle judges the single-instance form: {"health": {"gateway_status": ...}}.
func judgeSingle(h *wa.Health, shards int) *plugin.Result {
	res := &plugin.Result{}
	raw := h.GatewayStatus
	var ps []plugin.Partial
	var okText string
	connected := 0.0
	switch wa.Normalize(raw) {
	case wa.StatusConnected:
		okText, connected = "gateway connected to the WhatsApp servers", 1
	case wa.StatusConnecting:
		okText, connected = "gateway connecting to the WhatsApp servers (a healthy state for the vendor)", 1
	case wa.StatusUninitialized:
		ps = append(ps, plugin.Partial{State: plugin.Warning, Text: "gateway uninitialized: the client is starting up or upgrading its database schema (wait a few minutes; contact WhatsApp support if it persists)"})
	case wa.StatusUnregistered:
		ps = append(ps, plugin.Partial{State: plugin.Critical, Text: "gateway unregistered: the client is not registered (register the phone number with the client)"})
	case wa.StatusDisconnected:
		ps = append(ps, plugin.Partial{State: plugin.Critical, Text: "gateway disconnected: the client is not connected to the WhatsApp servers"})
	case "":
		ps = append(ps, plugin.Partial{State: plugin.Unknown, Text: "gateway_status is empty"})
	default:
		ps = append(ps, plugin.Partial{State: plugin.Unknown, Text: fmt.Sprintf("gateway_status %q is not a documented state (connected, connecting, uninitialized, unregistered, disconnected)", clean(raw))})
	}
	if shards > 1 {
		ps = append(ps, plugin.Partial{State: plugin.Unknown, Text: fmt.Sprintf("--shards=%d expects multiconnect, but the client answered as a single instance", shards)})
		if okText != "" {
			ps = append(ps, plugin.Partial{State: plugin.OK, Text: okText})
		}
	}
	if len(ps) == 0 {
		res.Summary = okText
	} else {
		res.State, res.Summary = summary(ps, "")
	}
	res.AddLong("single instance: gateway_status %s", clean(raw))
	res.AddPerf(
		plugin.Perf{Label: "connected_coreapps", Value: connected, Min: plugin.Float(0), Max: plugin.Float(1)},
		plugin.Perf{Label: "nodes", Value: 1, Min: plugin.Float(0)},
	)
	return res
}

// node is a node of a cluster answer as judged.
type node struct {
	wa.Node
	status, role string // normalized
	state        plugin.State
	note         string
}

func (n *node) healthy() bool {
	return n.status == wa.StatusConnected || n.status == wa.StatusConnecting
}

func (n *node) label() string { return fmt.Sprintf("%s (%s)", n.Name, n.Role) }

var roleOrder = map[string]int{wa.RolePrimaryMaster: 0, wa.RoleSecondaryMaster: 1, wa.RoleCoreapp: 2}

// judgeCluster judges the high-availability / multiconnect form. With
// shards = 1 (high availability) exactly one coreapp is connected and every
// other node, the primary master included, is disconnected; with N shards
// (multiconnect) N coreapps and the primary master are connected (seed 002).
func judgeCluster(h *wa.Health, shards int) *plugin.Result {
	ha := shards == 1
	cl := classify(h)
	th := countThresholds(shards)
	n := len(cl.connected)
	ps := judgeCount(cl, ha, shards, th.Evaluate(float64(n)))
	var master *node
	if !ha {
		master = primaryMaster(cl.masters)
		ps = append(ps, judgeMaster(master)...)
	}
	ps = append(ps, judgeStatuses(cl.nodes)...)

	mode := modeName(shards)
	total := plugin.Plural(len(cl.nodes), "node")
	res := &plugin.Result{}
	if len(ps) == 0 {
		res.Summary = fmt.Sprintf("%s (%s, %s)", okSummary(ha, cl.connected, cl.connecting, master, len(cl.nodes)), mode, total)
	} else {
		res.State, res.Summary = summary(ps, fmt.Sprintf("%s: %s connected, %s", mode, plugin.Plural(n, "coreapp"), total))
	}
	writeNodes(res, cl.nodes, ha, master)
	res.AddLong("mode: %s (--shards=%d), %d of %s connected", mode, shards, n, plugin.Plural(len(cl.coreapps), "coreapp"))
	res.AddPerf(
		plugin.Perf{Label: "connected_coreapps", Value: float64(n), Warn: th.Warn, Crit: th.Crit, Min: plugin.Float(0)},
		plugin.Perf{Label: "nodes", Value: float64(len(cl.nodes)), Min: plugin.Float(0)},
	)
	return res
}

// cluster is the nodes of a cluster answer, made printable and grouped by
// what the judging looks at.
type cluster struct {
	nodes      []*node // every node, in the order of the answer
	coreapps   []*node // the nodes whose role is coreapp
	connected  []*node // the coreapps connected or connecting
	connecting int     // how many of connected are connecting
	masters    []*node // the nodes whose role is primary_master
}

// classify turns the nodes of the answer into judged nodes (names, statuses
// and roles cleaned for printing, normalized for comparing) and groups them.
func classify(h *wa.Health) *cluster {
	cl := &cluster{nodes: make([]*node, len(h.Nodes))}
	for i, n := range h.Nodes {
		nd := &node{
			Node:   wa.Node{Name: clean(n.Name), GatewayStatus: clean(n.GatewayStatus), Role: clean(n.Role)},
			status: wa.Normalize(n.GatewayStatus),
			role:   wa.Normalize(n.Role),
		}
		cl.nodes[i] = nd
		switch nd.role {
		case wa.RoleCoreapp:
			cl.coreapps = append(cl.coreapps, nd)
			if nd.healthy() {
				cl.connected = append(cl.connected, nd)
				if nd.status == wa.StatusConnecting {
					cl.connecting++
				}
			}
		case wa.RolePrimaryMaster:
			cl.masters = append(cl.masters, nd)
		}
	}
	return cl
}

// modeName names the mode the shards select, for the summary and the long
// output.
func modeName(shards int) string {
	if shards == 1 {
		return "high availability"
	}
	return fmt.Sprintf("multiconnect with %d shards", shards)
}

// countThresholds are the count of connected coreapps as thresholds, so
// that perfdata says the same as the judging: none is critical, any other
// number than the shards warns.
func countThresholds(shards int) plugin.Thresholds {
	return plugin.Thresholds{Warn: plugin.MustRange(fmt.Sprintf("%d:%d", shards, shards)), Crit: plugin.MustRange("1:")}
}

// judgeCount judges the number of connected coreapps against the shards
// (countState is that number against [countThresholds]) and marks the
// coreapps that make it wrong: the missing ones when there are too few, the
// connected ones when there are too many.
func judgeCount(cl *cluster, ha bool, shards int, countState plugin.State) []plugin.Partial {
	n := len(cl.connected)
	var ps []plugin.Partial
	switch {
	case len(cl.coreapps) == 0:
		ps = append(ps, plugin.Partial{State: plugin.Critical, Text: fmt.Sprintf("no coreapp among the %s of the answer", plugin.Plural(len(cl.nodes), "node"))})
	case n == 0:
		ps = append(ps, plugin.Partial{State: plugin.Critical, Text: "no coreapp connected to WhatsApp (" + statusCounts(cl.coreapps) + ")"})
	case ha && n > 1:
		ps = append(ps, plugin.Partial{State: countState, Text: fmt.Sprintf("%d coreapps connected to WhatsApp (%s), expected exactly 1 in high availability; if this is multiconnect, set --shards=%d", n, names(cl.connected), n)})
	case !ha && n < shards:
		ps = append(ps, plugin.Partial{State: countState, Text: fmt.Sprintf("only %s connected to WhatsApp (%s), expected %d, one per shard", plugin.Plural(n, "coreapp"), names(cl.connected), shards)})
	case !ha && n > shards:
		ps = append(ps, plugin.Partial{State: countState, Text: fmt.Sprintf("%d coreapps connected to WhatsApp, expected %d, one per shard (is --shards right?)", n, shards)})
	}
	if countState == plugin.OK {
		return ps
	}
	for _, c := range cl.coreapps {
		if (n < shards && !c.healthy()) || (n > shards && c.healthy()) {
			c.state = countState
		}
	}
	return ps
}

// primaryMaster picks the primary master that counts in multiconnect: a
// healthy one if there is any, else the last one of the answer; nil when
// the answer has none.
func primaryMaster(masters []*node) *node {
	var master *node
	for _, m := range masters {
		if master == nil || m.healthy() {
			master = m
		}
	}
	return master
}

// judgeMaster judges the primary master in multiconnect: it must be in the
// answer and connected (or connecting).
func judgeMaster(master *node) []plugin.Partial {
	switch {
	case master == nil:
		return []plugin.Partial{{State: plugin.Warning, Text: "no primary master in the answer"}}
	case !master.healthy():
		master.state = plugin.Warning
		return []plugin.Partial{{State: plugin.Warning, Text: fmt.Sprintf("primary master %s is %s", master.Name, master.GatewayStatus)}}
	}
	return nil
}

// judgeStatuses judges the node statuses the vendor's states single out,
// whatever the role of the node: unregistered and uninitialized nodes warn,
// statuses and roles the vendor does not document are UNKNOWN. Each node
// is named.
func judgeStatuses(nodes []*node) []plugin.Partial {
	var unregistered, uninitialized []*node
	var odd []string
	for _, nd := range nodes {
		if what := judgeNode(nd); what != "" {
			odd = append(odd, nd.Name+" has "+what)
		}
		switch nd.status {
		case wa.StatusUnregistered:
			unregistered = append(unregistered, nd)
		case wa.StatusUninitialized:
			uninitialized = append(uninitialized, nd)
		}
	}
	var ps []plugin.Partial
	switch {
	case len(odd) == 1:
		ps = append(ps, plugin.Partial{State: plugin.Unknown, Text: "node " + odd[0] + ", which the vendor does not document"})
	case len(odd) > 1:
		ps = append(ps, plugin.Partial{State: plugin.Unknown, Text: fmt.Sprintf("%d nodes report values the vendor does not document: %s", len(odd), listStrings(odd))})
	}
	if len(unregistered) > 0 {
		ps = append(ps, plugin.Partial{State: plugin.Warning, Text: "unregistered (the client is not registered): " + labels(unregistered)})
	}
	if len(uninitialized) > 0 {
		ps = append(ps, plugin.Partial{State: plugin.Warning, Text: "uninitialized (starting up or upgrading the database schema): " + labels(uninitialized)})
	}
	return ps
}

// judgeNode raises the state of one node for its status and role, and sets
// its note. It returns what the node reports that the vendor does not
// document (e.g. `gateway_status "standby" and role "arbiter"`), or "".
func judgeNode(nd *node) (undocumented string) {
	var notes, odd []string
	switch nd.status {
	case wa.StatusConnected, wa.StatusConnecting, wa.StatusDisconnected:
	case wa.StatusUnregistered:
		nd.state = plugin.Worst(nd.state, plugin.Warning)
		notes = append(notes, "the client is not registered")
	case wa.StatusUninitialized:
		nd.state = plugin.Worst(nd.state, plugin.Warning)
		notes = append(notes, "starting up or upgrading the database schema")
	default:
		odd = append(odd, fmt.Sprintf("gateway_status %q", nd.GatewayStatus))
	}
	if _, known := roleOrder[nd.role]; !known {
		odd = append(odd, fmt.Sprintf("role %q", nd.Role))
	}
	if len(odd) > 0 {
		nd.state = plugin.Worst(nd.state, plugin.Unknown)
		undocumented = strings.Join(odd, " and ")
		notes = append(notes, "undocumented "+undocumented)
	}
	nd.note = strings.Join(notes, "; ")
	return undocumented
}

// writeNodes writes the long output: a line for every node, the problems
// first, then by role and name. A healthy node's line explains why it is
// fine.
func writeNodes(res *plugin.Result, nodes []*node, ha bool, master *node) {
	for _, nd := range nodes {
		if nd.state == plugin.OK && nd.note == "" {
			nd.note = normalNote(nd, ha, master)
		}
	}
	sort.SliceStable(nodes, func(i, j int) bool {
		a, b := nodes[i], nodes[j]
		if sa, sb := plugin.Severity(a.state), plugin.Severity(b.state); sa != sb {
			return sa > sb
		}
		if ra, rb := roleRank(a.role), roleRank(b.role); ra != rb {
			return ra < rb
		}
		return a.Name < b.Name
	})
	for _, nd := range nodes {
		res.Long = append(res.Long, nodeLine(nd))
		res.Items = append(res.Items, nodeItem(nd))
	}
}

// roleRank orders the roles in the long output: primary master, secondary
// master, coreapp, then roles the vendor does not document.
func roleRank(role string) int {
	if r, ok := roleOrder[role]; ok {
		return r
	}
	return len(roleOrder)
}

// nodeLine is a node's line of the long output: name, role, status, and
// the state and note when there is one.
func nodeLine(nd *node) string {
	line := fmt.Sprintf("%s %s: %s", nd.Name, nd.Role, nd.GatewayStatus)
	switch {
	case nd.state != plugin.OK && nd.note != "":
		line += fmt.Sprintf(" (%s: %s)", nd.state, nd.note)
	case nd.state != plugin.OK:
		line += fmt.Sprintf(" (%s)", nd.state)
	case nd.note != "":
		line += " (" + nd.note + ")"
	}
	return line
}

// okSummary says what is healthy.
func okSummary(ha bool, connected []*node, connecting int, master *node, total int) string {
	if ha {
		c := connected[0]
		verb := "connected to WhatsApp"
		if c.status == wa.StatusConnecting {
			verb = "connecting to WhatsApp (a healthy state for the vendor)"
		}
		return fmt.Sprintf("coreapp %s %s; %s on standby", c.Name, verb, plugin.Plural(total-1, "other node"))
	}
	s := fmt.Sprintf("%d coreapps connected to WhatsApp, one per shard", len(connected))
	if connecting > 0 {
		s = fmt.Sprintf("%d coreapps connected to WhatsApp (%d connecting, a healthy state), one per shard", len(connected), connecting)
	}
	return s + fmt.Sprintf("; primary master %s %s", master.Name, master.GatewayStatus)
}

// normalNote explains a healthy node's line.
func normalNote(nd *node, ha bool, master *node) string {
	switch {
	case nd.status == wa.StatusConnecting:
		return "connecting counts as healthy"
	case nd.healthy():
		return ""
	case ha:
		return "standby, normal in high availability"
	case nd.role == wa.RoleCoreapp:
		return "spare"
	case nd != master:
		return "standby"
	}
	return ""
}

// statusCounts says how the nodes stand: "2 coreapps, all disconnected" or
// "2 coreapps: 1 disconnected, 1 unregistered".
func statusCounts(ns []*node) string {
	counts := map[string]int{}
	var order []string
	for _, n := range ns {
		s := n.GatewayStatus
		if counts[s] == 0 {
			order = append(order, s)
		}
		counts[s]++
	}
	sort.Strings(order)
	head := plugin.Plural(len(ns), "coreapp")
	if len(order) == 1 {
		if len(ns) == 1 {
			return head + ", " + order[0]
		}
		return head + ", all " + order[0]
	}
	parts := make([]string, len(order))
	for i, s := range order {
		parts[i] = fmt.Sprintf("%d %s", counts[s], s)
	}
	return head + ": " + strings.Join(parts, ", ")
}

// maxNamed is how many nodes a summary names before "and N more".
const maxNamed = 3

func names(ns []*node) string { return list(ns, func(n *node) string { return n.Name }) }

func labels(ns []*node) string { return list(ns, (*node).label) }

func list(ns []*node, f func(*node) string) string {
	out := make([]string, len(ns))
	for i, n := range ns {
		out[i] = f(n)
	}
	return listStrings(out)
}

// listStrings joins at most maxNamed items, then "and N more".
func listStrings(items []string) string {
	if len(items) > maxNamed {
		return strings.Join(items[:maxNamed], ", ") + fmt.Sprintf(" and %d more", len(items)-maxNamed)
	}
	return strings.Join(items, ", ")
}

// clean makes a product-supplied name printable on one line, at most 100
// characters.
func clean(s string) string { return httpc.Snippet([]byte(s), 100) }

// nodeItem is a node as a JSON item (Zabbix low-level discovery): its
// state, and its role, status and note as the summary.
func nodeItem(nd *node) plugin.Item {
	summary := fmt.Sprintf("%s: %s", nd.Role, nd.GatewayStatus)
	if nd.note != "" {
		summary += " (" + nd.note + ")"
	}
	return plugin.Item{Name: nd.Name, State: nd.state, Summary: summary}
}
