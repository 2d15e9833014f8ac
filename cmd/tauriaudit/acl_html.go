package main

import (
	"crypto/sha256"
	_ "embed"
	"encoding/base64"
	"html/template"
	"io"
	"slices"
	"strings"
	"sync"

	"github.com/tauriaudit/tauriaudit/capabilities"
	"github.com/tauriaudit/tauriaudit/capabilities/audit"
)

// The page is one file with no external assets: its CSP admits only its
// own inline style and the one script below (by hash), so even a crafted
// label that escaped the template could not load or run anything.
var (
	//go:embed assets/acl.html.tmpl
	aclHTMLSource string
	//go:embed assets/acl.js
	aclScript string

	// Parsed on first use: most runs never write the page.
	aclHTMLTemplate = sync.OnceValue(func() *template.Template {
		return template.Must(template.New("acl").Funcs(template.FuncMap{
			"join":      func(l []string) string { return strings.Join(l, ", ") },
			"unchecked": uncheckedSinks,
		}).Parse(aclHTMLSource))
	})
)

type htmlPage struct {
	ScriptHash string
	Script     template.JS // our own constant code, never repository text
	Platforms  []string
	Apps       []htmlApp
}

type htmlApp struct {
	Path, Tauri string
	Groups      []htmlGroup
	// The app's own commands and custom protocols, read from its Rust
	// sources: the same for every platform.
	Commands  []*ipcCommandDoc
	Protocols []*ipcProtocolDoc
}

// htmlGroup is the picture of the platforms that share one resolved ACL.
type htmlGroup struct {
	Platforms string // "linux, macOS, windows": the filter splits on ", "
	Origins   []htmlOrigin
	Windows   []string
	Webviews  []string
	Caps      []htmlCap
	Commands  []htmlCommand
}

type htmlOrigin struct {
	Name   string
	Remote bool
}

type htmlCap struct {
	capabilities.CapabilityView
	Risky      int  // high-risk commands it grants
	RemoteRisk bool // some of them from remote origins
}

type htmlCommand struct {
	Command    string
	Allowed    bool
	Origins    []string
	Caps       []string
	Scope      string
	Risk       bool
	RemoteRisk bool
}

func writeACLHTML(w io.Writer, doc *aclDoc) error {
	sum := sha256.Sum256([]byte(aclScript))
	page := htmlPage{ScriptHash: "sha256-" + base64.StdEncoding.EncodeToString(sum[:]), Script: template.JS(aclScript)}
	for _, app := range doc.Apps {
		ha := htmlApp{Path: app.Path, Tauri: orUnknown(app.TauriVersion), Commands: app.Commands, Protocols: app.Protocols}
		for _, group := range platformGroups(app) {
			ha.Groups = append(ha.Groups, htmlGroupOf(group, app.Platforms[group[0]]))
			for _, p := range group {
				if !slices.Contains(page.Platforms, p) {
					page.Platforms = append(page.Platforms, p)
				}
			}
		}
		page.Apps = append(page.Apps, ha)
	}
	return aclHTMLTemplate().Execute(w, page)
}

func htmlGroupOf(platforms []string, v *capabilities.TargetView) htmlGroup {
	g := htmlGroup{Platforms: strings.Join(platforms, ", ")}
	for _, c := range v.Capabilities {
		hc := htmlCap{CapabilityView: c}
		for _, r := range v.HighRisk {
			if r.Capability == c.Identifier {
				hc.Risky++
				hc.RemoteRisk = hc.RemoteRisk || r.Remote
			}
		}
		g.Caps = append(g.Caps, hc)
		g.Windows = addAll(g.Windows, c.Windows)
		g.Webviews = addAll(g.Webviews, c.Webviews)
	}
	for _, c := range v.Commands {
		hc := htmlCommand{Command: c.Command, Allowed: c.Allowed, Origins: c.Origins, Scope: scopeSummary(c.Scopes)}
		for _, ref := range append(slices.Clone(c.GrantedBy), c.DeniedBy...) {
			hc.Caps = addAll(hc.Caps, []string{ref.Capability})
		}
		for _, r := range v.HighRisk {
			if r.Command == c.Command && c.Allowed {
				hc.Risk = true
				hc.RemoteRisk = hc.RemoteRisk || r.Remote
			}
		}
		for _, o := range c.Origins {
			if !slices.ContainsFunc(g.Origins, func(x htmlOrigin) bool { return x.Name == o }) {
				g.Origins = append(g.Origins, htmlOrigin{Name: o, Remote: webOrigin(o)})
			}
		}
		g.Commands = append(g.Commands, hc)
	}
	return g
}

// webOrigin tells a remote web origin from the app's own pages and
// custom schemes.
func webOrigin(o string) bool {
	if o == "local" {
		return false
	}
	sc, ok := audit.CompileURLScope(o)
	return ok && sc.Web()
}

func addAll(list, items []string) []string {
	for _, s := range items {
		if !slices.Contains(list, s) {
			list = append(list, s)
		}
	}
	return list
}

// uncheckedSinks counts the sinks a command's parameters reach with no
// check on the way: the ones the page highlights.
func uncheckedSinks(c *ipcCommandDoc) int {
	n := 0
	for _, s := range c.Sinks {
		if !s.Checked {
			n++
		}
	}
	return n
}
