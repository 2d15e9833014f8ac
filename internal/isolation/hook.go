// Package isolation finds and judges the hook of a Tauri isolation app:
// the window.__TAURI_ISOLATION_HOOK__ function that every IPC message
// passes through before it is encrypted and sent to Rust. A hook that
// returns its payload without looking at it gives the app none of the
// pattern's protection. The reading is lexical (comments and strings
// blanked by internal/jssrc), not a JavaScript parser.
package isolation

import (
	"strings"

	"github.com/tauriaudit/tauriaudit/internal/jssrc"
	"github.com/tauriaudit/tauriaudit/internal/lazyre"
)

// Verdict is what a hook does with the messages it receives.
type Verdict int

// Verdicts.
const (
	// Judges: the hook has a condition, a throw, a comparison or a call
	// to something other than console: it may refuse or change messages.
	Judges Verdict = iota
	// PassThrough: the hook returns its payload unchanged, at most after
	// logging it.
	PassThrough
	// Empty: the hook's body does nothing at all.
	Empty
)

// Func is a hook assignment found in a script.
type Func struct {
	Offset  int // of the __TAURI_ISOLATION_HOOK__ name in the script
	Verdict Verdict
}

const hookName = "__TAURI_ISOLATION_HOOK__"

// assign matches the hook name being assigned: window.NAME =, or
// window['NAME'] = (not ==, not =>).
var assign = lazyre.New(hookName + `\s*['"]?\s*\]?\s*=[^=>]`)

// FindHook returns the first assignment of the hook in script src, as
// code (window.NAME) or a computed member (window['NAME']), not inside a
// string or comment.
func FindHook(src string) (Func, bool) {
	code := jssrc.BlankComments(src)
	blank := jssrc.BlankCommentsAndStrings(src)
	for _, loc := range assign.FindAllStringIndex(code, -1) {
		if blank[loc[0]:loc[0]+len(hookName)] == hookName || computedMember(code, loc[0]) {
			return Func{Offset: loc[0], Verdict: judge(blank, loc[1]-1)}, true
		}
	}
	return Func{}, false
}

// computedMember reports a name quoted right after '[': obj['NAME'].
func computedMember(code string, at int) bool {
	if at == 0 || code[at-1] != '\'' && code[at-1] != '"' {
		return false
	}
	return strings.HasSuffix(strings.TrimRight(code[:at-1], " \t"), "[")
}

// judge reads the function assigned at code[at:] and says what it does;
// a value it cannot read as a function counts as judging.
func judge(code string, at int) Verdict {
	param, body, ok := function(code, at)
	if !ok {
		return Judges
	}
	return judgeBody(param, body)
}

var (
	funcHead  = lazyre.New(`^\s*(?:async\s+)?function\b[^(]*\(`)
	arrowHead = lazyre.New(`^\s*(?:async\s+)?(?:\(|([A-Za-z_$][\w$]*)\s*=>)`)
	ident     = lazyre.New(`[A-Za-z_$][\w$]*`)
)

// function splits a function expression at code[at:] into its first
// parameter's name ("" when destructured or absent) and its body; an
// arrow with an expression body gives "return EXPR".
func function(code string, at int) (param, body string, ok bool) {
	rest := code[at:]
	if m := funcHead.FindStringIndex(rest); m != nil {
		params, after, ok := balanced(rest, m[1]-1, '(', ')')
		if !ok {
			return "", "", false
		}
		open := strings.IndexByte(rest[after:], '{')
		if open < 0 || strings.TrimSpace(rest[after:after+open]) != "" {
			return "", "", false
		}
		b, _, ok := balanced(rest, after+open, '{', '}')
		return firstParam(params), b, ok
	}
	m := arrowHead.FindStringSubmatchIndex(rest)
	if m == nil {
		return "", "", false
	}
	after := m[1]
	if m[2] >= 0 {
		param = rest[m[2]:m[3]]
	} else {
		params, end, ok := balanced(rest, m[1]-1, '(', ')')
		if !ok {
			return "", "", false
		}
		arrow := strings.Index(rest[end:], "=>")
		if arrow < 0 || strings.TrimSpace(rest[end:end+arrow]) != "" {
			return "", "", false
		}
		param, after = firstParam(params), end+arrow+2
	}
	if t := strings.TrimLeft(rest[after:], " \t\r\n"); strings.HasPrefix(t, "{") {
		b, _, ok := balanced(rest, len(rest)-len(t), '{', '}')
		return param, b, ok
	}
	return param, "return " + expression(rest[after:]), true
}

// firstParam is the first parameter's name, "" when it is destructured.
func firstParam(params string) string {
	first, _, _ := strings.Cut(params, ",")
	first = strings.TrimSpace(first)
	if loc := ident.FindStringIndex(first); loc != nil && loc[0] == 0 {
		return first[:loc[1]]
	}
	return ""
}

// balanced returns the text between the bracket at s[open] and its match,
// and the offset after the match.
func balanced(s string, open int, l, r byte) (inner string, end int, ok bool) {
	depth := 0
	for i := open; i < len(s); i++ {
		switch s[i] {
		case l:
			depth++
		case r:
			depth--
			if depth == 0 {
				return s[open+1 : i], i + 1, true
			}
		}
	}
	return "", 0, false
}

// expression is an arrow's expression body: up to a ; or line break
// outside brackets.
func expression(s string) string {
	depth := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '(' || c == '[' || c == '{':
			depth++
		case c == ')' || c == ']' || c == '}':
			if depth == 0 {
				return s[:i]
			}
			depth--
		case depth == 0 && (c == ';' || c == '\n' && strings.TrimSpace(s[:i]) != "" || c == ','):
			return s[:i]
		}
	}
	return s
}
