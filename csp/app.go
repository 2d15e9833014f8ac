package csp

import (
	"strings"

	"github.com/tauriaudit/tauriaudit/internal/urls"
	"github.com/tauriaudit/tauriaudit/rules/source"
)

// App is the CSP view of one app: every policy its targets configure,
// parsed once (targets usually share the base file's node), and what
// each target's bundled frontend holds.
type App struct {
	policies map[*source.Node]Parsed
	bundles  map[string]*Bundle // by frontendDist, see distKey
}

// Parsed is a parsed policy value, or the reason it could not be read.
type Parsed struct {
	Policy *Policy
	Err    error
}

// NewApp reads the app.security.csp and devCsp of every target config
// (the merged config of each audited platform) and scans each distinct
// build.frontendDist, relative to the config directory dir, in files.
func NewApp(files Files, dir string, configs []*source.Node) *App {
	a := &App{policies: map[*source.Node]Parsed{}, bundles: map[string]*Bundle{}}
	for _, c := range configs {
		sec := Security(c)
		for _, n := range []*source.Node{sec.Get("csp"), sec.Field("devCsp")} {
			if _, done := a.policies[n]; n != nil && !done {
				pol, err := Parse(n)
				a.policies[n] = Parsed{pol, err}
			}
		}
		dists := frontendDist(c)
		if k := distKey(dists); a.bundles[k] == nil {
			a.bundles[k] = ScanBundle(files, dir, dists)
		}
	}
	return a
}

// Policy returns the parsed csp or devCsp value n of one of the configs;
// the zero Parsed (no policy, no error) for nil or an unknown node.
func (a *App) Policy(n *source.Node) Parsed { return a.policies[n] }

// Bundle returns what config's build.frontendDist holds in the scan.
func (a *App) Bundle(config *source.Node) *Bundle {
	if b := a.bundles[distKey(frontendDist(config))]; b != nil {
		return b
	}
	return &Bundle{}
}

// frontendDist lists the paths build.frontendDist names: one path, or
// the files of a list.
func frontendDist(config *source.Node) []string {
	dist := config.Get("build").Field("frontendDist")
	var paths []string
	if s, ok := dist.Str(); ok {
		paths = []string{s}
	}
	for _, it := range dist.Items() {
		paths = append(paths, it.String())
	}
	return paths
}

func distKey(paths []string) string { return strings.Join(paths, "\x00") }

// Security returns config's app.security object.
func Security(config *source.Node) *source.Node { return config.Get("app").Get("security") }

// EmbedsAssets reports whether config serves embedded assets: its
// build.frontendDist is absent or not an http(s) URL (read as rust-url
// reads it: "https:host" is one). Only then does Tauri inject the
// configured CSP.
func EmbedsAssets(config *source.Node) bool {
	s, ok := config.Get("build").Field("frontendDist").Str()
	if !ok {
		return true // absent, or a list of files
	}
	return !urls.IsHTTP(urls.ParseAbsURL(s))
}

// Injection says which directives Tauri adds its nonces and hashes to,
// from app.security.dangerousDisableAssetCspModification (true: none; a
// list: all but the listed ones, of which only script-src and style-src
// matter because Tauri modifies nothing else).
type Injection struct {
	Script, Style bool
	Node          *source.Node // the setting; nil when absent
}

// InjectionOf reads config's dangerousDisableAssetCspModification.
func InjectionOf(config *source.Node) Injection {
	n := Security(config).Field("dangerousDisableAssetCspModification")
	inj := Injection{Script: true, Style: true, Node: n}
	if b, ok := n.Bool(); ok {
		inj.Script, inj.Style = !b, !b
	}
	for _, it := range n.Items() {
		switch it.String() { // Tauri compares the names exactly
		case "script-src":
			inj.Script = false
		case "style-src":
			inj.Style = false
		}
	}
	return inj
}
