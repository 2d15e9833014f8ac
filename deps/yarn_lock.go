package deps

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/tauriaudit/tauriaudit/rules/source"
)

// ParseYarnLock parses a yarn.lock: the classic v1 text format, or the
// YAML format of yarn 2+ ("berry"), recognised by its __metadata key.
func ParseYarnLock(f *source.File) (*Lockfile, error) {
	if err := checkSize(f, MaxLockfileBytes); err != nil {
		return nil, err
	}
	if isBerry(f.Data) {
		return parseYarnBerry(f)
	}
	return parseYarnClassic(f), nil
}

func isBerry(data []byte) bool {
	return bytes.HasPrefix(data, []byte("__metadata:")) || bytes.Contains(data, []byte("\n__metadata:"))
}

// yarnLine is one significant line of a classic yarn.lock.
type yarnLine struct {
	indent int
	text   string // without indentation and trailing white space
	off    int    // byte offset of text
}

// classicParser reads the v1 format: unindented headers listing the
// specs an entry satisfies, then indented "key value" fields, with one
// more level for dependency maps.
type classicParser struct {
	f   *source.File
	lk  *Lockfile
	cur *LockEntry
	sub string // nested map being read ("dependencies", …)
}

func parseYarnClassic(f *source.File) *Lockfile {
	p := &classicParser{f: f, lk: &Lockfile{Kind: YarnClassicKind, File: f.Path, Version: "1"}}
	for _, ln := range splitYarnLines(f.Data) {
		p.line(ln)
	}
	p.flush()
	return p.lk
}

func splitYarnLines(data []byte) []yarnLine {
	var out []yarnLine
	off := 0
	for off < len(data) {
		end := bytes.IndexByte(data[off:], '\n')
		if end < 0 {
			end = len(data) - off
		}
		raw := string(data[off : off+end])
		body := strings.TrimLeft(raw, " \t")
		trimmed := strings.TrimRight(body, " \t\r")
		if trimmed != "" && !strings.HasPrefix(trimmed, "#") {
			out = append(out, yarnLine{indent: len(raw) - len(body), text: trimmed, off: off + len(raw) - len(body)})
		}
		off += end + 1
	}
	return out
}

func (p *classicParser) diag(off int, format string, args ...any) {
	p.lk.Diagnostics = append(p.lk.Diagnostics, errAt(p.f, off, format, args...))
}

func (p *classicParser) line(ln yarnLine) {
	switch {
	case ln.indent == 0:
		p.header(ln)
	case p.cur == nil:
		p.diag(ln.off, "yarn.lock: indented line outside an entry")
	case ln.indent <= 2:
		p.field(ln)
	case p.sub == "dependencies" || p.sub == "optionalDependencies":
		if name, _, _, ok := yarnKeyValue(ln.text); ok {
			p.cur.Dependencies = append(p.cur.Dependencies, name)
		}
	}
}

// header starts an entry: `"a@^1", a@^1.2:`.
func (p *classicParser) header(ln yarnLine) {
	p.flush()
	if !strings.HasSuffix(ln.text, ":") {
		p.diag(ln.off, "yarn.lock: entry header must end with ':'")
		return
	}
	specs := splitSpecs(strings.TrimSuffix(ln.text, ":"))
	if len(specs) == 0 {
		p.diag(ln.off, "yarn.lock: empty entry header")
		return
	}
	loc := p.f.Span(ln.off, ln.off+len(ln.text))
	e := &LockEntry{Ecosystem: Npm, Key: strings.Join(specs, ", "), Loc: loc,
		VersionLoc: loc, ResolvedLoc: loc, IntegrityLoc: loc}
	e.Name = specPackage(specs[0])
	p.cur, p.sub = e, ""
}

// specPackage returns the package a "name@spec" key installs (the alias
// target for "name@npm:other@1").
func specPackage(key string) string {
	name, rest, _ := splitNameAt(key)
	if s := ParseNpmSpec(rest); s.Kind == SpecAlias && s.AliasName != "" {
		return s.AliasName
	}
	return name
}

// splitSpecs splits a header on commas outside quotes and unquotes.
func splitSpecs(s string) []string {
	var out []string
	for len(s) > 0 {
		s = strings.TrimLeft(s, " ")
		tok, rest := s, ""
		if strings.HasPrefix(s, `"`) {
			if q, n, ok := unquoteYarn(s); ok {
				tok, rest = q, s[n:]
			} else {
				return out
			}
		} else if i := strings.IndexByte(s, ','); i >= 0 {
			tok, rest = s[:i], s[i:]
		}
		if t := strings.TrimSpace(tok); t != "" {
			out = append(out, t)
		}
		rest = strings.TrimLeft(rest, " ")
		s = strings.TrimPrefix(rest, ",")
	}
	return out
}

// unquoteYarn reads the JSON-style quoted string at the start of s and
// returns it with the number of bytes it used.
func unquoteYarn(s string) (string, int, bool) {
	for i := 1; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '"':
			u, err := strconv.Unquote(s[:i+1])
			return u, i + 1, err == nil
		}
	}
	return "", 0, false
}

// yarnKeyValue splits `key value`, `"key" "value"` or `key:` lines;
// vstart is where the value (with its quotes) starts in s.
func yarnKeyValue(s string) (key, value string, vstart int, ok bool) {
	n := 0
	if strings.HasPrefix(s, `"`) {
		var good bool
		if key, n, good = unquoteYarn(s); !good {
			return "", "", 0, false
		}
	} else {
		n = strings.IndexAny(s, " :")
		if n < 0 {
			return s, "", len(s), true
		}
		key = s[:n]
	}
	rest := strings.TrimLeft(s[n:], " ")
	rest = strings.TrimLeft(strings.TrimPrefix(rest, ":"), " ")
	vstart = len(s) - len(rest)
	if strings.HasPrefix(rest, `"`) {
		v, _, good := unquoteYarn(rest)
		return key, v, vstart, good
	}
	return key, rest, vstart, true
}

// field reads one `key value` line of the current entry.
func (p *classicParser) field(ln yarnLine) {
	key, value, vstart, ok := yarnKeyValue(ln.text)
	if !ok {
		p.diag(ln.off, "yarn.lock: malformed field")
		return
	}
	p.sub = ""
	if value == "" && strings.HasSuffix(ln.text, ":") {
		p.sub = key
		return
	}
	loc := p.f.Span(ln.off+vstart, ln.off+len(ln.text))
	switch key {
	case "version":
		p.cur.Version, p.cur.VersionLoc = value, loc
	case "resolved":
		p.cur.Resolved, p.cur.ResolvedLoc = value, loc
	case "integrity":
		p.cur.Integrity, p.cur.IntegrityLoc = value, loc
	}
}

// flush finishes the current entry.
func (p *classicParser) flush() {
	e := p.cur
	p.cur = nil
	if e == nil {
		return
	}
	if e.Version == "" {
		p.lk.Diagnostics = append(p.lk.Diagnostics, errLoc(e.Loc, "yarn.lock entry %q has no version", e.Key))
	}
	src := e.Resolved
	if src == "" {
		_, src, _ = splitNameAt(strings.Split(e.Key, ", ")[0])
	}
	e.Source = npmSourceKind(src)
	if e.Resolved == "" && e.Source == SourceWorkspace {
		e.Source = SourceUnknown
	}
	p.lk.Entries = append(p.lk.Entries, e)
}
