package report

import (
	"bytes"
	"net/url"
	"strings"
	"testing"

	"github.com/tauriaudit/tauriaudit/rules"
	"github.com/tauriaudit/tauriaudit/rules/source"
)

func TestEscapeText(t *testing.T) {
	for in, want := range map[string]string{
		"src-tauri/capabilities/main.json": "src-tauri/capabilities/main.json",
		"café 名前.json":                     "café 名前.json",
		"evil\n[ok] no findings.json":      `evil\n[ok] no findings.json`,
		"cr\rx":                            `cr\rx`,
		"esc\x1b[2J\x1b]0;t\x07":           `esc\x1b[2J\x1b]0;t\x07`,
		"del\x7f nul\x00 tab\t":            `del\x7f nul\x00 tab\t`,
		"c1\u009b31m":                      `c1\u009b31m`,
		"rtl\u202enosj.exe":                `rtl\u202enosj.exe`,
		"zw\u200dj \ufeffbom \u2028ls":     `zw\u200dj \ufeffbom \u2028ls`,
		"latin1 caf\xe9":                   `latin1 caf\xe9`,
	} {
		if got := escapeText(in); got != want {
			t.Errorf("escapeText(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestTextReportHostileNames: a finding in a file whose name and content
// hold escape sequences and line breaks prints as one finding line, one
// snippet and a caret under the right character.
func TestTextReportHostileNames(t *testing.T) {
	files := &source.FileSet{}
	name := "evil\n[ok] no findings\x1b[2J.json"
	f := files.Add(source.NewFile(name, []byte("{\"a\x1b[31m\": \"\u202eb\", \"x\": 1}\n")))
	off := bytes.Index(f.Data, []byte(`"x"`))
	res := &rules.Result{Findings: []rules.Finding{{RuleID: "TA-CFG-000", RuleName: "invalid-file", Level: rules.Error,
		Message: "bad \x1b]0;title\x07 value", Location: f.Span(off, off+3)}}}
	doc := NewDocument(Tool{Name: "tauriaudit"}, []string{"."}, res, nil)
	var buf bytes.Buffer
	if err := Write(&buf, Text, doc, Options{Files: files}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	want := []string{
		`evil\n[ok] no findings\x1b[2J.json:1:18: error TA-CFG-000 invalid-file: bad \x1b]0;title\x07 value`,
		`    {"a\x1b[31m": "\u202eb", "x": 1}`,
		`                             ^~~`,
		"1 error, 0 warnings, 0 notes in 1 app",
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("text report:\n%s\nwant:\n%s", buf.String(), strings.Join(want, "\n"))
	}
	buf.Reset()
	if err := Write(&buf, Markdown, doc, Options{}); err != nil {
		t.Fatal(err)
	}
	if strings.ContainsAny(buf.String(), "\x1b\r\u202e") || strings.Contains(buf.String(), "\n[ok]") {
		t.Errorf("markdown carries raw control characters or a forged line:\n%q", buf.String())
	}
}

func TestMarkdownCode(t *testing.T) {
	for in, want := range map[string]string{
		"a.json":    "`a.json`",
		"a`b.json":  "``a`b.json``",
		"`a":        "`` `a ``",
		"a|b\nc":    "`a\\|b\\nc`",
		"x``y`.txt": "```x``y`.txt```",
	} {
		if got := mdCode(in); got != want {
			t.Errorf("mdCode(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSARIFURI(t *testing.T) {
	for _, p := range []string{
		"src-tauri/tauri.conf.json", "pct%41 #?&[]=.json", "evil\n[ok].json", "caf\xe9.json", "名前.json",
		"c:olon/x.json", ".", "../up.json", "rtl\u202ex.json",
	} {
		u := sarifURI(p)
		ref, err := url.Parse(u)
		if err != nil || ref.Scheme != "" || ref.Host != "" {
			t.Errorf("sarifURI(%q) = %q is not a relative reference: %v", p, u, err)
			continue
		}
		if dec, err := url.PathUnescape(u); err != nil || dec != p {
			t.Errorf("sarifURI(%q) = %q decodes to %q, %v", p, u, dec, err)
		}
	}
	if got := sarifURI("src-tauri/capabilities/default.json"); got != "src-tauri/capabilities/default.json" {
		t.Errorf("plain path changed: %q", got)
	}
}
