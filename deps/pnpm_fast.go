package deps

import (
	"bytes"
	"strings"

	"github.com/tauriaudit/tauriaudit/rules/source"
)

// pnpmFast reads what ParsePnpmLock needs (lockfileVersion and the
// packages section) line by line, an order of magnitude faster than a
// YAML parser on the megabyte lockfiles of large workspaces. It accepts
// only the regular shape pnpm itself writes; anything else (tabs, CR,
// non-ASCII, anchors, tags, block scalars, multi-line flow collections,
// double quotes, documents, unknown versions) returns ok=false and the
// caller parses the file as YAML. pnpm_fast_test.go checks both readers
// agree, entry by entry and position by position.
func pnpmFast(f *source.File) (lk *Lockfile, ok bool) {
	data := f.Data
	if !plainASCII(data) {
		return nil, false
	}
	r := &pnpmReader{f: f, lk: &Lockfile{Kind: PnpmLockKind, File: f.Path}, levels: []blockLevel{{}}, seenTop: map[string]bool{}}
	for off := 0; off < len(data); {
		end := bytes.IndexByte(data[off:], '\n')
		if end < 0 {
			end = len(data)
		} else {
			end += off
		}
		if !r.line(off, string(data[off:end])) {
			return nil, false
		}
		off = end + 1
	}
	if r.entry != nil {
		r.lk.Entries = append(r.lk.Entries, r.entry)
	}
	major, _, _ := strings.Cut(r.lk.Version, ".")
	if major != "5" && major != "6" && major != "9" {
		return nil, false // the YAML path reports it with its position
	}
	r.major = major
	for _, e := range r.lk.Entries {
		r.finish(e)
	}
	return r.lk, true
}

// plainASCII accepts printable ASCII and newlines, the only bytes the
// line reader models.
func plainASCII(data []byte) bool {
	for _, b := range data {
		if (b < 0x20 || b > 0x7e) && b != '\n' {
			return false
		}
	}
	return true
}

type pnpmReader struct {
	f         *source.File
	lk        *Lockfile
	major     string
	section   string     // current top-level key
	entry     *LockEntry // package being read
	field     string     // current field of the entry
	resolved  map[*LockEntry]bool
	levels    []blockLevel // open block collections, root first
	open      bool         // the last line was a key or item without a value
	seenTop   map[string]bool
	seenField map[string]bool // fields of the current package
}

// line consumes one line; false means "not the shape we model".
func (r *pnpmReader) line(off int, l string) bool {
	trim := strings.TrimLeft(l, " ")
	indent := len(l) - len(trim)
	trim = strings.TrimRight(trim, " ") // offsets below count from the left
	if trim == "" || strings.HasPrefix(trim, "#") {
		return true
	}
	if !safeScalars(trim) || !r.structure(indent, trim) {
		return false
	}
	if indent == 0 {
		return r.topLevel(off, trim)
	}
	if r.section != "packages" {
		return !unbalancedFlow(trim)
	}
	// Depth in the block structure, not the column, says what a line is:
	// 2 = a package key, 3 = one of its fields, 4 = inside a field.
	switch len(r.levels) {
	case 2:
		return r.packageKey(off+indent, trim)
	case 3:
		return r.packageField(off+indent, trim)
	default:
		if len(r.levels) == 4 && r.field == "dependencies" {
			k, _, ok := splitKV(trim)
			if !ok {
				return false
			}
			name, _, ok := unquote(k)
			if !ok {
				return false
			}
			r.entry.Dependencies = append(r.entry.Dependencies, name)
			return true
		}
		return r.field != "" && r.field != "resolution" && !unbalancedFlow(trim)
	}
}

