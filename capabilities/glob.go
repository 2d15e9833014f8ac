package capabilities

import (
	"fmt"
	"slices"
	"unicode/utf8"

	"github.com/tauriaudit/tauriaudit/rules/source"
)

// Glob is a window or webview label pattern with the semantics of Rust's
// glob 0.3 crate under default match options (tauri-acl §9.3): `?` is one
// character, `*` any run including '/', `[..]`/`[!..]` classes with
// ranges (a ']' first in the class is literal), `**` only as a whole path
// component, no escapes, case-sensitive.
type Glob struct {
	Pattern string
	// Node is where the pattern is written, when known.
	Node *source.Node
	// Err is set when the pattern does not compile; it then matches
	// nothing.
	Err    error
	tokens []globToken
	stars  int  // tokens of kind gAnySeq or gAnyRecSeq
	winSep bool // '\\' also separates, as on a Windows target
}

type globKind uint8

const (
	gChar globKind = iota
	gAnyChar
	gAnySeq
	gAnyRecSeq
	gWithin
	gExcept
)

type globToken struct {
	kind  globKind
	c     rune
	specs []charSpec
	slot  int // a star token's row in the match memo
}

// star reports whether the token matches a run (and so branches).
func (t *globToken) star() bool { return t.kind == gAnySeq || t.kind == gAnyRecSeq }

// admits reports whether a single-character token matches c.
func (t *globToken) admits(c rune) bool {
	switch t.kind {
	case gChar:
		return c == t.c
	case gWithin:
		return inSpecs(t.specs, c)
	case gExcept:
		return !inSpecs(t.specs, c)
	}
	return true // gAnyChar
}

// charSpec is a single character (lo == hi) or a range of a class.
type charSpec struct{ lo, hi rune }

// GlobError is an invalid pattern; Pos counts characters.
type GlobError struct {
	Pos int
	Msg string
}

func (e *GlobError) Error() string {
	return fmt.Sprintf("Pattern syntax error near position %d: %s", e.Pos, e.Msg)
}

const (
	errWildcards    = "wildcards are either regular `*` or recursive `**`"
	errRecursive    = "recursive wildcards must form a single path component"
	errInvalidRange = "invalid range pattern"
)

// CompileGlob compiles a label pattern. winSep makes '\\' a path
// separator too, as the glob crate does on Windows.
func CompileGlob(pattern string, winSep bool) (*Glob, error) {
	g := &Glob{Pattern: pattern, winSep: winSep}
	cs := []rune(pattern)
	for i := 0; i < len(cs); {
		switch cs[i] {
		case '?':
			g.tokens = append(g.tokens, globToken{kind: gAnyChar})
			i++
		case '*':
			n, err := g.star(cs, i)
			if err != nil {
				return nil, err
			}
			i = n
		case '[':
			n, err := g.class(cs, i)
			if err != nil {
				return nil, err
			}
			i = n
		default:
			g.tokens = append(g.tokens, globToken{kind: gChar, c: cs[i]})
			i++
		}
	}
	for i := range g.tokens {
		if g.tokens[i].star() {
			g.tokens[i].slot = g.stars
			g.stars++
		}
	}
	return g, nil
}

// star reads a run of '*' at i and returns the next index.
func (g *Glob) star(cs []rune, i int) (int, error) {
	old := i
	for i < len(cs) && cs[i] == '*' {
		i++
	}
	switch i - old {
	case 1:
		g.tokens = append(g.tokens, globToken{kind: gAnySeq})
		return i, nil
	case 2:
	default:
		return 0, &GlobError{Pos: old + 2, Msg: errWildcards}
	}
	// tauri-acl §9.3: "**" must be a whole component: at the start or
	// after a separator, and at the end or before one (which it eats).
	if old != 0 && !g.isSep(cs[old-1]) {
		return 0, &GlobError{Pos: old - 1, Msg: errRecursive}
	}
	switch {
	case i < len(cs) && g.isSep(cs[i]):
		i++
	case i == len(cs):
	default:
		return 0, &GlobError{Pos: i, Msg: errRecursive}
	}
	// Consecutive "**/" collapse, except right at the start (the crate
	// checks for more than one token; harmless either way).
	if n := len(g.tokens); !(n > 1 && g.tokens[n-1].kind == gAnyRecSeq) {
		g.tokens = append(g.tokens, globToken{kind: gAnyRecSeq})
	}
	return i, nil
}

