// Package httpc is the one HTTP client of the suite (CONTRACT section 6):
// go-retryablehttp over a net/http transport with keep-alive off, the run's
// deadline, retries only on connection errors and 429/502/503/504, a body
// cap, at most three redirects and never to another host with credentials,
// an -vvv trace with credentials redacted, and failures wrapped in the
// kinds of package plugin so that they map to states in one place.
package httpc