// safeScalars checks the YAML indicator characters of a line: outside
// single quotes, no scalar may start with one (anchors, aliases, tags,
// block scalars, directives, reserved characters, double quotes), and no
// line may hold a comment. Inside a plain scalar these characters are
// ordinary (pnpm writes ranges such as "^18 || >=21").
func safeScalars(trim string) bool {
	start := true // at a position where a scalar may begin
	for i := 0; i < len(trim); i++ {
		c := trim[i]
		switch {
		case c == '\'' && start: // a quote opens a scalar only where one begins
			j := strings.IndexByte(trim[i+1:], '\'')
			for j >= 0 && i+1+j+1 < len(trim) && trim[i+1+j+1] == '\'' {
				k := strings.IndexByte(trim[i+1+j+2:], '\'')
				if k < 0 {
					return false
				}
				j += k + 2
			}
			if j < 0 {
				return false
			}
			i += j + 1
			start = false
			continue
		case c == '#' && i > 0 && trim[i-1] == ' ': // a comment
			return false
		case start && strings.IndexByte("&*!|>%@?\"`", c) >= 0:
			return false
		}
		if c == ' ' {
			continue // a scalar may still begin after spaces
		}
		start = c == '{' || c == '[' || c == ',' || c == ':' || c == '-'
	}
	return true
}

// structure refuses what would make YAML read the lines differently
// from us, keeping a stack of block levels: a deeper line must open the
// block of a key or item that has no value on its line (otherwise it
// continues a multi-line scalar), a shallower line must return to a level
// already open, one level holds either keys or "- " items, and a line
// with neither a key nor an item marker can only be a continuation.
func (r *pnpmReader) structure(indent int, trim string) bool {
	item := trim == "-" || strings.HasPrefix(trim, "- ")
	value := ""
	if item {
		value = strings.TrimSpace(trim[1:])
	} else {
		_, v, ok := splitKV(trim)
		if !ok {
			return false
		}
		value = v
	}
	top := &r.levels[len(r.levels)-1]
	switch {
	case indent > top.indent:
		if !r.open {
			return false
		}
		r.levels = append(r.levels, blockLevel{indent: indent, seq: item})
	case indent < top.indent:
		for len(r.levels) > 1 && r.levels[len(r.levels)-1].indent > indent {
			r.levels = r.levels[:len(r.levels)-1]
		}
		if r.levels[len(r.levels)-1].indent != indent || r.levels[len(r.levels)-1].seq != item {
			return false
		}
	case top.seq != item:
		return false
	}
	r.open = value == "" && !(item && trim != "-")
	if item && value != "" && strings.Contains(value, ": ") {
		return false // "- key: value" opens a mapping inside the item
	}
	return scalarOrFlowOK(value)
}

// blockLevel is one open block collection.
type blockLevel struct {
	indent int
	seq    bool // a sequence of "- " items, else a mapping
}

// scalarOrFlowOK accepts a plain or single-quoted scalar, or a one-line
// flow collection of such scalars ({k: v, …} or [a, …]), in the forms
// whose YAML reading is unambiguous.
func scalarOrFlowOK(v string) bool {
	switch {
	case v == "":
		return true
	case strings.HasPrefix(v, "{"):
		if !strings.HasSuffix(v, "}") || strings.Count(v, "{") != 1 {
			return false
		}
		for _, part := range flowParts(v[1 : len(v)-1]) {
			k, val, ok := splitKV(part)
			if !ok || !plainOK(k, true) || !plainOK(val, true) {
				return false
			}
		}
		return true
	case strings.HasPrefix(v, "["):
		if !strings.HasSuffix(v, "]") || strings.Count(v, "[") != 1 {
			return false
		}
		for _, part := range flowParts(v[1 : len(v)-1]) {
			if !plainOK(part, true) {
				return false
			}
		}
		return true
	}
	return plainOK(v, false)
}

// flowPlainChars limits plain scalars inside flow collections to the
// characters pnpm writes there (integrity strings, URLs, version ranges
// such as "^18 || >=21", cpu/os names); YAML's flow-context rules for
// anything else are left to the YAML parser.
func flowPlainChars(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		ok := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("._+/=~^@:%<>|* -", c) >= 0
		if !ok {
			return false
		}
	}
	return !strings.HasSuffix(s, " ") && !strings.Contains(s, "  ")
}

// flowParts splits a flow collection's body at commas; an empty body has
// no parts.
func flowParts(body string) []string {
	if strings.TrimSpace(body) == "" {
		return nil
	}
	parts := strings.Split(body, ",")
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	return parts
}

