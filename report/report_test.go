package report

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tauriaudit/tauriaudit/internal/testenv"
	"github.com/tauriaudit/tauriaudit/report/sarifschema"
	"github.com/tauriaudit/tauriaudit/rules"
	"github.com/tauriaudit/tauriaudit/rules/source"
)

var update = flag.Bool("update", false, "rewrite golden files")

// sampleDocument builds a Document that exercises every field renderers
// use: platforms, related locations, a commit, a suppression, a finding
// without a position and a rule error.
func sampleDocument() (*Document, *source.FileSet) {
	files := &source.FileSet{}
	cfg := files.Add(source.NewFile("src-tauri/tauri.conf.json", []byte("{\n  \"app\": {\"security\": {\"csp\": \"script-src 'unsafe-eval'\"}}\n}\n")))
	rs := []*rules.Rule{
		{ID: "TA-CSP-003", Name: "csp-unsafe-eval", Title: "script-src allows 'unsafe-eval'", Doc: "**Why**: eval.\n\nFix: remove it.",
			Level: rules.Warning, Severity: 5.9, Tags: []string{"csp"}, CWE: []int{95}, Precision: rules.VeryHigh},
		{ID: "TA-GIT-001", Name: "unsigned-commit", Title: "commit is not signed", Doc: "Sign commits.",
			Level: rules.Warning, Severity: 4.0, Gate: true, Precision: rules.High},
	}
	loc := cfg.Span(41, 54)
	loc.Pointer = "/app/security/csp"
	res := &rules.Result{
		Findings: []rules.Finding{
			{RuleID: "TA-CSP-003", RuleName: "csp-unsafe-eval", Level: rules.Warning, Message: "script-src allows 'unsafe-eval'",
				Location: loc, Subject: "'unsafe-eval'", Platforms: []string{"windows"}, App: "src-tauri", Fingerprint: "0123456789abcdef0123456789abcdef",
				Related: []rules.Related{{Location: cfg.Span(3, 8), Message: "set here"}}},
			{RuleID: "TA-GIT-001", RuleName: "unsigned-commit", Level: rules.Warning, Message: "commit by dev@example.com is not signed",
				Location: source.Location{File: ".", Commit: "4b825dc642cb6eb9a060e54bf8d69288fbee4904"}, Fingerprint: "fedcba9876543210fedcba9876543210"},
			{RuleID: "TA-CSP-003", RuleName: "csp-unsafe-eval", Level: rules.Note, Message: "eval in a dev-only policy",
				Location: source.Location{File: "src-tauri/tauri.dev.json"}, Fingerprint: "11111111111111111111111111111111"},
			{RuleID: "TA-CSP-003", RuleName: "csp-unsafe-eval", Level: rules.Warning, Message: "suppressed one",
				Location: loc, Fingerprint: "00000000000000000000000000000000",
				Suppressed: &rules.Suppression{Reason: "legacy templates", Source: ".tauriaudit.toml:3"}},
		},
		Errors: []rules.RuleError{{RuleID: "TA-ACL-001", App: "src-tauri", Err: "panic: boom\nstack"}},
	}
	tool := Tool{Name: "tauriaudit", Version: "test", URI: "https://github.com/tauriaudit/tauriaudit"}
	d := NewDocument(tool, []string{"src-tauri"}, res, rs)
	d.RepoPath = "apps/desktop"
	return d, files
}

func TestGolden(t *testing.T) {
	doc, files := sampleDocument()
	for _, tc := range []struct {
		name   string
		format Format
		opt    Options
	}{
		{"sample.txt", Text, Options{Files: files}},
		{"sample-color.txt", Text, Options{Files: files, Color: true}},
		{"sample-quiet.txt", Text, Options{Quiet: true}},
		{"sample.json", JSON, Options{}},
		{"sample.sarif", SARIF, Options{}},
		{"sample.md", Markdown, Options{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := Write(&buf, tc.format, doc, tc.opt); err != nil {
				t.Fatal(err)
			}
			golden(t, filepath.Join("testdata", tc.name), buf.Bytes())
		})
	}
}

func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	testenv.Golden(t, path, got, *update, "go test ./report -update")
}

func TestSARIFValidatesAgainstSchema(t *testing.T) {
	schema := testenv.Shared(t, sarifschema.SharedPath)
	doc, _ := sampleDocument()
	empty := NewDocument(doc.Tool, nil, &rules.Result{}, nil)
	for name, d := range map[string]*Document{"sample": doc, "empty": empty} {
		var buf bytes.Buffer
		if err := Write(&buf, SARIF, d, Options{}); err != nil {
			t.Fatal(err)
		}
		if err := sarifschema.Validate(schema, buf.Bytes()); err != nil {
			t.Errorf("%s: %v", name, err)
		}
		var log struct {
			Runs []struct {
				Results []json.RawMessage `json:"results"`
			} `json:"runs"`
		}
		if err := json.Unmarshal(buf.Bytes(), &log); err != nil || len(log.Runs) != 1 || log.Runs[0].Results == nil {
			t.Errorf("%s: runs[0].results must be present (GitHub rejects a run without it)", name)
		}
	}
}

