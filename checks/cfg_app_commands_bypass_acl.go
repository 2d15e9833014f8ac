package checks

import (
	"fmt"
	"path"
	"strings"

	"github.com/tauriaudit/tauriaudit/internal/urls"
	"github.com/tauriaudit/tauriaudit/rules"
	"github.com/tauriaudit/tauriaudit/rules/source"
)

// AppCommandsBypassACL reports apps whose own commands are not gated by
// the ACL.
var AppCommandsBypassACL = &rules.Rule{
	ID:       "TA-CFG-004",
	Name:     "app-commands-bypass-acl",
	Title:    "app commands are not covered by the ACL (no app manifest)",
	Level:    rules.Warning,
	Severity: 6.5,
	Tags:     []string{"config"},
	CWE:      []int{862},
	Doc: `The app registers its own #[tauri::command] functions (tauri::generate_handler! in its
src/), but declares no app ACL manifest: no tauri_build::AppManifest with commands in
build.rs and no permission file that tauri-build reads (.toml or .json under permissions/, outside
inlined plugins' folders; a README or .gitkeep does not count) next to the config. Without a manifest, Tauri does not
resolve app commands against capabilities at all: every window and webview can invoke every
app command, whatever the capabilities say. Before Tauri 2.11.1 (tauri PR 15266, per
downstream references) remote origins could call them too.

Levels: a **note** when the app shows no remote content (frontendDist and window URLs are local,
no capability has remote.urls, no tauri-plugin-localhost) — single-origin local apps are
fine by design; a warning when it does; an **error** when remote web pages (http/https
origins, a remote frontendDist or window URL, the localhost plugin) are among that content and
Cargo.lock locks tauri before 2.11.1. remote.urls that name only the app's own custom scheme
(app://*) serve the app's own content, so they leave the finding a warning. The security-severity stays 6.5 (rules.md gives 8.0 for the escalated case).
Reported at the first generate_handler! call.

**Fix:** declare the commands in build.rs and grant the generated allow-<command> permissions
per window:

~~~rust
tauri_build::try_build(tauri_build::Attributes::new()
    .app_manifest(tauri_build::AppManifest::new().commands(&["save_note", "load_note"])))
    .unwrap();
~~~

~~~json
{ "identifier": "main", "windows": ["main"], "permissions": ["allow-save-note", "allow-load-note"] }
~~~

**False positives:** needs the Rust sources in the scan (a config-only copy reports nothing).
Commands registered by plugins are the plugins' business and not counted; only the app's src/
is read.`,
	Run: appCommandsBypassACL,
}

func appCommandsBypassACL(pass *rules.Pass) error {
	p := pass.Project
	if isV1(p) {
		return nil
	}
	loc, ok := generateHandlerCall(p)
	if !ok || p.HasAppACLManifest() {
		return nil
	}
	remote := remoteContentReason(p)
	f := rules.Finding{Location: loc, Subject: "generate_handler"}
	switch {
	case remote == "":
		f.Level = rules.Note
		f.Message = "app commands are registered without an app ACL manifest, so every window can call all of them; the app loads no remote content"
	case versionBefore(tauriVersion(p), "2.11.1") && webRemoteContent(p) != "-":
		// Only web origins make this an attack: remote.urls naming the
		// app's own custom scheme (app://*) serve the app's own content.
		f.Level = rules.Error
		f.Message = fmt.Sprintf("app commands are registered without an app ACL manifest and the app loads remote content (%s): before tauri 2.11.1 (locked: %s) remote pages can call every app command",
			webRemoteContent(p), tauriVersion(p).Version)
	default:
		f.Message = fmt.Sprintf("app commands are registered without an app ACL manifest: every window, including those loading remote content (%s), can call all of them", remote)
	}
	pass.Report(f)
	return nil
}

// generateHandlerCall finds the first generate_handler! given to the
// app's own Builder: a local plugin's Builder (tauri::plugin::Builder)
// registers plugin commands, which its own permissions gate.
func generateHandlerCall(p *rules.Project) (source.Location, bool) {
	inv := rules.IPCInventory.Of(p)
	if inv == nil {
		return source.Location{}, false
	}
	for _, h := range inv.Handlers {
		if h.Plugin == "" {
			return h.Loc, true
		}
	}
	return source.Location{}, false
}

// remoteContentReason describes why the app counts as REMOTE_CONTENT
// (rules.md §0.3): a remote frontendDist or window URL, a capability with
// remote.urls, or the localhost plugin; "" when none applies.
func remoteContentReason(p *rules.Project) string {
	for _, t := range p.Targets {
		if urls.IsRemoteHTTP(t.Config.At("build", "frontendDist").String()) {
			return "remote frontendDist"
		}
		for _, w := range appWindows(t) {
			if urls.IsRemoteHTTP(w.Field("url").String()) {
				return fmt.Sprintf("window %q loads a remote URL", windowLabel(w))
			}
		}
		for _, c := range t.Config.At("app", "security", "capabilities").Items() {
			if c.Get("remote") != nil {
				return "an inline capability has remote.urls"
			}
		}
	}
	for _, rel := range p.FilesUnder(p.Path("capabilities")) {
		if ext := path.Ext(rel); (ext == ".json" || ext == ".json5" || ext == ".toml") && !strings.Contains(rel, "/schemas/") {
			if hasRemoteKey(p.Parse(rel, rules.FormatOf(rel))) {
				return "capability " + path.Base(rel) + " has remote.urls"
			}
		}
	}
	for _, d := range rules.Deps.Of(p).CargoDeps() {
		if d.CrateName() == "tauri-plugin-localhost" {
			return "tauri-plugin-localhost"
		}
	}
	return ""
}

// hasRemoteKey reports a capability object (or a list of them, or a
// {capabilities: [...]} file) with a remote member.
func hasRemoteKey(n *source.Node) bool {
	if n.Get("remote") != nil {
		return true
	}
	for _, c := range append(n.Items(), n.Get("capabilities").Items()...) {
		if c.Get("remote") != nil {
			return true
		}
	}
	return false
}
