package checks

import (
	"fmt"
	"slices"
	"strings"

	"github.com/tauriaudit/tauriaudit/rules"
)

// Helpers shared by the TA-SCP rules.

// fsPathOf returns an fs scope value's path.
func fsPathOf(s *scopeVal) (string, bool) { return s.str("path") }

// literalDot is the fs plugin's requireLiteralLeadingDot on target t: the
// config value, else the platform default.
func literalDot(t *rules.Target) bool {
	if b, ok := configAt(t.Config, "plugins", "fs", "requireLiteralLeadingDot").Bool(); ok {
		return b
	}
	return literalDotDefault(t.Platform)
}

// shellProgram is the program a shell scope entry runs: the sidecar's
// name, else cmd (name when cmd is missing).
func shellProgram(s *scopeVal) string {
	n := s.Node
	if n.Get("sidecar").IsTrue() {
		return n.Get("name").String()
	}
	if c, ok := n.Get("cmd").Str(); ok {
		return c
	}
	return n.Get("name").String()
}

// shellExecCommands are the shell commands that run scope entries.
var shellExecCommands = []string{"execute", "spawn"}

// openerSchemes are the schemes opener:default allows.
var openerSchemes = []string{"http", "https", "mailto", "tel"}

// openerURLProblem says why an opener url glob admits dangerous URLs,
// or "". The opener scope is a glob over the whole URL string.
func openerURLProblem(u string) string {
	u = strings.TrimSpace(u)
	switch scheme := rawScheme(u); {
	case strings.HasPrefix(u, "*"):
		return "matches any url"
	case scheme == "" || strings.ContainsAny(scheme, "*?[{"):
		return "matches any scheme"
	case !slices.Contains(openerSchemes, scheme):
		return fmt.Sprintf("allows the %s: scheme", scheme)
	}
	return ""
}

// valueFinding builds a finding at a scope value.
func valueFinding(s *scopeVal, subject, msg string) rules.Finding {
	loc, rel := s.where()
	return rules.Finding{Location: loc, Related: rel, Subject: subject, Message: msg}
}

// fsAccess says whether a use's grants read, write or both.
func fsAccess(u *scopeUse) (read, write bool) {
	return len(u.commands(fsReadCommands)) > 0, len(u.commands(fsWriteCommands)) > 0
}

// accessText names the access for messages.
func accessText(read, write bool) string {
	switch {
	case read && write:
		return "read and write"
	case write:
		return "write"
	}
	return "read (only)"
}
