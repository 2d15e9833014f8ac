package checks

import (
	"fmt"
	"strings"

	"github.com/tauriaudit/tauriaudit/internal/rustsrc"
)

// dangerousSink reports the sinks TA-IPC-001 cares about: a caller
// value reaching it unchecked. Unsafe blocks are inventory only.
func dangerousSink(s rustsrc.Sink) bool {
	return s.Derived() && !s.Checked && s.Kind != rustsrc.SinkUnsafe
}

// sinkWhat says what a sink does, for messages.
func sinkWhat(s rustsrc.Sink) string {
	what := map[rustsrc.SinkKind]string{
		rustsrc.SinkExec: "runs a process", rustsrc.SinkFSRead: "reads a file", rustsrc.SinkFSWrite: "writes a file",
		rustsrc.SinkFSDelete: "deletes files", rustsrc.SinkNet: "sends a request", rustsrc.SinkEval: "runs script in a webview",
		rustsrc.SinkOpen: "opens it with the system opener", rustsrc.SinkSQL: "runs SQL built from it",
	}[s.Kind]
	if s.ArgsOnly {
		what = "passes it as arguments to a process"
	}
	via := ""
	if len(s.Via) > 0 {
		via = " via " + strings.Join(s.Via, " > ")
	}
	return fmt.Sprintf("%s (%s, line %d%s)", what, s.Call, s.Loc.Start.Line, via)
}

// callerNames are the frontend names of a sink's parameters.
func callerNames(c *rustsrc.Command, s rustsrc.Sink) string {
	var out []string
	for _, name := range s.Params {
		for _, p := range c.Params {
			if p.Name == name {
				out = append(out, p.Arg)
			}
		}
	}
	return strings.Join(out, ", ")
}
