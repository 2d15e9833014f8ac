package csp

import (
	"fmt"
	"sort"
	"strings"

	"github.com/tauriaudit/tauriaudit/internal/textdist"
	"github.com/tauriaudit/tauriaudit/rules/source"
)

// ProblemKind names a kind of syntax mistake.
type ProblemKind string

// The syntax mistakes Problems finds.
const (
	UnknownDirective    ProblemKind = "unknown-directive"
	DuplicateDirective  ProblemKind = "duplicate-directive"
	DeprecatedDirective ProblemKind = "deprecated-directive"
	MissingSemicolon    ProblemKind = "missing-semicolon"
	UnquotedKeyword     ProblemKind = "unquoted-keyword"
	InvalidKeyword      ProblemKind = "invalid-keyword"
	NoneWithOthers      ProblemKind = "none-with-others"
)

// Problem is one syntax mistake, located at the token that shows it.
type Problem struct {
	Kind    ProblemKind
	Loc     source.Location
	Subject string
	Message string
}

// maxSuggestions bounds the "did you mean" searches, which compare a name
// with every directive: a hostile policy has thousands of unknown names.
const maxSuggestions = 64

// Problems lists the syntax mistakes of p in the order they are written:
// the ones a webview silently repairs or ignores, so the policy in effect
// differs from the one a reader sees.
func (p *Policy) Problems() []Problem {
	if p == nil {
		return nil
	}
	all := append(append([]*Directive(nil), p.Directives...), p.Duplicates...)
	sort.SliceStable(all, func(i, j int) bool { return all[i].Loc.Start.Offset < all[j].Loc.Start.Offset })
	dup := map[*Directive]bool{}
	for _, d := range p.Duplicates {
		dup[d] = true
	}
	var out []Problem
	suggested := 0
	for _, d := range all {
		switch {
		case !d.Known:
			msg := fmt.Sprintf("%q is not a csp directive", d.Text)
			if strings.HasSuffix(d.Name, ":") {
				msg += " (directive names end without a colon)"
			} else if suggested < maxSuggestions {
				suggested++
				if s := closestDirective(d.Name); s != "" {
					msg += fmt.Sprintf(" (did you mean %s?)", s)
				}
			}
			out = append(out, Problem{UnknownDirective, d.Loc, "unknown " + d.Name, msg + ": the webview ignores it and its sources"})
			continue
		case dup[d]:
			out = append(out, Problem{DuplicateDirective, d.Loc, "duplicate " + d.Name,
				fmt.Sprintf("%s is repeated: browsers keep the first one, tauri's rebuilt policy the last", d.Text)})
			continue
		}
		if r := Deprecated(d.Name); r != "" {
			out = append(out, Problem{DeprecatedDirective, d.Loc, "deprecated " + d.Name,
				fmt.Sprintf("%s is deprecated and not enforced by the webview; use %s", d.Text, r)})
		}
		out = append(out, sourceProblems(d)...)
	}
	return out
}

// sourceProblems finds the mistakes among d's sources.
func sourceProblems(d *Directive) []Problem {
	var out []Problem
	for _, s := range d.Sources {
		lower := strings.ToLower(s.Text)
		subject := d.Name + " " + s.Text
		switch {
		case IsKnown(lower):
			out = append(out, Problem{MissingSemicolon, s.Loc, subject,
				fmt.Sprintf(`%q is read as a source of %s: a ";" is missing before the directive`, s.Text, d.Text)})
		case !IsSourceList(d.Name):
			// sandbox flags, report-to groups, MIME types: not sources
		case looksLikeKeyword(lower):
			read := "an invalid source, which the webview ignores"
			if s.Kind == Host {
				read = fmt.Sprintf("a host named %q", s.Text)
			}
			out = append(out, Problem{UnquotedKeyword, s.Loc, subject,
				fmt.Sprintf("%s in %s lacks its single quotes: the webview reads it as %s; write '%s'", s.Text, d.Text, read, s.Text)})
		case s.Kind == Invalid && strings.HasPrefix(s.Text, "'") && !strings.HasPrefix(lower, "'nonce-"):
			out = append(out, Problem{InvalidKeyword, s.Loc, subject,
				fmt.Sprintf("%s in %s is not a csp keyword, nonce or hash: the webview ignores it", s.Text, d.Text)})
		case s.Is(None) && len(d.Sources) > 1:
			out = append(out, Problem{NoneWithOthers, s.Loc, subject,
				fmt.Sprintf("%s in %s has no effect beside other sources: the directive allows them", s.Text, d.Text)})
		}
	}
	return out
}

// Mistaken reports whether s is a source only by mistake: a directive
// name after a missing ";" or a keyword without its quotes. Problems
// reports those; rules about hosts should not read them as hosts.
func (s *Source) Mistaken() bool {
	lower := strings.ToLower(s.Text)
	return IsKnown(lower) || looksLikeKeyword(lower)
}

// looksLikeKeyword reports an unquoted keyword, nonce or hash.
func looksLikeKeyword(lower string) bool {
	if strings.HasPrefix(lower, "'") {
		return false
	}
	if IsKeyword("'" + lower + "'") {
		return true
	}
	for _, p := range []string{"nonce-", "sha256-", "sha384-", "sha512-"} {
		if strings.HasPrefix(lower, p) && len(lower) > len(p) && !strings.Contains(lower, ".") {
			return true
		}
	}
	return false
}

// closestDirective returns the directive name within two edits of name,
// or "" when none is that close.
func closestDirective(name string) string {
	if len(name) > 40 {
		return ""
	}
	best, bestDist := "", 3
	for _, list := range [][]string{fetchDirectives, otherDirectives} {
		for _, k := range list {
			if d := textdist.Edit(name, k, 2); d < bestDist {
				best, bestDist = k, d
			}
		}
	}
	return best
}
