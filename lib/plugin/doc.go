// Package plugin is the runtime every check in this suite runs on: states and
// exit codes, threshold ranges, perfdata, results, output rendering, the
// common command-line flags, secrets, the run deadline and panic recovery.
//
// A check is a value implementing [Check]: its options are go-flags-tagged
// fields, and its Run method returns a [Result] or an error. It never prints
// and never exits; [Main] and [Run] do that, and only main packages call
// os.Exit with the code they return.
package plugin
