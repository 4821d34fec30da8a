package plugin

import (
	"errors"
	"strings"

	flags "github.com/jessevdk/go-flags"
)

// suggestFlag returns "; did you mean --warning?" when err is an unknown
// long flag close to one of the parser's (a typo: one edit, or two in a
// name of six letters or more), else "".
func suggestFlag(p *flags.Parser, err error) string {
	var ferr *flags.Error
	if !errors.As(err, &ferr) || ferr.Type != flags.ErrUnknownFlag {
		return ""
	}
	// go-flags: "unknown flag `warnign'"
	_, name, ok := strings.Cut(ferr.Message, "`")
	name, _, ok2 := strings.Cut(name, "'")
	if !ok || !ok2 || len([]rune(name)) < 2 {
		return ""
	}
	best, bestDist := "", 3
	eachOption(p, func(o *flags.Option) {
		if o.LongName == "" {
			return
		}
		if d := editDistance(strings.ToLower(name), o.LongName); d < bestDist {
			best, bestDist = o.LongName, d
		}
	})
	if best == "" || bestDist == 2 && len([]rune(name)) < 6 {
		return ""
	}
	return "; did you mean --" + best + "?"
}

// editDistance is the optimal string alignment distance of a and b: the
// fewest insertions, deletions, substitutions and swaps of two adjacent
// letters that turn one into the other (a swap is the commonest typo,
// and plain Levenshtein counts it as two).
func editDistance(a, b string) int {
	s, t := []rune(a), []rune(b)
	// rows i-2, i-1 and i of the table
	prev2, prev, cur := make([]int, len(t)+1), make([]int, len(t)+1), make([]int, len(t)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(s); i++ {
		cur[0] = i
		for j := 1; j <= len(t); j++ {
			cost := 1
			if s[i-1] == t[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && s[i-1] == t[j-2] && s[i-2] == t[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(t)]
}
