package webimtimers

import "github.com/ccmon/webim-checks/lib/plugin"

// longOut writes long-output lines while they fit a budget of bytes, and
// only formats those: an answer of 100 000 timers prints about 40 lines
// within the 4 KiB output cap, and formatting the others would be most of
// the check's work. The lines past the budget are counted, and a last
// line says how many were left out. A budget of 0 writes every line
// (--format json, which caps its output itself).
type longOut struct {
	res    *plugin.Result
	budget int
	used   int
	more   int // lines left out
}

// tail is the room kept for the last line, "... N more lines not listed".
const tail = 64

// add writes the line that line formats, if it fits.
func (l *longOut) add(line func() string) {
	if l.more > 0 {
		l.more++
		return
	}
	s := line()
	if l.budget > 0 && l.used+len(s)+1+tail > l.budget {
		l.more++
		return
	}
	l.used += len(s) + 1
	l.res.Long = append(l.res.Long, s)
}

// done writes the count of the lines left out, if any.
func (l *longOut) done() {
	if l.more > 0 {
		l.res.AddLong("... %s not listed (--format json lists more)", plugin.PluralOf(l.more, "more line", "more lines"))
	}
}

// firstLineLen bounds the length of the first output line of res, with
// room for the "time" perfdata the runtime adds.
func firstLineLen(prefix string, res *plugin.Result) int {
	n := len(prefix) + len(" CRITICAL - ") + len(res.Summary) + len(" | ") + 1 + 40
	var b []byte
	for _, p := range res.Perf {
		b = p.AppendTo(b[:0], plugin.SanitizeLabel(p.Label))
		n += len(b) + 3 // a space, and quotes a label may need
	}
	return n
}