// plainOK accepts a single-quoted scalar, or a plain one that YAML reads
// as written: no ": " inside, no trailing ':', and inside a flow
// collection no flow indicators.
func plainOK(s string, inFlow bool) bool {
	if strings.HasPrefix(s, "'") {
		_, n, ok := unquote(s)
		return ok && n == len(s)
	}
	if s == "" || inFlow && !flowPlainChars(s) {
		return false
	}
	// A plain scalar starting with an indicator is read otherwise, or not
	// at all, by YAML; pnpm quotes such values.
	return !strings.ContainsAny(s[:1], "-?:,[]{}#&*!|>'\"%@`") && !strings.Contains(s, ": ") && !strings.HasSuffix(s, ":")
}

// unbalancedFlow reports a flow collection that does not close on its line.
func unbalancedFlow(s string) bool {
	return strings.Count(s, "{") != strings.Count(s, "}") || strings.Count(s, "[") != strings.Count(s, "]")
}

func (r *pnpmReader) topLevel(off int, trim string) bool {
	if strings.HasPrefix(trim, "---") || strings.HasPrefix(trim, "...") {
		return false // document markers
	}
	k, v, ok := splitKV(trim)
	if !ok || strings.HasPrefix(k, "'") || strings.HasPrefix(trim, "-") {
		return false
	}
	r.flushEntry()
	if r.seenTop[k] {
		return false // the YAML path keeps the first of duplicate keys
	}
	r.seenTop[k] = true
	r.section, r.field = k, ""
	switch k {
	case "lockfileVersion":
		val, _, ok := unquote(v)
		r.lk.Version = val
		return ok && val != ""
	case "packages":
		return v == "" || v == "{}"
	}
	return !unbalancedFlow(v)
}

func (r *pnpmReader) flushEntry() {
	if r.entry != nil {
		r.lk.Entries = append(r.lk.Entries, r.entry)
		r.entry = nil
	}
}

// packageKey reads a package key line; off is where trim starts.
func (r *pnpmReader) packageKey(off int, trim string) bool {
	if !strings.HasSuffix(trim, ":") {
		return false
	}
	r.flushEntry()
	key, n, ok := unquote(trim[:len(trim)-1])
	if !ok || key == "" || n != len(trim)-1 {
		return false
	}
	loc := r.span(off, off+n)
	r.entry = &LockEntry{Ecosystem: Npm, Key: key, Loc: loc, VersionLoc: loc, ResolvedLoc: loc, IntegrityLoc: loc}
	r.field = ""
	if r.seenField == nil {
		r.seenField = map[string]bool{}
	}
	clear(r.seenField) // one map reused for every package
	return true
}

// packageField reads a field of the current package; off is where trim
// starts.
func (r *pnpmReader) packageField(off int, trim string) bool {
	if r.entry == nil {
		return false
	}
	k, v, ok := splitKV(trim)
	if !ok || r.seenField[k] {
		return false // duplicate fields: the YAML path reads the first
	}
	r.seenField[k] = true
	r.field = k
	vOff := off + len(trim) - len(v)
	switch k {
	case "name", "version":
		val, n, ok := unquote(v)
		if !ok || n != len(v) {
			return false
		}
		if k == "name" && val != "" {
			r.entry.Name = val
		}
		if k == "version" && val != "" {
			r.entry.Version, r.entry.VersionLoc = val, r.span(vOff, vOff+n)
		}
	case "dev":
		r.entry.Dev = v == "true"
	case "optional":
		r.entry.Optional = v == "true"
	case "resolution":
		return r.resolution(vOff, v)
	case "dependencies":
		return v == ""
	}
	return !unbalancedFlow(v)
}

