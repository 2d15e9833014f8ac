package main

import (
	"context"
	"fmt"
	"time"
)

// timeoutGrace is how long a scan past --timeout may take to stop on its
// own and report what it has.
var timeoutGrace = 10 * time.Second

// scanOnce is the scan scanWatched bounds (tests replace it with one that
// blocks: every read of the real scan is guarded against blocking).
var scanOnce = (*scanFlags).scan

// scanWatched is fl.scan bounded by --timeout even when the scan cannot
// notice it: the loader and rules check the deadline between files and
// rules, but a read that blocks (a FIFO, a hung network file system) would
// never return. Past the deadline and the grace period the scan is
// abandoned and the run fails; main then exits, ending it.
func (fl *scanFlags) scanWatched(ctx context.Context, root string) (*scanRun, error) {
	if fl.timeout <= 0 {
		return scanOnce(fl, ctx, root)
	}
	type result struct {
		sr  *scanRun
		err error
	}
	done := make(chan result, 1)
	scan := scanOnce
	go func() {
		sr, err := scan(fl, ctx, root)
		done <- result{sr, err}
	}()
	limit := time.NewTimer(fl.timeout + timeoutGrace)
	defer limit.Stop()
	select {
	case r := <-done:
		return r.sr, r.err
	case <-limit.C:
		return nil, &exitError{code: 2, err: fmt.Errorf("the scan did not stop within %s of --timeout %s (a read blocked?); it is incomplete and nothing was reported", timeoutGrace, fl.timeout)}
	}
}
