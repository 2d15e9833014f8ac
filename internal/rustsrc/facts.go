package rustsrc

import (
	"slices"
	"strings"

	"github.com/tauriaudit/tauriaudit/internal/lazyre"
	"github.com/tauriaudit/tauriaudit/rules/source"
)

// Facts is what an app crate's Rust code tells the rules: its sources
// (src/**/*.rs next to the config) and its build script.
type Facts struct {
	// RegistersCommands is true when a source calls generate_handler!.
	// A scan without sources (a config-only copy) leaves it false, so no
	// rule escalates on a guess.
	RegistersCommands bool
	// UpdaterTarget is true when the updater's .target(…) is called
	// (UpdaterBuilder::target or the plugin Builder::target).
	UpdaterTarget bool
	// TLSSwitches are the calls that turn TLS validation off for update
	// requests, in file and source order.
	TLSSwitches []TLSSwitch
	// Build is what build.rs does; nil without a build script.
	Build *BuildScript
	// IPC is the command inventory of the sources.
	IPC *Inventory
}

// TLSSwitch is a call like dangerous_accept_invalid_certs(true) on the
// updater's builder, or reqwest's danger_accept_invalid_certs(true)
// inside the closure given to its configure_client.
type TLSSwitch struct {
	Method string          // the method called with true
	Loc    source.Location // the call, from the method name to ")"
	// InClient is true for a reqwest call inside configure_client.
	InClient bool
	// DebugOnly is true under #[cfg(debug_assertions)] or in an
	// `if cfg!(debug_assertions)` block.
	DebugOnly bool
}

// BuildScript is what the rules learn from build.rs.
type BuildScript struct {
	File *source.File
	// Download is the first thing that fetches over the network (a call
	// into an HTTP crate, or curl/wget/Invoke-WebRequest run as a
	// command), or nil.
	Download *Token
	// BinaryNamed is true when a string literal names a binary file
	// (.exe, .dmg, …) or a binaries/ folder.
	BinaryNamed bool
	// Strings are the bodies of every string literal, for the caller to
	// match other names (sidecars) against.
	Strings []string
	// Verified is true when the script computes a digest or checks a
	// signature anywhere (a sha2/blake3 crate, sha256sum, minisign, …).
	Verified bool
	// MentionsAppManifest is true when the script names AppManifest or
	// app_manifest anywhere: the fallback when ACL cannot be read.
	MentionsAppManifest bool
	// ACL is what the tauri_build call declares, or nil when build.rs
	// calls neither tauri_build::build nor try_build.
	ACL *BuildACL
	// ShellScripts are the scripts build.rs hands to a shell:
	// Command::new("sh") (bash, pwsh, powershell, cmd) given -c,
	// -Command or /C and then a string literal.
	ShellScripts []ShellScript
}

// ShellScript is a string literal build.rs runs as a shell script.
type ShellScript struct {
	Text string          // the literal's body
	Loc  source.Location // the literal, quotes included
}

// AppFacts reads the app crate's sources and its build script (nil when
// absent).
func AppFacts(sources []*source.File, buildRS *source.File) *Facts {
	out := &Facts{}
	parsed := make([]*File, 0, len(sources))
	for _, f := range sources {
		s := Parse(f)
		parsed = append(parsed, s)
		out.RegistersCommands = out.RegistersCommands || s.callsMacro("generate_handler")
		out.UpdaterTarget = out.UpdaterTarget || s.setsUpdaterTarget()
		out.TLSSwitches = append(out.TLSSwitches, s.tlsSwitches()...)
	}
	out.IPC = ReadInventory(parsed)
	if buildRS != nil {
		out.Build = readBuildScript(Parse(buildRS))
	}
	return out
}

// callsMacro reports whether name!(…) appears in the code.
func (s *File) callsMacro(name string) bool {
	for i := 0; i+1 < len(s.Toks); i++ {
		if s.Toks[i].Is(Ident, name) && s.Toks[i+1].Is(Punct, "!") {
			return true
		}
	}
	return false
}

// updaterMarks name the updater builder in a call chain or binding.
var updaterMarks = map[string]bool{"updater_builder": true, "UpdaterBuilder": true, "tauri_plugin_updater": true}

// onUpdater reports whether the call chain ending at the "." token dot
// is on the updater: it names updater_builder, UpdaterBuilder or
// tauri_plugin_updater, or starts from a variable bound to one.
func (s *File) onUpdater(dot int, bound map[string]bool) bool {
	ids := s.Chain(dot)
	for _, id := range ids {
		if updaterMarks[id] {
			return true
		}
	}
	return len(ids) > 0 && bound[ids[len(ids)-1]]
}

// setsUpdaterTarget reports whether the file calls .target(…) on the
// updater.
func (s *File) setsUpdaterTarget() bool {
	bound := s.Bindings(updaterMarks)
	for i := 1; i+1 < len(s.Toks); i++ {
		if s.Toks[i].Is(Ident, "target") && s.Toks[i-1].Is(Punct, ".") && s.Toks[i+1].Is(Punct, "(") &&
			s.onUpdater(i-1, bound) {
			return true
		}
	}
	return false
}

