package main

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/tauriaudit/tauriaudit/capabilities"
	"github.com/tauriaudit/tauriaudit/rules"
)

// checkDoc is the JSON form of `tauriaudit acl --check`.
type checkDoc struct {
	Schema  string         `json:"schema"`
	Allowed bool           `json:"allowed"` // on at least one checked target
	Results []*checkResult `json:"results"`
}

type checkResult struct {
	App      string `json:"app"`
	Platform string `json:"platform"`
	Command  string `json:"command"`
	Window   string `json:"window"`
	Webview  string `json:"webview"`
	// Origin is "local" or the remote URL the call was checked as.
	Origin       string                   `json:"origin"`
	TauriVersion string                   `json:"tauri_version,omitempty"`
	Allowed      bool                     `json:"allowed"`
	Rule         string                   `json:"rule"`
	Reason       string                   `json:"reason"`
	MatchedBy    []capabilities.GrantRef  `json:"matched_by,omitempty"`
	DeniedBy     []capabilities.GrantRef  `json:"denied_by,omitempty"`
	Scopes       *capabilities.ScopeView  `json:"scopes,omitempty"`
	GlobalScope  *capabilities.ScopeView  `json:"global_scope,omitempty"`
	Unmatched    []capabilities.GrantView `json:"other_grants,omitempty"`
}

// normalizeCommand accepts the spellings people use for a command:
// "fs|read_file", "plugin:fs|read_file", "core:window|close" (core plugins
// are invoked as plugin:window|close), or a bare app command.
func normalizeCommand(c string) string {
	c = strings.TrimSpace(c)
	if !strings.Contains(c, "|") {
		return c
	}
	c = strings.TrimPrefix(c, "plugin:")
	return "plugin:" + strings.TrimPrefix(c, "core:")
}

func runACLCheck(projects []*rules.Project, fl *aclFlags, w io.Writer) error {
	if fl.window == "" {
		return &exitError{code: 2, err: fmt.Errorf("--check needs --window LABEL")}
	}
	webview := fl.webview
	if webview == "" {
		webview = fl.window // a webview window's webview has the window's label
	}
	cmd := normalizeCommand(fl.check)
	doc := &checkDoc{Schema: "tauriaudit-acl-check/v1", Results: []*checkResult{}}
	for _, p := range projects {
		for _, t := range p.Targets {
			res := checkOne(p, t, cmd, fl.window, webview, fl.url)
			doc.Allowed = doc.Allowed || res.Allowed
			doc.Results = append(doc.Results, res)
		}
	}
	var err error
	if fl.format == "json" {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		err = enc.Encode(doc)
	} else {
		err = writeCheckText(w, doc)
	}
	if err != nil {
		return err
	}
	switch {
	case doc.Allowed:
		return nil
	case slices.ContainsFunc(doc.Results, func(r *checkResult) bool { return r.Rule == ruleUnknown }):
		return &exitError{code: 2, err: fmt.Errorf("--check %s: cannot decide, the plugin's permissions are unknown", cmd)}
	}
	return &exitError{code: 1}
}

// ruleUnknown marks a call the ACL cannot decide because the permissions
// of the command's plugin are not known.
const ruleUnknown = "permissions-unknown"

// missingPlugin returns the dependency of cmd's plugin when its permission
// manifest could not be found.
func missingPlugin(st *rules.ACLState, cmd string) *rules.PluginDep {
	rest, ok := strings.CutPrefix(cmd, "plugin:")
	if !ok {
		return nil
	}
	key, _, _ := strings.Cut(rest, "|")
	for _, d := range st.MissingPlugins {
		if d.Key == key {
			return d
		}
	}
	return nil
}

func checkOne(p *rules.Project, t *rules.Target, cmd, window, webview, rawURL string) *checkResult {
	st := p.ACL()
	origin := capabilities.LocalOrigin()
	if rawURL != "" && !capabilities.IsLocalURL(rawURL, localConfig(p, t, st.Version, window)) {
		origin = capabilities.RemoteOrigin(rawURL)
	}
	r := p.TargetACL(t).Resolved
	d := r.Decide(cmd, window, webview, origin, st.Version)
	res := &checkResult{App: p.Dir, Platform: string(t.Platform), Command: cmd, Window: window,
		Webview: webview, Origin: "local", TauriVersion: p.TauriVersion(),
		Allowed: d.Allowed, Rule: d.Rule, Reason: d.Reason}
	if origin.Remote {
		res.Origin = origin.URL
	}
	if dep := missingPlugin(st, cmd); dep != nil && !d.Allowed {
		res.Rule = ruleUnknown
		res.Reason = fmt.Sprintf("the permissions of %s %s are not available here (no committed gen/schemas/acl-manifests.json, crate source or embedded data), so its grants cannot be resolved: tauriaudit cannot decide", dep.Crate, orUnknown(dep.Version))
	}
	for _, g := range d.Matched {
		res.MatchedBy = append(res.MatchedBy, capabilities.RefOf(g))
	}
	for _, g := range d.Denials {
		res.DeniedBy = append(res.DeniedBy, capabilities.RefOf(g))
	}
	for _, g := range d.Unmatched {
		res.Unmatched = append(res.Unmatched, capabilities.ViewGrant(g))
	}
	if d.Allowed && len(d.Matched) > 0 {
		sv := capabilities.ScopesOf(r, d.Matched)
		res.Scopes = &sv
		if gv, ok := capabilities.GlobalScopeOf(r, cmd); ok {
			res.GlobalScope = &gv
		}
	}
	return res
}

// localConfig is what decides whether --url is the app's own origin on
// target t, for a production build: the app protocol URL, frontendDist
// when it is a URL, and the window's useHttpsScheme.
func localConfig(p *rules.Project, t *rules.Target, v capabilities.Version, window string) capabilities.LocalConfig {
	c := capabilities.LocalConfig{Platform: t.Platform, Version: v}
	if fd, ok := t.Config.Get("build").Get("frontendDist").Str(); ok && strings.Contains(fd, "://") {
		c.FrontendURL = fd
	}
	for _, w := range t.Config.Get("app").Get("windows").Items() {
		label, ok := w.Get("label").Str()
		if !ok {
			label = "main" // Tauri's default label
		}
		if label == window {
			c.UseHTTPSScheme = w.Get("useHttpsScheme").IsTrue()
		}
	}
	return c
}

func writeCheckText(w io.Writer, doc *checkDoc) error {
	var b strings.Builder
	for _, r := range doc.Results {
		state := "DENIED "
		switch {
		case r.Allowed:
			state = "allowed"
		case r.Rule == ruleUnknown:
			state = "UNKNOWN"
		}
		fmt.Fprintf(&b, "%s [%s]: %s %s  window %q webview %q origin %s\n", esc(r.App), r.Platform, state,
			esc(r.Command), esc(r.Window), esc(r.Webview), esc(r.Origin))
		fmt.Fprintf(&b, "    rule %s: %s\n", r.Rule, esc(r.Reason))
		if r.Scopes != nil && len(r.Scopes.Allow)+len(r.Scopes.Deny) > 0 {
			fmt.Fprintf(&b, "    command scope: allow %s deny %s\n", esc(compactJSON(r.Scopes.Allow)), esc(compactJSON(r.Scopes.Deny)))
		}
		if r.GlobalScope != nil {
			fmt.Fprintf(&b, "    global scope: allow %s deny %s\n", esc(compactJSON(r.GlobalScope.Allow)), esc(compactJSON(r.GlobalScope.Deny)))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}
