// Package rulestest runs rules over txtar fixtures whose expected findings
// are written inside the fixture, next to the lines they concern.
//
// A fixture's comment header names the rules to run ("rules: TA-CSP-001
// csp-unsafe-eval"). Each file line may end with "// want RULE `regexp`"
// (or "# want" in TOML), any number of pairs; the harness cuts the comment
// off before loading, so positions stay true and strict JSON still parses.
// Findings without a line of their own are expected in a "want" section,
// one per line: "path#pointer RULE `regexp`" or "path RULE `regexp`".
// A finding the rule records as suppressed is matched as its message
// followed by " [suppressed: REASON]".
// A file named "NAME.base64" is decoded into NAME: binary fixtures
// (a PKCS#12 bundle) stay text in the archive.
// Every finding must be expected and every expectation met.
package rulestest

import (
	"context"
	"encoding/base64"
	"fmt"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/tools/txtar"

	"github.com/tauriaudit/tauriaudit/rules"
	"github.com/tauriaudit/tauriaudit/rules/source"
)

// expectation is one wanted finding.
type expectation struct {
	file    string
	line    int    // 0 when matched by pointer or file only
	pointer string // "" unless given with #
	rule    string
	msg     *regexp.Regexp
	where   string // for error messages
	met     bool
}

var (
	// (?m): each line still ends with its newline, before which a plain $
	// would never match.
	inlineWant = regexp.MustCompile(`(?m)\s*(//|#) want (.*)$`)
	wantPair   = regexp.MustCompile("([A-Za-z0-9-]+)\\s+(`[^`]*`|\"(?:[^\"\\\\]|\\\\.)*\")")
	rulesLine  = regexp.MustCompile(`(?m)^rules:(.*)$`)
	platLine   = regexp.MustCompile(`(?m)^platforms:(.*)$`)
)

// Run runs every fixture matching glob with the rules in all.
func Run(t *testing.T, glob string, all []*rules.Rule) {
	t.Helper()
	paths, err := filepath.Glob(glob)
	if err != nil || len(paths) == 0 {
		t.Fatalf("no fixtures match %s", glob)
	}
	for _, p := range paths {
		t.Run(filepath.Base(p), func(t *testing.T) {
			ar, err := txtar.ParseFile(p)
			if err != nil {
				t.Fatal(err)
			}
			RunArchive(t, ar, all)
		})
	}
}

// RunArchive checks one parsed fixture.
func RunArchive(t *testing.T, ar *txtar.Archive, all []*rules.Rule) {
	t.Helper()
	selected := selectRules(t, string(ar.Comment), all)
	fsys, wants := prepare(t, ar)
	opt := rules.LoadOptions{}
	if m := platLine.FindStringSubmatch(string(ar.Comment)); m != nil {
		for _, s := range strings.Fields(m[1]) {
			pf, ok := source.ParsePlatform(s)
			if !ok {
				t.Fatalf("unknown platform %q", s)
			}
			opt.Platforms = append(opt.Platforms, pf)
		}
	}
	projects, err := rules.LoadFS(context.Background(), fsys, opt)
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	res := rules.Run(context.Background(), projects, selected)
	for _, e := range res.Errors {
		t.Errorf("rule %s failed: %s", e.RuleID, e.Err)
	}
	Check(t, res.Findings, wants)
}

func selectRules(t *testing.T, comment string, all []*rules.Rule) []*rules.Rule {
	m := rulesLine.FindStringSubmatch(comment)
	if m == nil {
		t.Fatal(`fixture comment has no "rules:" line`)
	}
	var out []*rules.Rule
	for _, name := range strings.Fields(m[1]) {
		r := rules.Find(all, name)
		if r == nil {
			t.Fatalf("unknown rule %q", name)
		}
		out = append(out, r)
	}
	return out
}

