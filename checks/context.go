package checks

import (
	"path"
	"strings"

	"github.com/tauriaudit/tauriaudit/rules"
	"github.com/tauriaudit/tauriaudit/rules/source"
)

// Context flags several rules share (rules.md §0.3 item 4).

// embedsAssets reports whether target t serves embedded assets: its
// build.frontendDist is absent or not an http(s) URL. Only then does Tauri
// inject the configured CSP.
func embedsAssets(t *rules.Target) bool {
	dist := t.Config.Get("build").Field("frontendDist")
	s, ok := dist.Str()
	if !ok {
		return true // absent, or a list of files
	}
	s = strings.ToLower(strings.TrimSpace(s))
	return !strings.HasPrefix(s, "http://") && !strings.HasPrefix(s, "https://")
}

// highRiskGranted reports HR_PERMS: whether, on some audited target, an
// enabled capability grants a high-risk permission of rules.md §0.4
// (locally or to remote origins). It reads the resolved ACL (aclView:
// sets expanded, denies applied, scopes judged) and, for plugins whose
// permission manifests are missing, the identifiers' names. A capability
// that names no window still counts: its author meant the grant, and
// TA-ACL-011 reports that it never applies.
func highRiskGranted(p *rules.Project) bool {
	return p.Memo("context.highRiskGranted", func() any {
		if !aclAudited(p) {
			return false
		}
		for _, t := range p.Targets {
			v := aclViewOf(p, t)
			for _, g := range v.grants {
				if v.highRisk(g, g.remote()) {
					return true
				}
			}
		}
		return false
	}).(bool)
}

// rawCapabilities returns the capability objects found in capability
// files and inline in the base config.
func rawCapabilities(p *rules.Project) []*source.Node {
	var out []*source.Node
	for _, f := range p.FilesUnder(p.Path("capabilities")) {
		ext := path.Ext(f)
		if strings.Contains(f, "/schemas/") || (ext != ".json" && ext != ".json5" && ext != ".toml") {
			continue
		}
		out = append(out, capabilityObjects(p.Parse(f, rules.FormatOf(f)))...)
	}
	if p.Base != nil {
		for _, it := range p.Base.Root.Get("app").Get("security").Get("capabilities").Items() {
			if it.Kind == source.Object {
				out = append(out, it)
			}
		}
	}
	return out
}

// capabilityObjects accepts the three shapes of a capability file
// (tauri-acl §3): one capability, an array of them, or an object with a
// "capabilities" array.
func capabilityObjects(n *source.Node) []*source.Node {
	switch {
	case n == nil:
		return nil
	case n.Kind == source.Array:
		return n.Items()
	case n.Get("permissions") == nil && n.Get("capabilities") != nil:
		return n.Get("capabilities").Items()
	case n.Kind == source.Object:
		return []*source.Node{n}
	}
	return nil
}

func capabilityHighRisk(c *source.Node) bool {
	remote := c.Get("remote") != nil
	for _, e := range c.Get("permissions").Items() {
		id, ok := e.Str()
		if !ok {
			id = e.Get("identifier").String()
		}
		scoped := e.Get("allow") != nil
		if isHighRisk(id, remote, scoped) {
			return true
		}
	}
	return false
}

// highRiskExact and highRiskPrefixes are the HR list of rules.md §0.4 that
// can be decided from the identifier alone.
var (
	highRiskExact = []string{"shell:allow-execute", "shell:allow-spawn", "shell:allow-stdin-write",
		"shell:allow-open", "shell:default", "opener:allow-open-path", "fs:allow-create",
		"fs:allow-copy-file", "fs:allow-rename", "fs:allow-remove", "fs:allow-mkdir", "fs:allow-truncate",
		"fs:allow-ftruncate", "fs:write-all", "fs:write-files", "process:allow-restart", "process:allow-exit",
		"updater:allow-install", "updater:allow-download-and-install", "http:allow-fetch",
		"sql:allow-execute", "autostart:allow-enable", "core:window:allow-create",
		"core:webview:allow-create-webview-window", "core:webview:allow-create-webview"}
	highRiskPrefixes = []string{"fs:allow-write", "clipboard-manager:allow-read-", "global-shortcut:allow-register"}
)

// isHighRisk decides one permission identifier. remote says the
// capability grants to remote origins; scoped that the entry carries its
// own allow scope.
func isHighRisk(id string, remote, scoped bool) bool {
	for _, e := range highRiskExact {
		if id == e {
			return true
		}
	}
	for _, pre := range highRiskPrefixes {
		if strings.HasPrefix(id, pre) {
			return true
		}
	}
	switch {
	case strings.HasPrefix(id, "fs:allow-") && strings.Contains(id, "-write"): // fs:allow-<dir>-write*
		return true
	case id == "opener:allow-open-url":
		return scoped
	case strings.HasPrefix(id, "core:event:allow-emit"):
		return remote
	case strings.HasPrefix(id, "allow-") && !strings.Contains(id, ":"): // app commands
		return remote
	}
	return false
}