// resolution reads `{integrity: …, tarball: …, type: git, repo: …,
// commit: …, directory: …, gitHosted: true}` written on one line.
func (r *pnpmReader) resolution(off int, v string) bool {
	if !strings.HasPrefix(v, "{") || !strings.HasSuffix(v, "}") || strings.Count(v, "{") != 1 {
		return false
	}
	fields := map[string]string{}
	locs := map[string]source.Location{}
	pos := off + 1
	for _, part := range strings.Split(v[1:len(v)-1], ",") {
		lead := len(part) - len(strings.TrimLeft(part, " "))
		tp := strings.TrimSpace(part)
		k, val, ok := splitKV(tp)
		if _, dup := fields[k]; !ok || dup {
			return false // a repeated key: the YAML path reads the first
		}
		s, n, ok := unquote(val)
		if !ok || n != len(val) {
			return false
		}
		vStart := pos + lead + len(tp) - len(val)
		fields[k], locs[k] = s, r.span(vStart, vStart+n)
		pos += len(part) + 1
	}
	e := r.entry
	if r.resolved == nil {
		r.resolved = map[*LockEntry]bool{}
	}
	r.resolved[e] = true
	if s, ok := fields["integrity"]; ok {
		e.Integrity, e.IntegrityLoc = s, locs["integrity"]
	}
	switch typ := fields["type"]; {
	case typ == "git":
		e.Source, e.Resolved, e.ResolvedLoc = SourceGit, "git+"+fields["repo"]+"#"+fields["commit"], locs["repo"]
		if _, ok := fields["repo"]; !ok {
			e.ResolvedLoc = source.Location{File: r.f.Path}
		}
	case typ == "directory":
		e.Source, e.Resolved, e.ResolvedLoc = SourcePath, "file:"+fields["directory"], locs["directory"]
		if _, ok := fields["directory"]; !ok {
			e.ResolvedLoc = source.Location{File: r.f.Path}
		}
	case hasKey(fields, "tarball"):
		e.Resolved, e.ResolvedLoc = fields["tarball"], locs["tarball"]
		e.Source = npmSourceKind(e.Resolved)
		if fields["gitHosted"] == "true" {
			e.Source = SourceGit
		}
	case e.Integrity != "":
		e.Source = SourceRegistry
	default:
		e.Source = SourceUnknown
	}
	return true
}

// finish fills name and version from the key (fields read earlier win).
func (r *pnpmReader) finish(e *LockEntry) {
	name, ver := pnpmKey(e.Key, r.major)
	if e.Name == "" {
		e.Name = name
	}
	if e.Version == "" {
		e.Version = ver
	}
	if !r.resolved[e] {
		e.Source = SourceUnknown // as the YAML path does without a resolution
	}
}

func hasKey(m map[string]string, k string) bool { _, ok := m[k]; return ok }

// span locates bytes [start, end) of the file.
func (r *pnpmReader) span(start, end int) source.Location {
	return r.f.Span(start, end)
}

// splitKV splits "key: value" or "key:" (plain or single-quoted key).
func splitKV(s string) (string, string, bool) {
	if strings.HasPrefix(s, "'") {
		_, n, ok := unquote(s)
		if !ok || n >= len(s) || s[n] != ':' || n > 1000 {
			return "", "", false
		}
		rest := s[n+1:]
		if rest != "" && !strings.HasPrefix(rest, " ") {
			return "", "", false
		}
		return s[:n], strings.TrimSpace(rest), true
	}
	i := strings.Index(s, ": ")
	key, value := "", ""
	switch {
	case i >= 0:
		key, value = s[:i], strings.TrimSpace(s[i+2:])
	case strings.HasSuffix(s, ":"):
		key = s[:len(s)-1]
	default:
		return "", "", false
	}
	// YAML limits implicit keys to 1024 characters; leave margin.
	if key == "" || len(key) > 1000 || strings.TrimSpace(key) != key || strings.ContainsAny(key[:1], ":,[]{}#-?") {
		return "", "", false
	}
	return key, value, true
}

// plainNull reports whether YAML reads plain scalar s as null, which the
// YAML path reads as empty: such a value is left to the YAML path.
func plainNull(s string) bool {
	switch s {
	case "~", "null", "Null", "NULL":
		return true
	}
	return false
}

// unquote reads a plain or single-quoted scalar at the start of s and
// returns its value and its length in s.
func unquote(s string) (string, int, bool) {
	if !strings.HasPrefix(s, "'") {
		if strings.ContainsAny(s, "'{}[],#") || strings.HasPrefix(s, "- ") || plainNull(s) {
			return "", 0, false
		}
		return s, len(s), true
	}
	var b strings.Builder
	for i := 1; i < len(s); i++ {
		if s[i] == '\'' {
			if i+1 < len(s) && s[i+1] == '\'' {
				b.WriteByte('\'')
				i++
				continue
			}
			return b.String(), i + 1, true
		}
		b.WriteByte(s[i])
	}
	return "", 0, false
}
