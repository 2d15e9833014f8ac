package checks

import (
	"fmt"
	"path"
	"strings"

	"github.com/tauriaudit/tauriaudit/deps"
	"github.com/tauriaudit/tauriaudit/internal/lazyre"
	"github.com/tauriaudit/tauriaudit/internal/shell"
	"github.com/tauriaudit/tauriaudit/rules"
	"github.com/tauriaudit/tauriaudit/rules/source"
)

// ToolchainBatchInjection reports Rust toolchains with the Windows
// batch-file argument escaping bugs.
var ToolchainBatchInjection = &rules.Rule{
	ID:       "TA-DEP-012",
	Name:     "toolchain-batch-injection",
	Title:    "pinned Rust toolchain mis-escapes batch-file arguments on Windows",
	Level:    rules.Warning,
	Severity: 6.9,
	Tags:     []string{"supply-chain"},
	CWE:      []int{78},
	Doc: `The build pins a Rust toolchain older than 1.77.2 (CVE-2024-24576) or 1.81.0 (CVE-2024-43402).
On Windows, std::process::Command escaped arguments for .bat/.cmd files incorrectly, so an
argument that passed through the shell plugin's scope validation as "safe" data could still
inject commands when the program is a batch file.

The toolchain is read from rust-toolchain.toml / rust-toolchain at or above the app, and from
workflows (dtolnay/rust-toolchain@1.76.0 or its toolchain input, actions-rs/toolchain's
toolchain input, rustup toolchain install / default / override set, cargo +1.76.0).
Dated nightlies are compared by release date (1.77.2: 2024-04-09, 1.81.0: 2024-09-05).
The finding is a warning when a shell scope in the app's capabilities runs a .bat/.cmd
program with variable arguments (args: true or validators), or an externalBin is a batch
file; otherwise it is a note (the toolchain is old, but no batch file is run).

**Fix:** use Rust 1.81.0 or later (or the floating stable channel); avoid batch files as
shell-plugin programs or sidecars.

Bad:

~~~toml
[toolchain]
channel = "1.76.0"
~~~

Good:

~~~toml
[toolchain]
channel = "1.81.0"
~~~

**False positives:** a floating stable or beta channel is never reported. Cargo.toml's
rust-version is a minimum, not the build toolchain, and is not read.`,
	Run: toolchainBatchInjection,
}

// toolchainAt is a pinned toolchain and where it is pinned.
type toolchainAt struct {
	Channel string
	Loc     source.Location
}

func toolchainBatchInjection(pass *rules.Pass) error {
	p := pass.Project
	batch := batchScopes(p)
	for _, tc := range pinnedToolchains(p) {
		cves := toolchainCVEs(tc.Channel)
		if cves == "" {
			continue
		}
		f := rules.Finding{Location: tc.Loc, Subject: tc.Channel, Level: rules.Note,
			Message: fmt.Sprintf("Rust toolchain %s has the Windows batch-file argument escaping bug (%s); no batch file run by the shell plugin or a sidecar was found", tc.Channel, cves)}
		if len(batch) > 0 {
			f.Level = rules.Warning
			f.Message = fmt.Sprintf("Rust toolchain %s has the Windows batch-file argument escaping bug (%s) and the app runs a batch file with variable arguments", tc.Channel, cves)
			f.Related = []rules.Related{{Location: batch[0], Message: "batch file run with variable arguments"}}
		}
		pass.Report(f)
	}
	return nil
}

// toolchainCVEs names the CVEs a toolchain channel is affected by.
func toolchainCVEs(channel string) string {
	if v, ok := rustRelease(channel); ok {
		switch {
		case deps.CargoBefore(v, "1.77.2"):
			return "CVE-2024-24576, CVE-2024-43402"
		case deps.CargoBefore(v, "1.81.0"):
			return "CVE-2024-43402"
		}
		return ""
	}
	if date, ok := channelDate(channel); ok {
		switch {
		case date < "2024-04-09":
			return "CVE-2024-24576, CVE-2024-43402"
		case date < "2024-09-05":
			return "CVE-2024-43402"
		}
	}
	return ""
}

var (
	rustReleaseRe = lazyre.New(`^(\d+)\.(\d+)(?:\.(\d+))?(?:-[a-z0-9_-]+)?$`)
	channelDateRe = lazyre.New(`^(?:nightly|beta|stable)-(\d{4}-\d{2}-\d{2})`)
)

// rustRelease turns "1.76", "1.76.0" or "1.76.0-x86_64-pc-windows-msvc"
// into a full version.
func rustRelease(ch string) (string, bool) {
	m := rustReleaseRe.FindStringSubmatch(strings.TrimSpace(ch))
	if m == nil {
		return "", false
	}
	patch := m[3]
	if patch == "" {
		patch = "0"
	}
	return m[1] + "." + m[2] + "." + patch, true
}

func channelDate(ch string) (string, bool) {
	m := channelDateRe.FindStringSubmatch(strings.TrimSpace(ch))
	if m == nil {
		return "", false
	}
	return m[1], true
}

