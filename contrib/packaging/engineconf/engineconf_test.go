package engineconf_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccmon/webim-checks/contrib/packaging/engineconf"
)

func TestSplitCommandLine(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"blanks", "  a  b\tc ", []string{"a", "b", "c"}},
		{"single quotes", `-U 'two words' -x`, []string{"-U", "two words", "-x"}},
		{"double quotes", `-H "a b"`, []string{"-H", "a b"}},
		{"empty quoted", `-P '' -q`, []string{"-P", "", "-q"}},
		{"quote inside a word", `a'b c'd`, []string{"ab cd"}},
		{"nothing", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, engineconf.SplitCommandLine(tt.in))
		})
	}
}

func TestPerfLabels(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{
		{"plain", "time=0.1s;;;0 failed=0;0;;0", []string{"time", "failed"}},
		{"quoted with blank", "'a b'=1 c=2", []string{"a b", "c"}},
		{"extra blanks", "  x=1   y=2 ", []string{"x", "y"}},
		{"none", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, engineconf.PerfLabels(tt.in))
		})
	}
}

func TestIcingaCommands(t *testing.T) {
	conf := `/* a comment with object CheckCommand "fake" { } */
object CheckCommand "demo" {
	import "ipv4-or-ipv6"
	command = [ PluginDir + "/check_demo" ]  // trailing comment
	arguments = {
		"--host" = {
			value = "$demo_host$"
			description = "a \"quoted\" {brace}"
		}
		"--tag" = {
			value = "$demo_tag$"
			repeat_key = true
		}
		"--insecure" = {
			set_if = "$demo_insecure$"
		}
	}
	env = {
		DEMO_PASSWORD = "$demo_password$"
	}
	vars.demo_host = "http://x/#not-a-comment"
}
`
	cmds, err := engineconf.IcingaCommands(conf)
	require.NoError(t, err)
	require.Len(t, cmds, 1)
	c := cmds["demo"]
	assert.Equal(t, "check_demo", c.Plugin)
	assert.Equal(t, map[string]string{"--host": "demo_host", "--tag": "demo_tag"}, c.Args)
	assert.Equal(t, map[string]string{"--insecure": "demo_insecure"}, c.Bools)
	assert.Equal(t, map[string]bool{"--host": false, "--tag": true, "--insecure": false}, c.Repeat)
	assert.Equal(t, map[string]string{"DEMO_PASSWORD": "demo_password"}, c.Env)

	_, err = engineconf.IcingaCommands(`object CheckCommand "bad" { arguments = { "--x" = { description = "no value" } } }`)
	assert.ErrorContains(t, err, "--x has no value")
}

func TestIcingaState(t *testing.T) {
	obj := func(s string) string { return strings.Join([]string{strconv.Itoa(len(s)), ":", s, ","}, "") }
	state := obj(`{"name":"ido","type":"CheckCommand","update":{}}`) +
		obj(`{"name":"sim!db","type":"Service","update":{"last_check_result":{"exit_status":2,"state":2,"output":"WEBIM DB CRITICAL - down","performance_data":["time=0.1s;;;0"],"command":["/p/check_webim_db","--host","x"]}}}`) +
		obj(`{"name":"sim!new","type":"Service","update":{"last_check_result":null}}`)
	got, err := engineconf.IcingaState(strings.NewReader(state))
	require.NoError(t, err)
	require.Len(t, got, 1)
	assert.Equal(t, engineconf.CheckResult{ExitStatus: 2, State: 2, Output: "WEBIM DB CRITICAL - down",
		Perfdata: []string{"time=0.1s;;;0"}, Command: []string{"/p/check_webim_db", "--host", "x"}}, got["sim!db"])

	for name, bad := range map[string]string{"no length": ":{},", "short": "10:{},", "not JSON": "2:{{,"} {
		t.Run(name, func(t *testing.T) {
			_, err := engineconf.IcingaState(strings.NewReader(bad))
			assert.Error(t, err)
		})
	}
}

func TestNagiosStatus(t *testing.T) {
	status := `info {
	version=4.4.6
	}
servicestatus {
	host_name=sim
	service_description=db
	has_been_checked=1
	current_state=2
	plugin_output=WEBIM DB CRITICAL - down
	performance_data=time=0.1s;;;0
	}
servicestatus {
	host_name=sim
	service_description=pending
	has_been_checked=0
	}
`
	got := engineconf.NagiosStatus([]byte(status))
	require.Len(t, got, 1)
	assert.Equal(t, "2", got["sim!db"]["current_state"])
	assert.Equal(t, "WEBIM DB CRITICAL - down", got["sim!db"]["plugin_output"])
	assert.Equal(t, "time=0.1s;;;0", got["sim!db"]["performance_data"])
}

func TestNagiosObjects(t *testing.T) {
	cfg := `# comment
define command {
    command_name    a
    command_line    $USER1$/check_a -H '$HOSTADDRESS$' $ARG1$   
}
define service{
    service_description x
}
define command {
    command_name    b
    command_line    /bin/true
}
`
	cmds := engineconf.NagiosObjects(cfg, "command")
	require.Len(t, cmds, 2)
	assert.Equal(t, "$USER1$/check_a -H '$HOSTADDRESS$' $ARG1$", cmds[0]["command_line"])
	assert.Equal(t, "b", cmds[1]["command_name"])
}
