package csp

import (
	"strings"
	"testing"

	"github.com/tauriaudit/tauriaudit/rules/source"
)

// TestBypassTable checks every line of the data file parses into an entry
// of a known kind and source, with a path, so a typo cannot drop a host.
func TestBypassTable(t *testing.T) {
	sources := map[string]bool{"cspe": true, "paper": true, "cdn": true, "psl": true, "bucket": true}
	lines := 0
	for _, line := range strings.Split(bypassData, "\n") {
		if l, _, _ := strings.Cut(line, "#"); strings.TrimSpace(l) != "" {
			lines++
		}
	}
	if len(bypasses) != lines || lines < 50 {
		t.Fatalf("%d entries from %d data lines", len(bypasses), lines)
	}
	for _, b := range bypasses {
		if bypassRank[b.Kind] == 0 && b.Kind != Publish || !sources[b.Source] || !strings.HasPrefix(b.Path, "/") {
			t.Errorf("bad entry %+v", b)
		}
		if (b.Kind == Subdomain) != strings.HasPrefix(b.Host, "*.") || (b.Kind == Subdomain || b.Kind == Publish) != b.Open {
			t.Errorf("entry %+v: host wildcard or open path does not fit its kind", b)
		}
	}
}

func TestKnownBypass(t *testing.T) {
	tests := []struct {
		src  string
		eval bool
		want string // the entry's URL, "" for none
	}{
		{"https://www.google.com", false, "https://www.google.com/tools/feedback/escalation-options"},
		{"www.google.com", false, "https://www.google.com/tools/feedback/escalation-options"},
		{"http://www.google.com:80", false, "https://www.google.com/tools/feedback/escalation-options"},
		{"https://WWW.Google.com.", false, "https://www.google.com/tools/feedback/escalation-options"},
		{"https://www.google.com:8443", false, ""},
		{"wss://www.google.com", false, ""},
		{"https://www.google.com/maps/", false, ""},
		{"https://www.google.com/tools/", false, "https://www.google.com/tools/feedback/escalation-options"},
		{"https://www.google.com/tools", false, ""}, // no trailing slash: exact
		{"https://www.google.com/tools/feedback/escalation-options?x=1", false, "https://www.google.com/tools/feedback/escalation-options"},
		{"https://google.com", false, ""}, // *.google.com does not cover google.com and vice versa
		{"https://*.google.com", false, "https://www.google.com/tools/feedback/escalation-options"},
		{"https://www.googletagmanager.com", false, ""},
		{"https://www.googletagmanager.com", true, "https://www.googletagmanager.com/gtm/js"},
		{"https://cdn.jsdelivr.net", false, "https://cdn.jsdelivr.net/npm/…"},
		{"https://cdn.jsdelivr.net/npm/", false, "https://cdn.jsdelivr.net/npm/…"},
		{"https://cdn.jsdelivr.net/gh/", false, "https://cdn.jsdelivr.net/gh/…"},
		{"https://cdn.jsdelivr.net/npm/monaco-editor@0.52.0/", false, ""},
		{"https://cdn.jsdelivr.net/npm/angular@1.8.3/", false, "https://cdn.jsdelivr.net/npm/angular@1.8.3/angular.min.js"},
		{"https://unpkg.com/", false, "https://unpkg.com/…"},
		{"https://unpkg.com/react@18/umd/react.production.min.js", false, ""},
		{"https://cdnjs.cloudflare.com/ajax/libs/", false, "https://cdnjs.cloudflare.com/ajax/libs/angular.js/1.8.3/angular.min.js"},
		{"https://cdnjs.cloudflare.com/ajax/libs/vue/", false, ""},
		{"https://*.github.io", false, "https://*.github.io/…"},
		{"https://*.io", false, "https://ga.jspm.io/npm:…"}, // publish outranks subdomain
		{"https://me.github.io", false, ""},
		{"https://github.io", false, ""},
		{"*.amazonaws.com", false, "https://s3.amazonaws.com/…"},
		{"https://cdn.example.com", false, ""},
		{"'self'", false, ""},
		{"https:", false, ""},
		{"*", false, ""},
	}
	for _, tt := range tests {
		s := classify(tt.src, source.Location{})
		got := ""
		if b := s.KnownBypass(tt.eval); b != nil {
			got = b.URL()
		}
		if got != tt.want {
			t.Errorf("%s (eval %v): got %q, want %q", tt.src, tt.eval, got, tt.want)
		}
	}
}
