package plugin

// TimeDef declares the "time" perfdata that the runtime adds for every
// check that made HTTP requests (see [Result.TimeThresholds]).
var TimeDef = PerfDef{Label: "time", Unit: "s", Meaning: "seconds from the request to the last byte of the answer, retries included"}

// WithTime returns the perfdata declarations of a check that makes HTTP
// requests: its own (nil for none), in the order it emits them, then
// [TimeDef], which the runtime emits last. A check that reports "time"
// itself, with another meaning, declares it in its own place instead.
func WithTime(own []PerfDef) []PerfDef {
	return append(own[:len(own):len(own)], TimeDef)
}
