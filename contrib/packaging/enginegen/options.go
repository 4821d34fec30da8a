package main

import (
	"reflect"
	"strings"

	flags "github.com/jessevdk/go-flags"

	"github.com/ccmon/webim-checks/lib/checks/all"
	"github.com/ccmon/webim-checks/lib/plugin"
)

// check is what the generators know of one check.
type check struct {
	// Name is the binary, check_webim_db.
	Name string
	// Command is the Icinga CheckCommand and the prefix of the check's own
	// custom variables: webim_db.
	Command string
	// Product prefixes the variables the checks of a product share
	// (credentials, common options): webim, itgrix, wa.
	Product string
	Info    plugin.Info
	Options []option
}

// option is one flag of a check.
type option struct {
	Long      string
	Short     string
	ValueName string
	Desc      string
	Default   []string
	// Bool options take no value.
	Bool bool
	// Repeat options may be given more than once.
	Repeat bool
	// Secret options must not reach the command line of an engine: they
	// are passed in the environment variable Env instead.
	Secret bool
	Env    string
	// Shared options belong to the product (the common options, a login,
	// a state directory), not to one check; their variable carries the
	// product prefix.
	Shared bool
	// Namespace is the env-namespace of the option's group (WEBIM for
	// the Webim service login): the product the option belongs to.
	Namespace string
}

// Var is the custom variable of the option for check c: webim_timeout,
// webim_db_warning.
func (o option) Var(c check) string {
	p := c.Command
	switch {
	case o.Namespace != "":
		p = strings.ToLower(o.Namespace) // a login: webim_user, webim_handler_user
	case o.Shared:
		p = c.Product
	}
	return p + "_" + strings.ReplaceAll(o.Long, "-", "_")
}

// skipped are the flags an engine never passes: help and version end the
// run, -q prints nothing when OK (an engine shows an empty output), and
// the output format is the engine's business (Zabbix passes --format json
// itself).
var skipped = map[string]bool{"help": true, "version": true, "quiet": true, "format": true}

// checks describes every registered check, in name order.
func checks() []check {
	reg := all.Checks()
	var out []check
	for _, name := range all.Names() {
		c := reg[name]()
		cmd := strings.TrimPrefix(name, "check_")
		product, _, _ := strings.Cut(cmd, "_")
		d := check{Name: name, Command: cmd, Product: product, Info: c.Info()}
		p := plugin.NewParser(c)
		for _, g := range p.Groups() {
			// The parser's top groups are the check's options (options of
			// nested groups such as a login are shared) and the common
			// options (all shared).
			own := g.ShortDescription == "Check options"
			for _, o := range g.Options() {
				d.add(o, !own, nil)
			}
			walk(g.Groups(), func(o *flags.Option, sub *flags.Group) { d.add(o, true, sub) })
		}
		out = append(out, d)
	}
	return out
}

// walk calls f for every option of the groups and their subgroups, with
// the option's group.
func walk(gs []*flags.Group, f func(*flags.Option, *flags.Group)) {
	for _, g := range gs {
		for _, o := range g.Options() {
			f(o, g)
		}
		walk(g.Groups(), f)
	}
}

func (c *check) add(o *flags.Option, shared bool, g *flags.Group) {
	if o.LongName == "" || skipped[o.LongName] {
		return
	}
	t := o.Field().Type
	op := option{
		Long:      o.LongName,
		ValueName: o.ValueName,
		Desc:      o.Description,
		Default:   o.Default,
		Bool:      t.Kind() == reflect.Bool || (t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.Bool),
		Repeat:    t.Kind() == reflect.Slice,
		Shared:    shared,
		Env:       o.EnvKeyWithNamespace(),
		Namespace: namespaceOf(g),
	}
	if o.ShortName != 0 {
		op.Short = string(o.ShortName)
	}
	if op.Namespace != "" {
		// a login's flags say whose login they are
		op.Desc = g.ShortDescription + ": " + op.Desc
	}
	if _, ok := o.Value().(plugin.Secret); ok {
		op.Secret = true
	}
	c.Options = append(c.Options, op)
}

// option returns the option with the long name, if the check has it.
func (c check) option(long string) (option, bool) {
	for _, o := range c.Options {
		if o.Long == long {
			return o, true
		}
	}
	return option{}, false
}

// namespaceOf is the env-namespace of a group (WEBIM for the Webim service
// login), "" for none.
func namespaceOf(g *flags.Group) string {
	if g == nil {
		return ""
	}
	return g.EnvNamespace
}
