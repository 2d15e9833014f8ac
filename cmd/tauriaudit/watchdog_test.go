//go:build unix

package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestTimeoutBoundsBlockedRead: --timeout ends the run even when a read
// blocks and the scan never gets to check its deadline (here the
// explicit --config is a FIFO nobody writes).
func TestTimeoutBoundsBlockedRead(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "config.toml")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	defer func() {
		// Unblock the abandoned reader so it does not outlive the test.
		if f, err := os.OpenFile(fifo, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
			f.Close()
		}
	}()
	old := timeoutGrace
	timeoutGrace = 100 * time.Millisecond
	defer func() { timeoutGrace = old }()
	start := time.Now()
	_, stderr, code := invoke(t, "scan", "-q", "--timeout", "100ms", "--config", fifo, "../../testdata/demo-app")
	if code != 2 || !strings.Contains(stderr, "did not stop") {
		t.Errorf("exit %d, stderr %q; want exit 2 and the scan abandoned", code, stderr)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("took %v", d)
	}
}
