package rules

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/tauriaudit/tauriaudit/internal/comments"
	"github.com/tauriaudit/tauriaudit/internal/lazyre"
	"github.com/tauriaudit/tauriaudit/rules/source"
)

// inlineMarker starts an inline suppression in a comment:
//
//	// tauriaudit-ignore TA-CSP-003,csp-missing until=2027-01-31: legacy templates
//
// It covers findings of the named rules (IDs or names) in the same file,
// on its own line or, when the comment stands alone on its line, on the
// next one. The reason is required; until is optional, with the meaning
// it has in .tauriaudit.toml (the last day the ignore holds).
const inlineMarker = "tauriaudit-ignore"

var inlineSyntax = lazyre.New(`^` + inlineMarker + `[ \t]+([A-Za-z0-9-]+(?:[ \t]*,[ \t]*[A-Za-z0-9-]+)*)(?:[ \t]+until=(\S+))?[ \t]*:(.*)$`)

// inlineIgnore is one tauriaudit-ignore comment.
type inlineIgnore struct {
	Rules  []string // rule IDs
	Reason string
	Until  time.Time
	Loc    source.Location
	alone  bool   // the comment is all its line holds, so it covers the next line too
	bad    string // why it suppresses nothing (malformed), "" when valid
	used   bool
}

// ApplyInline applies the tauriaudit-ignore comments of the files the scan
// read to res and reports the expired, unused and malformed ones
// (TA-CFG-019/020 at the comment). A comment only covers findings in its
// own file. Findings already suppressed stay as they are.
func ApplyInline(res *Result, files *source.FileSet, all []*Rule, now time.Time) {
	byFile := map[string][]*inlineIgnore{}
	var ordered []*inlineIgnore
	for _, p := range files.Paths() {
		for _, ig := range inlineIgnores(files.File(p), all) {
			byFile[p] = append(byFile[p], ig)
			ordered = append(ordered, ig)
		}
	}
	if len(ordered) == 0 {
		return
	}
	for i := range res.Findings {
		f := &res.Findings[i]
		for _, ig := range byFile[f.Location.File] {
			if ig.covers(f) && !expired(ig.Until, now) {
				ig.used = true
				if f.Suppressed == nil {
					f.Suppressed = &Suppression{Reason: ig.Reason, Source: fmt.Sprintf("%s:%d", ig.Loc.File, ig.Loc.Start.Line), Inline: true}
				}
			}
		}
	}
	for _, ig := range ordered {
		if m, ok := ig.problem(now); ok {
			res.Findings = append(res.Findings, m)
		}
	}
	Sort(res.Findings)
}

func expired(until, now time.Time) bool { return !until.IsZero() && now.After(until.AddDate(0, 0, 1)) }

func (ig *inlineIgnore) covers(f *Finding) bool {
	if ig.bad != "" || !slices.Contains(ig.Rules, f.RuleID) {
		return false
	}
	line := f.Location.Start.Line
	return line == ig.Loc.Start.Line || ig.alone && line == ig.Loc.Start.Line+1
}

// problem is the finding about a comment that suppresses nothing.
func (ig *inlineIgnore) problem(now time.Time) (Finding, bool) {
	names := strings.Join(ig.Rules, ",")
	base := hash32("inline\x00" + ig.Loc.File + "\x00" + names + "\x00" + ig.Reason + "\x00" + ig.bad)
	mk := func(r *Rule, level Level, msg string) Finding {
		return Finding{RuleID: r.ID, RuleName: r.Name, Level: level, Message: msg, Location: ig.Loc,
			Subject: "inline " + names + " " + ig.Reason, Fingerprint: base}
	}
	switch {
	case ig.bad != "":
		return mk(IgnoreUnused, Warning, "tauriaudit-ignore comment suppresses nothing: "+ig.bad), true
	case expired(ig.Until, now):
		return mk(IgnoreExpired, IgnoreExpired.Level, fmt.Sprintf("inline ignore for %s expired on %s: %s", names, ig.Until.Format("2006-01-02"), ig.Reason)), true
	case !ig.used:
		where := "this line"
		if ig.alone {
			where += " or the next"
		}
		return mk(IgnoreUnused, IgnoreUnused.Level, fmt.Sprintf("inline ignore for %s matches no finding on %s", names, where)), true
	}
	return Finding{}, false
}

// inlineIgnores finds the tauriaudit-ignore comments of f; text outside
// comments (a string that happens to hold the marker) is not one.
func inlineIgnores(f *source.File, all []*Rule) []*inlineIgnore {
	if f == nil || !bytes.Contains(f.Data, []byte(inlineMarker)) {
		return nil
	}
	style := comments.StyleOf(f.Path)
	if style == comments.None {
		return nil
	}
	src := string(f.Data)
	inComment := comments.For(style, src)
	var out []*inlineIgnore
	for off := 0; ; {
		i := strings.Index(src[off:], inlineMarker)
		if i < 0 {
			return out
		}
		at := off + i
		off = at + len(inlineMarker)
		if !inComment(at) {
			continue
		}
		end := at + strings.IndexByte(src[at:]+"\n", '\n')
		ig := parseInline(commentText(src[at:end]), all)
		ig.Loc = f.Span(at, end)
		ig.alone = aloneOnLine(src, at, inComment)
		out = append(out, ig)
	}
}

// commentText cuts a block comment's closing marker off the directive.
func commentText(s string) string {
	if i := strings.Index(s, "*/"); i >= 0 {
		s = s[:i]
	}
	return strings.TrimSpace(s)
}

// aloneOnLine: everything before at on its line is white space or comment.
func aloneOnLine(src string, at int, inComment comments.Mask) bool {
	for i := at - 1; i >= 0 && src[i] != '\n'; i-- {
		if c := src[i]; c != ' ' && c != '\t' && c != '\r' && !inComment(i) {
			return false
		}
	}
	return true
}

func parseInline(text string, all []*Rule) *inlineIgnore {
	ig := &inlineIgnore{}
	m := inlineSyntax.FindStringSubmatch(text)
	if m == nil {
		ig.bad = "write it as `tauriaudit-ignore RULE-ID[,RULE-ID] [until=YYYY-MM-DD]: reason`"
		return ig
	}
	for _, name := range strings.Split(m[1], ",") {
		name = strings.TrimSpace(name)
		r := Find(all, name)
		if r == nil {
			ig.bad = fmt.Sprintf("unknown rule %q", name)
			return ig
		}
		ig.Rules = append(ig.Rules, r.ID)
	}
	if m[2] != "" {
		t, err := time.Parse("2006-01-02", m[2])
		if err != nil {
			ig.bad = fmt.Sprintf("until=%s is not a date such as 2027-01-31", m[2])
			return ig
		}
		ig.Until = t
	}
	if ig.Reason = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(m[3]), "-->")); ig.Reason == "" {
		ig.bad = "it needs a reason after the colon"
	}
	return ig
}
