// Command tauriaudit audits Tauri v2 apps: configuration, CSP, capabilities
// and their resolved ACL, dependencies, signing and release settings.
//
// Exit status: 0 when no finding is at or above --fail-on, 1 when some
// are, 2 for usage errors, unreadable roots and internal (rule) errors.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	stopProfile := startProfile()
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stopProfile()
	stop()
	os.Exit(code)
}

// exitError carries an exit status through cobra.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit status %d", e.code)
	}
	return e.err.Error()
}

// run executes one invocation and returns the exit status.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	cmd := newRootCmd(stdout, stderr)
	cmd.SetArgs(args)
	err := cmd.ExecuteContext(ctx)
	var ee *exitError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ee):
		if ee.err != nil {
			fmt.Fprintln(stderr, "tauriaudit:", ee.err)
		}
		return ee.code
	default:
		fmt.Fprintln(stderr, "tauriaudit:", err)
		return 2
	}
}