// tlsSwitches finds TLS validation switched off through the updater's
// Rust API. Only the literal true counts; a configure_client callback
// defined elsewhere is not followed.
func (s *File) tlsSwitches() []TLSSwitch {
	var out []TLSSwitch
	var bound map[string]bool
	onUpdater := func(dot int) bool {
		if bound == nil {
			bound = s.Bindings(updaterMarks)
		}
		return s.onUpdater(dot, bound)
	}
	for i := 1; i+3 < len(s.Toks); i++ {
		t := s.Toks[i]
		if t.Kind != Ident || !s.Toks[i-1].Is(Punct, ".") || !s.Toks[i+1].Is(Punct, "(") ||
			!s.Toks[i+2].Is(Ident, "true") || !s.Toks[i+3].Is(Punct, ")") {
			continue
		}
		sw := TLSSwitch{Method: t.Text, Loc: s.Span(i, i+3)}
		switch t.Text {
		case "dangerous_accept_invalid_certs", "dangerous_accept_invalid_hostnames":
			if !onUpdater(i - 1) {
				continue
			}
		case "danger_accept_invalid_certs", "danger_accept_invalid_hostnames":
			cc := s.EnclosingCall(i, "configure_client")
			if cc < 0 || !onUpdater(cc-1) {
				continue
			}
			sw.InClient = true
		default:
			continue
		}
		sw.DebugOnly = s.DebugOnly(i)
		out = append(out, sw)
	}
	return out
}

var (
	httpCrates   = map[string]bool{"reqwest": true, "ureq": true, "attohttpc": true, "minreq": true, "isahc": true, "curl": true}
	fetchTools   = map[string]bool{"curl": true, "curl.exe": true, "wget": true, "aria2c": true}
	binaryNameRx = lazyre.New(`(?i)\.(exe|msi|zip|tar\.gz|tgz|tar\.xz|dmg|pkg|appimage|deb|rpm|dll|dylib|so|bin|jar)\b|(^|/)binaries/`)
	digestIdents = lazyre.New(`(?i)sha2|sha256|sha512|sha384|blake2|blake3|checksum|^digest$|^sha1$`)
	digestText   = lazyre.New(`(?i)sha256sum|shasum|get-filehash|certutil|minisign|cosign|gpg`)
)

// readBuildScript collects what build.rs downloads and verifies.
func readBuildScript(s *File) *BuildScript {
	b := &BuildScript{File: s.Source}
	download := -1
	for i, t := range s.Toks {
		switch t.Kind {
		case Ident:
			b.Verified = b.Verified || digestIdents.MatchString(t.Text)
			b.MentionsAppManifest = b.MentionsAppManifest || t.Text == "AppManifest" || t.Text == "app_manifest"
			if download < 0 && httpCrates[t.Text] && i+1 < len(s.Toks) && s.Toks[i+1].Is(Punct, "::") {
				download = i
			}
		case Str:
			b.Strings = append(b.Strings, t.Text)
			b.Verified = b.Verified || digestText.MatchString(t.Text)
			b.BinaryNamed = b.BinaryNamed || binaryNameRx.MatchString(t.Text)
			if download < 0 && (fetchTools[strings.ToLower(t.Text)] && i >= 4 && s.Toks[i-1].Is(Punct, "(") &&
				s.Toks[i-2].Is(Ident, "new") && s.Toks[i-4].Is(Ident, "Command") ||
				strings.Contains(strings.ToLower(t.Text), "invoke-webrequest")) {
				download = i
			}
		}
	}
	if download >= 0 {
		b.Download = &s.Toks[download]
	}
	b.ShellScripts = s.shellScripts()
	b.ACL = s.buildACL()
	return b
}

// shells maps the programs that take a script argument to the flags
// that introduce it (lower-cased).
var shells = map[string][]string{"sh": {"-c"}, "bash": {"-c"}, "zsh": {"-c"}, "dash": {"-c"},
	"pwsh": {"-c", "-command"}, "powershell": {"-c", "-command"}, "cmd": {"/c"}}

// maxChain bounds how far a Command chain is followed, so a hostile
// file of nested Command::new calls stays linear.
const maxChain = 64

// shellScripts finds Command::new("<shell>") chains whose arguments pass
// a script flag and then a string literal.
func (s *File) shellScripts() []ShellScript {
	var out []ShellScript
	for i := 4; i+1 < len(s.Toks); i++ {
		t := s.Toks[i]
		if t.Kind != Str || !s.Toks[i-1].Is(Punct, "(") || !s.Toks[i-2].Is(Ident, "new") || !s.Toks[i-4].Is(Ident, "Command") {
			continue
		}
		prog := strings.TrimSuffix(strings.ToLower(t.Text), ".exe")
		if k := strings.LastIndexAny(prog, `/\`); k >= 0 {
			prog = prog[k+1:]
		}
		flags := shells[prog]
		if flags == nil {
			continue
		}
		if k := s.scriptAfterFlag(i+1, flags); k >= 0 {
			out = append(out, ShellScript{Text: s.Toks[k].Text, Loc: s.Span(k, k)})
		}
	}
	return out
}

// scriptAfterFlag returns the index of the first string literal after a
// script flag in the statement from token i on, or -1.
func (s *File) scriptAfterFlag(i int, flags []string) int {
	depth, flagged := 0, false
	for j := i; j < len(s.Toks) && j < i+maxChain; j++ {
		t := s.Toks[j]
		switch {
		case t.Kind == Punct && strings.Contains("([{", t.Text):
			depth++
		case t.Kind == Punct && strings.Contains(")]}", t.Text):
			if depth--; depth < -1 {
				return -1
			}
		case t.Is(Punct, ";") && depth <= 0:
			return -1
		case t.Kind == Str && flagged:
			return j
		case t.Kind == Str:
			flagged = slices.Contains(flags, strings.ToLower(t.Text))
		}
	}
	return -1
}
