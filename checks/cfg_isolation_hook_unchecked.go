package checks

import (
	"fmt"

	"github.com/tauriaudit/tauriaudit/internal/isolation"
	"github.com/tauriaudit/tauriaudit/rules"
	"github.com/tauriaudit/tauriaudit/rules/source"
)

// IsolationHookUnchecked reports an isolation hook that checks nothing.
var IsolationHookUnchecked = &rules.Rule{
	ID:       "TA-CFG-021",
	Name:     "isolation-hook-unchecked",
	Title:    "the isolation hook passes every ipc message through",
	Level:    rules.Warning,
	Severity: 4.0,
	Tags:     []string{"config"},
	CWE:      []int{1357},
	Doc: `app.security.pattern is isolation, but the hook of the isolation app
(window.__TAURI_ISOLATION_HOOK__ in pattern.options.dir's index.html or a local script it loads)
returns its payload unchanged, at most after logging it, or does nothing at all. Every IPC
message is then encrypted and delivered exactly as the main frontend sent it: the pattern costs
an iframe and a key exchange per launch and protects nothing. The create-tauri-app and
documentation example is such a hook; it is meant to be filled in.

A hook counts as checking when its body has a condition, a comparison, a throw, a loop or a call
to anything other than console (an allow-list of commands, a validator), or returns something
other than its payload. The reading is lexical: comments and strings are ignored.

An isolation folder that is not in the scanned tree, has no index.html, or whose index.html and
local scripts never assign the hook is reported as a note naming the path: the hook cannot be
judged (and tauri build needs the folder).

Bad:

~~~js
window.__TAURI_ISOLATION_HOOK__ = (payload) => {
  console.log('hook', payload)
  return payload
}
~~~

Good:

~~~js
const allowed = new Set(['plugin:fs|read_text_file', 'greet'])
window.__TAURI_ISOLATION_HOOK__ = (payload) => {
  if (!allowed.has(payload.cmd)) throw new Error('blocked ' + payload.cmd)
  return payload
}
~~~

TA-CFG-013 does not count an app with such a hook as isolated.`,
	Run: isolationHookUnchecked,
}

func isolationHookUnchecked(pass *rules.Pass) error {
	p := pass.Project
	if isV1(p) {
		return nil
	}
	for _, t := range p.Targets {
		h, ok := rules.IsolationHookOf(p, t)
		if !ok {
			continue
		}
		if f, ok := isolationHookFinding(p, t, h); ok {
			pass.ReportOn(t, f)
		}
	}
	return nil
}

func isolationHookFinding(p *rules.Project, t *rules.Target, h isolation.Hook) (rules.Finding, bool) {
	dirNode := rules.IsolationPattern(t).Get("options").Get("dir")
	dirLoc := dirNode.Location()
	if dirNode == nil {
		dirLoc = t.Config.AbsentLocation("app", "security", "pattern", "options", "dir")
	}
	note := func(msg string, loc source.Location) (rules.Finding, bool) {
		return rules.Finding{Level: rules.Note, Location: loc, Subject: h.Dir, Message: msg}, true
	}
	switch h.Status {
	case isolation.NoDir:
		return note(fmt.Sprintf("the isolation app folder %s is not in the scanned tree: its hook cannot be judged", h.Dir), dirLoc)
	case isolation.NoIndex:
		return note(fmt.Sprintf("the isolation app folder %s has no index.html: its hook cannot be judged", h.Dir), dirLoc)
	case isolation.NoHook:
		return note(fmt.Sprintf("%s/index.html and the local scripts it loads never assign window.__TAURI_ISOLATION_HOOK__", h.Dir), dirLoc)
	}
	var what string
	switch h.Func.Verdict {
	case isolation.PassThrough:
		what = "returns every ipc message unchanged"
	case isolation.Empty:
		what = "is empty"
	default:
		return rules.Finding{}, false
	}
	loc := source.Location{File: h.File}
	if f := p.Read(h.File); f != nil {
		loc = f.Span(h.Func.Offset, h.Func.Offset+len("__TAURI_ISOLATION_HOOK__"))
	}
	return rules.Finding{Location: loc, Subject: h.File, Related: []rules.Related{{Location: dirLoc, Message: "the isolation pattern is selected here"}},
		Message: fmt.Sprintf("the isolation hook %s: the isolation pattern checks nothing", what)}, true
}