func TestJSONRoundTrip(t *testing.T) {
	doc, _ := sampleDocument()
	var first bytes.Buffer
	if err := Write(&first, JSON, doc, Options{}); err != nil {
		t.Fatal(err)
	}
	var back Document
	if err := json.Unmarshal(first.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	var second bytes.Buffer
	if err := Write(&second, JSON, &back, Options{}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first.Bytes(), second.Bytes()) {
		t.Error("JSON output does not round-trip")
	}
}

func TestUnknownFormat(t *testing.T) {
	doc, _ := sampleDocument()
	if err := Write(&bytes.Buffer{}, "xml", doc, Options{}); err == nil {
		t.Error("want an error for an unknown format")
	}
}

// TestSchemaCheckCanFail guards the schema test itself: a log that breaks
// the schema must be rejected.
func TestSchemaCheckCanFail(t *testing.T) {
	schema := testenv.Shared(t, sarifschema.SharedPath)
	bad := []byte(`{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x"}},"results":[{"message":{"text":"m"},"level":"fatal"}]}]}`)
	if err := sarifschema.Validate(schema, bad); err == nil {
		t.Error("a result with level \"fatal\" passed schema validation")
	}
}

// TestSARIFLean: the log carries no empty arrays or negative placeholders
// (results excepted, which GitHub requires), and lists only rules with
// results, so a rule that ran without findings adds nothing.
func TestSARIFLean(t *testing.T) {
	doc, _ := sampleDocument()
	quiet := &rules.Rule{ID: "TA-CFG-001", Name: "quiet", Title: "t", Doc: "d", Level: rules.Note, Severity: 1.0}
	doc.Rules = append(doc.Rules, quiet)
	empty := NewDocument(doc.Tool, nil, &rules.Result{}, []*rules.Rule{quiet})
	for name, d := range map[string]*Document{"sample": doc, "empty": empty} {
		var buf bytes.Buffer
		if err := Write(&buf, SARIF, d, Options{}); err != nil {
			t.Fatal(err)
		}
		var v any
		if err := json.Unmarshal(buf.Bytes(), &v); err != nil {
			t.Fatal(err)
		}
		walkJSON(v, "", func(path string, v any) {
			switch v := v.(type) {
			case []any:
				if len(v) == 0 && !strings.HasSuffix(path, "/results") {
					t.Errorf("%s: empty array at %s", name, path)
				}
			case float64:
				if v < 0 {
					t.Errorf("%s: negative number at %s", name, path)
				}
			}
		})
		if strings.Contains(buf.String(), `"TA-CFG-001"`) || strings.Contains(buf.String(), "ruleIndex") {
			t.Errorf("%s: a rule without results is listed, or results refer to rules by index", name)
		}
	}
}

func walkJSON(v any, path string, fn func(string, any)) {
	fn(path, v)
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			walkJSON(x, path+"/"+k, fn)
		}
	case []any:
		for i, x := range v {
			walkJSON(x, fmt.Sprintf("%s/%d", path, i), fn)
		}
	}
}

// TestSARIFForGitHub: the sample log meets GitHub's documented limits and
// required properties, places every result at a repository file and line,
// and rates each result in its level's band, the note variant included.
func TestSARIFForGitHub(t *testing.T) {
	doc, _ := sampleDocument()
	var buf bytes.Buffer
	if err := Write(&buf, SARIF, doc, Options{}); err != nil {
		t.Fatal(err)
	}
	for _, err := range sarifschema.CheckGitHub(buf.Bytes()) {
		t.Error(err)
	}
	if !strings.Contains(buf.String(), `"ruleId": "TA-CSP-003/note"`) || !strings.Contains(buf.String(), `"security-severity": "3.9"`) {
		t.Error("the note-level TA-CSP-003 finding is not reported under a low-rated note variant")
	}
}

// TestGitHubCheckCanFail guards CheckGitHub: a log GitHub would misplace
// or misrate must be rejected.
func TestGitHubCheckCanFail(t *testing.T) {
	rule := `{"id":"R","name":"r","shortDescription":{"text":"a"},"fullDescription":{"text":"b"},"help":{"text":"h"},
		"defaultConfiguration":{"level":"warning"},"properties":{"tags":["security"],"security-severity":"9.5","precision":"high"}}`
	for name, result := range map[string]string{
		"no region":      `{"ruleId":"R","level":"error","message":{"text":"m"},"partialFingerprints":{"k":"v"},"locations":[{"physicalLocation":{"artifactLocation":{"uri":"a.json"}}}]}`,
		"folder uri":     `{"ruleId":"R","level":"error","message":{"text":"m"},"partialFingerprints":{"k":"v"},"locations":[{"physicalLocation":{"artifactLocation":{"uri":"."},"region":{"startLine":1}}}]}`,
		"note rated 9.5": `{"ruleId":"R","level":"note","message":{"text":"m"},"partialFingerprints":{"k":"v"},"locations":[{"physicalLocation":{"artifactLocation":{"uri":"a.json"},"region":{"startLine":1}}}]}`,
	} {
		log := `{"$schema":"s","version":"2.1.0","runs":[{"tool":{"driver":{"name":"x","rules":[` + rule + `]}},"results":[` + result + `]}]}`
		if errs := sarifschema.CheckGitHub([]byte(log)); len(errs) == 0 {
			t.Errorf("%s: accepted", name)
		}
	}
}

func TestSemanticVersion(t *testing.T) {
	for in, want := range map[string]string{"v1.2.3": "1.2.3", "1.2.3": "1.2.3", "devel": "", "test": "", "v1.2": "",
		"v0.0.0-20261206205301-abcdef123456+dirty": "0.0.0-20261206205301-abcdef123456+dirty"} {
		if got := semanticVersion(in); got != want {
			t.Errorf("semanticVersion(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFullDescriptionIsPlainFirstParagraph(t *testing.T) {
	r := &rules.Rule{ID: "TA-ACL-005", Title: "t", Doc: "A glob (`*`, `**`) matches **every** label.\n\n**Fix:** list labels."}
	if got, want := fullDescription(r), "A glob (*, **) matches every label."; got != want {
		t.Errorf("fullDescription = %q, want %q", got, want)
	}
}