// class reads "[...]" or "[!...]" at i and returns the next index. The
// closing ']' is searched from the second class character on, so a ']'
// right after "[" or "[!" is literal.
func (g *Glob) class(cs []rune, i int) (int, error) {
	if i+4 <= len(cs) && cs[i+1] == '!' {
		if j := slices.Index(cs[i+3:], ']'); j >= 0 {
			g.tokens = append(g.tokens, globToken{kind: gExcept, specs: charSpecs(cs[i+2 : i+3+j])})
			return i + j + 4, nil
		}
	} else if i+3 <= len(cs) && cs[i+1] != '!' {
		if j := slices.Index(cs[i+2:], ']'); j >= 0 {
			g.tokens = append(g.tokens, globToken{kind: gWithin, specs: charSpecs(cs[i+1 : i+2+j])})
			return i + j + 3, nil
		}
	}
	return 0, &GlobError{Pos: i, Msg: errInvalidRange}
}

// charSpecs reads a class body: "a-z" is a range, anything else single.
func charSpecs(cs []rune) []charSpec {
	var out []charSpec
	for i := 0; i < len(cs); {
		if i+3 <= len(cs) && cs[i+1] == '-' {
			out = append(out, charSpec{cs[i], cs[i+2]})
			i += 3
			continue
		}
		out = append(out, charSpec{cs[i], cs[i]})
		i++
	}
	return out
}

func (g *Glob) isSep(c rune) bool { return c == '/' || g.winSep && c == '\\' }

// Match reports whether label matches the whole pattern.
func (g *Glob) Match(label string) bool {
	if g == nil || g.Err != nil {
		return false
	}
	// Most labels and patterns are short: their runes and memo fit in
	// buffers on the stack, and Match allocates nothing.
	var runeBuf [128]rune
	var memoBuf [1024]int8
	runes := runeBuf[:0]
	if n := utf8.RuneCountInString(label); n > len(runeBuf) {
		runes = make([]rune, 0, n)
	}
	m := globMatcher{g: g, s: appendRunes(runes, label)}
	if n := g.stars * (len(m.s) + 1); n <= len(memoBuf) {
		m.memo = memoBuf[:n]
	} else {
		m.memo = make([]int8, n)
	}
	return m.match(0, 0)
}

// appendRunes appends the code points of s to buf.
func appendRunes(buf []rune, s string) []rune {
	for _, r := range s {
		buf = append(buf, r)
	}
	return buf
}

// globMatcher memoizes match(token, position) at the star tokens, the
// only ones that branch, so hostile patterns stay polynomial and the memo
// grows with the number of stars, not the pattern's length.
type globMatcher struct {
	g    *Glob
	s    []rune
	memo []int8 // per star and position: 0 unknown, 1 match, 2 no match
}

func (m *globMatcher) match(ti, pos int) bool {
	toks := m.g.tokens
	for ti < len(toks) && !toks[ti].star() {
		if pos >= len(m.s) || !toks[ti].admits(m.s[pos]) {
			return false
		}
		ti, pos = ti+1, pos+1
	}
	if ti == len(toks) {
		return pos == len(m.s)
	}
	k := toks[ti].slot*(len(m.s)+1) + pos
	if m.memo[k] != 0 {
		return m.memo[k] == 1
	}
	ok := m.run(ti, pos)
	m.memo[k] = 2
	if ok {
		m.memo[k] = 1
	}
	return ok
}

// run matches the star token ti at pos.
func (m *globMatcher) run(ti, pos int) bool {
	if m.g.tokens[ti].kind == gAnySeq {
		// Match nothing more, or eat one character and stay.
		return m.match(ti+1, pos) || pos < len(m.s) && m.match(ti, pos+1)
	}
	// "**" eats nothing or a run ending in a separator. When it runs
	// out of input the crate goes on with the remaining tokens on
	// empty input, which only sequence tokens survive.
	if m.match(ti+1, pos) {
		return true
	}
	for p := pos; p < len(m.s); p++ {
		if m.g.isSep(m.s[p]) && m.match(ti+1, p+1) {
			return true
		}
	}
	return pos < len(m.s) && m.onlySequencesFrom(ti+1)
}

func (m *globMatcher) onlySequencesFrom(ti int) bool {
	for _, t := range m.g.tokens[ti:] {
		if t.kind != gAnySeq && t.kind != gAnyRecSeq {
			return false
		}
	}
	return true
}

func inSpecs(specs []charSpec, c rune) bool {
	for _, s := range specs {
		if s.lo <= c && c <= s.hi {
			return true
		}
	}
	return false
}
