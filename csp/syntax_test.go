package csp

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestProblemPositions checks each mistake is found at the exact
// line:column of its token, in every form a policy is written in.
func TestProblemPositions(t *testing.T) {
	tests := []struct {
		name, file, doc string
		want            []string // "kind line:col <bytes>"
	}{{
		name: "json string with an escape before the token",
		file: "tauri.conf.json",
		doc:  `{"csp": "default-src \u0027self\u0027 script-src self; referrer no-referrer; object-src 'none' x.example"}`,
		want: []string{
			"missing-semicolon 1:39 <script-src>",
			"unquoted-keyword 1:50 <self>",
			"deprecated-directive 1:56 <referrer>",
			"none-with-others 1:89 <'none'>",
		},
	}, {
		name: "object form",
		file: "tauri.conf.json",
		doc: `{"csp": {
  "default-src": ["'self'", "none"],
  "scirpt-src": "'self'",
  "default-src ": "'nonce-abc' 'bogus'",
  "style-src": "'unsafe-inline' 'sha256-abc+/='"
}}`,
		want: []string{
			"unquoted-keyword 2:30 <none>",
			"unknown-directive 3:4 <scirpt-src>",
			"duplicate-directive 4:4 <default-src>",
		},
	}, {
		name: "toml multi-line literal",
		file: "Tauri.toml",
		doc:  "csp = '''\ndefault-src 'self'\n  'wat' unsafe-eval;\nreflected-xss 1\n'''\n",
		want: []string{
			"invalid-keyword 3:3 <'wat'>",
			"unquoted-keyword 3:9 <unsafe-eval>",
			"deprecated-directive 4:1 <reflected-xss>",
		},
	}, {
		name: "header pasted",
		file: "tauri.conf.json5",
		doc:  `{csp: "Content-Security-Policy: default-src 'none'; sandbox allow-scripts; report-to g; trusted-types a 'allow-duplicates'; require-trusted-types-for 'script'"}`,
		want: []string{"unknown-directive 1:8 <Content-Security-Policy:>"},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, f := parseDoc(t, tt.file, tt.doc, "/csp")
			var got []string
			for _, pr := range p.Problems() {
				got = append(got, fmt.Sprintf("%s %d:%d <%s>", pr.Kind, pr.Loc.Start.Line, pr.Loc.Start.Col,
					f.Data[pr.Loc.Start.Offset:pr.Loc.End.Offset]))
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got)\n%s", diff)
			}
		})
	}
}

func TestProblemMessages(t *testing.T) {
	p, _ := parseDoc(t, "tauri.conf.json", `{"csp": "default-src 'self'; scirpt-src x; IMG-SRC *; img-src y; plugin-types a/b"}`, "/csp")
	var got []string
	for _, pr := range p.Problems() {
		got = append(got, pr.Message)
	}
	want := []string{
		`"scirpt-src" is not a csp directive (did you mean script-src?): the webview ignores it and its sources`,
		`img-src is repeated: browsers keep the first one, tauri's rebuilt policy the last`,
		`plugin-types is deprecated and not enforced by the webview; use object-src 'none'`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
}

// TestProblemsHostile: thousands of unknown directives stay fast (the
// suggestion search is bounded) and each is still reported.
func TestProblemsHostile(t *testing.T) {
	pol := strings.Repeat("abcdefghijklmnopqrstuvwxyz-src x; ", 50_000)
	p, _ := parseDoc(t, "tauri.conf.json", `{"csp": "`+pol+`"}`, "/csp")
	if n := len(p.Problems()); n != 50_000 {
		t.Fatalf("%d problems", n)
	}
}

func TestClosestDirective(t *testing.T) {
	for name, want := range map[string]string{"scirpt-src": "script-src", "img-scr": "img-src", "script-src": "script-src", "kitten": "", strings.Repeat("a", 50): ""} {
		if got := closestDirective(name); got != want {
			t.Errorf("closestDirective(%q) = %q, want %q", name, got, want)
		}
	}
}