// pinnedToolchains returns the toolchains pinned in toolchain files and
// workflows.
func pinnedToolchains(p *rules.Project) []toolchainAt {
	var out []toolchainAt
	for _, name := range []string{"rust-toolchain.toml", "rust-toolchain"} {
		rel := p.FindUp(name)
		if rel == "" {
			continue
		}
		if tc, ok := toolchainFile(p, rel); ok {
			out = append(out, tc)
		}
	}
	for _, w := range rules.Deps.Of(p).Workflows {
		out = append(out, workflowToolchains(p, w)...)
	}
	return out
}

// toolchainFile reads [toolchain] channel, or the legacy one-line file.
func toolchainFile(p *rules.Project, rel string) (toolchainAt, bool) {
	f := p.Read(rel)
	if f == nil {
		return toolchainAt{}, false
	}
	text := strings.TrimSpace(string(f.Data))
	if !strings.Contains(text, "[") && !strings.Contains(text, "=") && text != "" {
		line, _, _ := strings.Cut(text, "\n")
		i := strings.Index(string(f.Data), line)
		return toolchainAt{line, f.Span(i, i+len(line))}, true
	}
	ch := p.Parse(rel, rules.TOML).Get("toolchain").Get("channel")
	if s, ok := ch.Str(); ok {
		return toolchainAt{s, ch.Location()}, true
	}
	return toolchainAt{}, false
}

// workflowToolchains finds toolchains installed by workflow steps.
func workflowToolchains(p *rules.Project, w *deps.Workflow) []toolchainAt {
	var out []toolchainAt
	for _, j := range w.Jobs {
		for _, s := range j.Steps {
			out = append(out, stepToolchains(p, s)...)
		}
	}
	return out
}

func stepToolchains(p *rules.Project, s *deps.Step) []toolchainAt {
	var out []toolchainAt
	if s.IsAction("dtolnay/rust-toolchain") || s.IsAction("actions-rs/toolchain") {
		if kv := deps.FindKV(s.With, "toolchain"); kv != nil {
			out = append(out, toolchainAt{kv.Value, kv.ValueLoc})
		} else if s.IsAction("dtolnay/rust-toolchain") && s.Uses.RefKind != deps.RefSHA {
			out = append(out, toolchainAt{s.Uses.Ref, s.Uses.Loc})
		}
	}
	if s.Run == nil {
		return out
	}
	for _, l := range logicalLines(p, s.Run.Lines) {
		for _, c := range shell.Split(l.Text) {
			if ch, i := commandToolchain(c); ch != "" {
				out = append(out, toolchainAt{ch, l.Span(c.Offs[i], c.Offs[i]+len(c.Words[i]))})
			}
		}
	}
	return out
}

// commandToolchain returns the toolchain a rustup or cargo +X command
// selects, and the index of its word.
func commandToolchain(c shell.Cmd) (string, int) {
	prog, at := c.Program()
	switch prog {
	case "cargo", "rustc":
		if at+1 < len(c.Words) && strings.HasPrefix(c.Words[at+1], "+") {
			return strings.TrimPrefix(c.Words[at+1], "+"), at + 1
		}
	case "rustup":
		w := c.Words[at+1:]
		for i := 0; i+1 < len(w); i++ {
			sub := w[i]
			if sub == "toolchain" || sub == "override" {
				continue
			}
			if (sub == "install" || sub == "default" || sub == "set") && !strings.HasPrefix(w[i+1], "-") {
				return w[i+1], at + 2 + i
			}
		}
	}
	return "", -1
}

// batchScopes returns where the app runs a .bat/.cmd program with
// variable arguments: shell scope entries in capability files and inline
// capabilities, and batch-file sidecars.
func batchScopes(p *rules.Project) []source.Location {
	var out []source.Location
	var walk func(n *source.Node, depth int)
	walk = func(n *source.Node, depth int) {
		if n == nil || depth > 32 {
			return
		}
		if cmd, ok := n.Get("cmd").Str(); ok && isBatchFile(cmd) && variableArgs(n.Get("args")) {
			out = append(out, n.Get("cmd").Location())
		}
		for _, m := range n.Members() {
			walk(m.Value, depth+1)
		}
		for _, it := range n.Items() {
			walk(it, depth+1)
		}
	}
	for _, f := range p.FilesUnder(p.Path("capabilities")) {
		if ext := path.Ext(f); ext == ".json" || ext == ".json5" || ext == ".toml" {
			walk(p.Parse(f, rules.FormatOf(f)), 0)
		}
	}
	for _, t := range p.Targets {
		walk(t.Config.At("app", "security", "capabilities"), 0)
		walk(t.Config.At("plugins", "shell", "scope"), 0)
		for _, b := range t.Config.At("bundle", "externalBin").Items() {
			if s, ok := b.Str(); ok && isBatchFile(s) {
				out = append(out, b.Location())
			}
		}
	}
	return out
}

func isBatchFile(s string) bool {
	s = strings.ToLower(s)
	return strings.HasSuffix(s, ".bat") || strings.HasSuffix(s, ".cmd")
}

// variableArgs reports a shell scope args value that lets the caller
// choose arguments: true, or a list with validators.
func variableArgs(n *source.Node) bool {
	if n.IsTrue() {
		return true
	}
	for _, it := range n.Items() {
		if it.Kind == source.Object {
			return true
		}
	}
	return false
}
