package main

import (
	"context"
	"strings"
	"testing"
	"time"
)

// TestTimeoutBoundsBlockedRead: --timeout ends the run even when a read
// blocks and the scan never gets to check its deadline. Every read the
// scan makes is guarded (a FIFO --config is refused before it is opened),
// so the blocked scan is simulated.
func TestTimeoutBoundsBlockedRead(t *testing.T) {
	release := make(chan struct{})
	defer close(release) // let the abandoned scan end with the test
	oldScan, oldGrace := scanOnce, timeoutGrace
	scanOnce = func(*scanFlags, context.Context, string) (*scanRun, error) {
		<-release
		return nil, context.Canceled
	}
	timeoutGrace = 100 * time.Millisecond
	defer func() { scanOnce, timeoutGrace = oldScan, oldGrace }()
	start := time.Now()
	_, stderr, code := invoke(t, "scan", "-q", "--timeout", "100ms", "../../testdata/demo-app")
	if code != 2 || !strings.Contains(stderr, "did not stop") {
		t.Errorf("exit %d, stderr %q; want exit 2 and the scan abandoned", code, stderr)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("took %v", d)
	}
}
