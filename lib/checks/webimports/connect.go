package webimports

import (
	"context"
	"errors"
	"net"
	"strconv"
	"sync"
)

// maxDials bounds the connections opened at once.
const maxDials = 16

// dialResult is the outcome of a TCP connection to one port.
type dialResult struct {
	Port int
	Err  error
}

// dialAll opens a TCP connection to each port of host, at most maxDials at
// once, and closes it at once. It returns the ports that failed, in the
// order of ports, or ctx's error when the deadline passed first.
func dialAll(ctx context.Context, host string, ports []int) ([]dialResult, error) {
	results := make([]dialResult, len(ports))
	sem := make(chan struct{}, maxDials)
	var wg sync.WaitGroup
	var d net.Dialer
	for i, p := range ports {
		wg.Add(1)
		go func() {
			defer wg.Done()
			select {
			case sem <- struct{}{}:
			case <-ctx.Done():
				results[i] = dialResult{Port: p, Err: ctx.Err()}
				return
			}
			defer func() { <-sem }()
			conn, err := d.DialContext(ctx, "tcp", net.JoinHostPort(host, strconv.Itoa(p)))
			if err == nil {
				conn.Close()
			}
			results[i] = dialResult{Port: p, Err: err}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var failed []dialResult
	for _, r := range results {
		if r.Err != nil {
			failed = append(failed, r)
		}
	}
	return failed, nil
}

// reason says in a few words why a connection failed.
func reason(err error) string {
	var op *net.OpError
	switch {
	case isRefused(err):
		return "refuses connections"
	case errors.As(err, &op) && op.Timeout():
		return "does not answer"
	case errors.As(err, &op) && op.Err != nil:
		return "cannot be reached: " + op.Err.Error()
	}
	return "cannot be reached: " + err.Error()
}
