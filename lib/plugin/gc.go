package plugin

import (
	"math"
	"os"
	"runtime"
	"runtime/debug"
)

// oneShotHeap is the heap below which a check never collects garbage.
// A check lives a few milliseconds and allocates a few MiB; collecting
// costs CPU and threads for memory that the exit frees anyway. Answers
// of thousands of timers or accounts go beyond it (a 12 MB answer of
// 100 000 timers holds about 40 MiB); the collector then runs as usual.
const oneShotHeap = 32 << 20

// tuneGC sets the garbage collector for a one-shot process, once, from
// Main: off below oneShotHeap (a soft memory limit), and from the first
// collection the limit forces on, the ordinary collector (GOGC=100, no
// limit), so that a large answer costs what it ordinarily costs rather
// than a collection at every allocation near the limit. GOGC or
// GOMEMLIMIT in the environment wins: the settings are then left alone.
func tuneGC() {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetGCPercent(-1)
	debug.SetMemoryLimit(oneShotHeap)
	runtime.AddCleanup(new([32]byte), func(struct{}) {
		debug.SetGCPercent(100)
		debug.SetMemoryLimit(math.MaxInt64)
	}, struct{}{})
}

// largeAnswer is the size from which an answer is collected as soon as a
// client has read it into its own values (see [Release]).
const largeAnswer = 8 << 20

// Release is for a client that has read an answer into its own values:
// when the answer is largeAnswer bytes or more, it drops them (*body
// becomes nil) and collects garbage once. A check collects none below
// oneShotHeap, so the memory of a 12 MB answer could not otherwise be
// reused by what the check builds next (100 000 timers: 38 to 32.5 MiB at
// the peak, at little cost: the collection would come a little later
// anyway). A smaller answer is left as it is.
func Release(body *[]byte) {
	if len(*body) < largeAnswer {
		return
	}
	*body = nil
	runtime.GC()
}
