package checks

import (
	"context"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"github.com/tauriaudit/tauriaudit/rules"
)

// The fixtures check places and messages; these tests check what the
// harness does not: levels and platforms.

type cspResult struct {
	File, Subject string
	Level         rules.Level
	Platforms     []string
}

func runCSP(t *testing.T, r *rules.Rule, files map[string]string) []cspResult {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, data := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	ps, err := rules.LoadFS(context.Background(), fsys, rules.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	res := rules.Run(context.Background(), ps, []*rules.Rule{r})
	if len(res.Errors) > 0 {
		t.Fatalf("rule errors: %+v", res.Errors)
	}
	var out []cspResult
	for _, f := range res.Findings {
		out = append(out, cspResult{f.Location.File, f.Subject, f.Level, f.Platforms})
	}
	return out
}

func conf(csp string) string {
	return `{"identifier": "com.example.app", "build": {"frontendDist": "../dist"}, "app": {"security": ` + csp + `}}`
}

func TestCSPLevelsAndPlatforms(t *testing.T) {
	tests := []struct {
		name  string
		rule  *rules.Rule
		files map[string]string
		want  []cspResult
	}{{
		name: "platform file nulls the policy",
		rule: CSPMissing,
		files: map[string]string{
			"src-tauri/tauri.conf.json":         conf(`{"csp": "default-src 'self'"}`),
			"src-tauri/tauri.windows.conf.json": `{"app": {"security": {"csp": null}}}`,
		},
		want: []cspResult{{"src-tauri/tauri.windows.conf.json", "csp", rules.Warning, []string{"windows"}}},
	}, {
		name: "high-risk permission escalates",
		rule: CSPMissing,
		files: map[string]string{
			"src-tauri/tauri.conf.json":              conf(`{}`),
			"src-tauri/capabilities/a/default.json5": `{identifier: "d", permissions: [{identifier: "fs:allow-appdata-write-recursive"}]}`,
		},
		want: []cspResult{{"src-tauri/tauri.conf.json", "csp", rules.Error, nil}},
	}, {
		name: "unsafe-inline inert in script-src, live in script-src-attr",
		rule: CSPUnsafeInlineActive,
		files: map[string]string{"src-tauri/tauri.conf.json": conf(
			`{"csp": "default-src 'self'; script-src 'unsafe-inline'; script-src-attr 'unsafe-inline'"}`)},
		want: []cspResult{
			{"src-tauri/tauri.conf.json", "script-src 'unsafe-inline'", rules.Note, nil},
			{"src-tauri/tauri.conf.json", "script-src-attr 'unsafe-inline'", rules.Error, nil},
		},
	}, {
		name:  "style-src only is a note",
		rule:  CSPInjectionDisabled,
		files: map[string]string{"src-tauri/tauri.conf.json": conf(`{"csp": "default-src 'self'", "dangerousDisableAssetCspModification": ["style-src"]}`)},
		want:  []cspResult{{"src-tauri/tauri.conf.json", "style-src", rules.Note, nil}},
	}, {
		name:  "subdomain wildcard is a note",
		rule:  CSPScriptWildcard,
		files: map[string]string{"src-tauri/tauri.conf.json": conf(`{"csp": "default-src 'self'; script-src *.example.com https:"}`)},
		want: []cspResult{
			{"src-tauri/tauri.conf.json", "script-src *.example.com", rules.Note, nil},
			{"src-tauri/tauri.conf.json", "script-src https:", rules.Error, nil},
		},
	}, {
		name: "plaintext levels; scheme-less on windows only",
		rule: CSPPlaintextSource,
		files: map[string]string{"src-tauri/tauri.conf.json": conf(
			`{"csp": "default-src 'self' http://a.example; script-src 'self'; connect-src ws://b.example c.example"}`)},
		want: []cspResult{
			{"src-tauri/tauri.conf.json", "default-src http://a.example", rules.Error, nil},
			{"src-tauri/tauri.conf.json", "connect-src ws://b.example", rules.Warning, nil},
			{"src-tauri/tauri.conf.json", "connect-src c.example", rules.Warning, []string{"windows"}},
		},
	}, {
		name:  "bypass hosts are errors",
		rule:  CSPScriptBypassHost,
		files: map[string]string{"src-tauri/tauri.conf.json": conf(`{"csp": "default-src 'self'; script-src 'self' https://unpkg.com"}`)},
		want:  []cspResult{{"src-tauri/tauri.conf.json", "script-src https://unpkg.com", rules.Error, nil}},
	}, {
		name:  "a scheme-less bypass host matches only from an http(s) page",
		rule:  CSPScriptBypassHost,
		files: map[string]string{"src-tauri/tauri.conf.json": conf(`{"csp": "default-src 'self'; script-src 'self' unpkg.com"}`)},
		want:  []cspResult{{"src-tauri/tauri.conf.json", "script-src unpkg.com", rules.Error, []string{"windows"}}},
	}, {
		name: "loopback: any port warns, one port notes",
		rule: CSPScriptLoopback,
		files: map[string]string{"src-tauri/tauri.conf.json": conf(
			`{"csp": "default-src 'self'; script-src 'self' http://localhost:* http://127.0.0.1:1420"}`)},
		want: []cspResult{
			{"src-tauri/tauri.conf.json", "script-src http://localhost:*", rules.Warning, nil},
			{"src-tauri/tauri.conf.json", "script-src http://127.0.0.1:1420", rules.Note, nil},
		},
	}, {
		name: "syntax: deprecated is a note",
		rule: CSPSyntaxError,
		files: map[string]string{"src-tauri/tauri.conf.json": conf(
			`{"csp": "default-src 'self' script-src 'self'; referrer no-referrer"}`)},
		want: []cspResult{
			{"src-tauri/tauri.conf.json", "default-src script-src", rules.Warning, nil},
			{"src-tauri/tauri.conf.json", "deprecated referrer", rules.Note, nil},
		},
	}, {
		name: "configured nonce: scripts warn, styles and invalid nonces note",
		rule: CSPConfiguredNonce,
		files: map[string]string{"src-tauri/tauri.conf.json": conf(
			`{"csp": "default-src 'self' 'nonce-YWJjZGVmZ2g='; style-src 'nonce-YWJjZGVmZ2g=' 'nonce-a.b'"}`)},
		want: []cspResult{
			{"src-tauri/tauri.conf.json", "default-src 'nonce-YWJjZGVmZ2g='", rules.Warning, nil},
			{"src-tauri/tauri.conf.json", "style-src 'nonce-YWJjZGVmZ2g='", rules.Note, nil},
			{"src-tauri/tauri.conf.json", "style-src 'nonce-a.b'", rules.Note, nil},
		},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, runCSP(t, tt.rule, tt.files)); diff != "" {
				t.Errorf("(-want +got)\n%s", diff)
			}
		})
	}
}
