package plugin

import flags "github.com/jessevdk/go-flags"

// NewParser returns the command-line parser of c exactly as the runtime
// builds it (the check's options, then the common ones), without parsing
// anything. Tools that describe a check from its flag definitions (man
// pages, engine configurations) start from it, so that what they describe
// is what the check accepts.
func NewParser(c Check) *flags.Parser {
	return newParser(c.Info(), c, &Common{})
}

// Options returns every option of p, nested groups included, in the order
// of --help.
func Options(p *flags.Parser) []*flags.Option {
	var out []*flags.Option
	eachOption(p, func(o *flags.Option) { out = append(out, o) })
	return out
}
