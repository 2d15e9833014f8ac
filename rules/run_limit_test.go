package rules

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	"github.com/tauriaudit/tauriaudit/rules/source"
)

// TestFindingsBoundedPerFile: one rule reporting millions of findings in
// one file gives MaxFindingsPerFile of them and one saying the list was
// cut, at the most severe level dropped; the same finding on several
// targets still merges, and other files keep theirs.
func TestFindingsBoundedPerFile(t *testing.T) {
	ps, err := LoadFS(context.Background(), fstest.MapFS{"tauri.conf.json": {Data: []byte(minimalConfig)}}, LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	r := &Rule{ID: "TA-CFG-999", Name: "noisy", Level: Warning, Run: func(p *Pass) error {
		for i := range 200_000 {
			f := Finding{Location: source.Location{File: "a.json", Start: source.Pos{Line: 1, Col: i + 1, Offset: i}}, Message: fmt.Sprint(i)}
			if i == 150_000 {
				f.Level = Error
			}
			for _, t := range p.Project.Targets {
				p.ReportOn(t, f)
			}
		}
		p.Reportf(source.Location{File: "b.json"}, "", "other file")
		return nil
	}}
	res := Run(context.Background(), ps, []*Rule{r})
	perFile := map[string]int{}
	var cut *Finding
	for i, f := range res.Findings {
		perFile[f.Location.File]++
		if f.Subject == "findings truncated" {
			cut = &res.Findings[i]
		}
		if f.Platforms != nil {
			t.Fatalf("a finding on every target did not merge: %v", f.Platforms)
		}
	}
	if perFile["a.json"] != MaxFindingsPerFile+1 || perFile["b.json"] != 1 {
		t.Errorf("findings per file: %v", perFile)
	}
	if cut == nil || cut.Level != Error {
		t.Errorf("truncation finding: %+v", cut)
	}
}

// TestMessagesBounded: a message quoting a huge value is cut to
// MaxMessageBytes at a character boundary and says how much was cut; a
// message under the bound is kept whole.
func TestMessagesBounded(t *testing.T) {
	ps, err := LoadFS(context.Background(), fstest.MapFS{"tauri.conf.json": {Data: []byte(minimalConfig)}}, LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	long := "pattern " + strings.Repeat("é", 30_000)
	r := &Rule{ID: "TA-CFG-999", Name: "quoting", Level: Warning, Run: func(p *Pass) error {
		p.Reportf(source.Location{File: "a.json"}, "", "%s", long)
		p.Reportf(source.Location{File: "b.json"}, "", "short")
		return nil
	}}
	msgs := map[string]string{}
	for _, f := range Run(context.Background(), ps, []*Rule{r}).Findings {
		msgs[f.Location.File] = f.Message
	}
	cut := msgs["a.json"]
	kept, rest, ok := strings.Cut(cut, "… (")
	if !ok || len(kept) > MaxMessageBytes || !utf8.ValidString(cut) || !strings.HasPrefix(long, kept) ||
		rest != fmt.Sprintf("%d more bytes)", len(long)-len(kept)) {
		t.Errorf("long message not cut as expected: %d bytes, valid UTF-8 %v, ends %q", len(cut), utf8.ValidString(cut), cut[max(0, len(cut)-40):])
	}
	if msgs["b.json"] != "short" {
		t.Errorf("short message changed: %q", msgs["b.json"])
	}
}