// prepare cuts inline expectations out of the files and builds the file
// system and the expectation list.
func prepare(t *testing.T, ar *txtar.Archive) (fstest.MapFS, []*expectation) {
	fsys := fstest.MapFS{}
	var wants []*expectation
	for _, f := range ar.Files {
		if f.Name == "want" {
			wants = append(wants, parseWantSection(t, string(f.Data))...)
			continue
		}
		if name, ok := strings.CutSuffix(f.Name, ".base64"); ok {
			data, err := base64.StdEncoding.DecodeString(strings.Join(strings.Fields(string(f.Data)), ""))
			if err != nil {
				t.Fatalf("%s: %v", f.Name, err)
			}
			fsys[name] = &fstest.MapFile{Data: data}
			continue
		}
		lines := strings.SplitAfter(string(f.Data), "\n")
		for i, l := range lines {
			m := inlineWant.FindStringSubmatchIndex(l)
			if m == nil {
				continue
			}
			spec := l[m[4]:m[5]]
			spec = strings.TrimRight(spec, "\r\n")
			for _, e := range parsePairs(t, spec, fmt.Sprintf("%s:%d", f.Name, i+1)) {
				e.file, e.line = f.Name, i+1
				wants = append(wants, e)
			}
			nl := ""
			if strings.HasSuffix(l, "\n") {
				nl = "\n"
			}
			lines[i] = l[:m[0]] + nl
		}
		fsys[f.Name] = &fstest.MapFile{Data: []byte(strings.Join(lines, ""))}
	}
	return fsys, wants
}

func parseWantSection(t *testing.T, text string) []*expectation {
	var out []*expectation
	for i, l := range strings.Split(text, "\n") {
		l = strings.TrimSpace(l)
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		target, rest, _ := strings.Cut(l, " ")
		file, ptr, hasPtr := strings.Cut(target, "#")
		line := 0
		if !hasPtr {
			if f, n, ok := strings.Cut(file, ":"); ok {
				file = f
				line, _ = strconv.Atoi(n)
			}
		}
		for _, e := range parsePairs(t, rest, fmt.Sprintf("want:%d", i+1)) {
			e.file, e.pointer, e.line = file, ptr, line
			if hasPtr && ptr == "" {
				e.pointer = "\x00root"
			}
			out = append(out, e)
		}
	}
	return out
}

func parsePairs(t *testing.T, spec, where string) []*expectation {
	var out []*expectation
	for _, m := range wantPair.FindAllStringSubmatch(spec, -1) {
		pat := m[2][1 : len(m[2])-1]
		if m[2][0] == '"' {
			if u, err := strconv.Unquote(m[2]); err == nil {
				pat = u
			}
		}
		rx, err := regexp.Compile(pat)
		if err != nil {
			t.Fatalf("%s: bad regexp %q: %v", where, pat, err)
		}
		out = append(out, &expectation{rule: m[1], msg: rx, where: where})
	}
	if len(out) == 0 {
		t.Fatalf("%s: malformed expectation %q", where, spec)
	}
	return out
}

// Check matches findings against expectations: each finding must meet an
// unmet expectation; leftovers on either side are test failures.
func Check(t *testing.T, found []rules.Finding, wants []*expectation) {
	t.Helper()
	for _, f := range found {
		if e := match(f, wants); e != nil {
			e.met = true
			continue
		}
		t.Errorf("%s:%d:%d: unexpected %s finding: %s (pointer %s)", f.Location.File, f.Location.Start.Line,
			f.Location.Start.Col, f.RuleID, shownMessage(f), f.Location.Pointer)
	}
	for _, e := range wants {
		if !e.met {
			t.Errorf("%s: no %s finding matching %q", e.where, e.rule, e.msg)
		}
	}
}

// shownMessage is the finding's message, with the reason when the rule
// recorded it as suppressed.
func shownMessage(f rules.Finding) string {
	if f.Suppressed != nil {
		return f.Message + " [suppressed: " + f.Suppressed.Reason + "]"
	}
	return f.Message
}

func match(f rules.Finding, wants []*expectation) *expectation {
	for _, e := range wants {
		if e.met || e.file != f.Location.File || (e.rule != f.RuleID && e.rule != f.RuleName) {
			continue
		}
		if e.line != 0 && e.line != f.Location.Start.Line {
			continue
		}
		if e.pointer != "" && !(e.pointer == "\x00root" && f.Location.Pointer == "") && e.pointer != f.Location.Pointer {
			continue
		}
		if e.msg.MatchString(shownMessage(f)) {
			return e
		}
	}
	return nil
}
