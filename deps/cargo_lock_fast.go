package deps

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/tauriaudit/tauriaudit/rules/source"
)

// cargoLockFast reads a Cargo.lock line by line without building a
// positioned TOML tree, several times cheaper on the quarter-megabyte
// lockfiles of real apps. It accepts only the shape Cargo writes: comment
// lines, a `version = 3|4` line, and [[package]] blocks of name, version,
// source and checksum basic strings without escapes plus a multi-line
// dependencies array of one string per line. Anything else ([metadata],
// [patch.unused], escapes, inline arrays, trailing comments, a repeated
// key, CR, tabs, non-ASCII) returns ok=false and ParseCargoLock reads
// the file as TOML. cargo_lock_fast_test.go checks that both agree, entry
// by entry and position by position.
func cargoLockFast(f *source.File) (lk *Lockfile, ok bool) {
	data := f.Data
	if len(data) > MaxLockfileBytes || !plainASCII(data) || tooManyLines(data) {
		return nil, false
	}
	r := &cargoLockReader{f: f, lk: &Lockfile{Kind: CargoLockKind, File: f.Path}}
	text := string(data) // one copy: lines and values are substrings of it
	for off := 0; off < len(text); {
		end := strings.IndexByte(text[off:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += off
		}
		if !r.line(off, text[off:end]) {
			return nil, false
		}
		off = end + 1
	}
	if r.inDeps || !r.flush() {
		return nil, false
	}
	if r.lk.Version == "" {
		r.lk.Version = inferFastVersion(r.lk.Entries)
	}
	return r.lk, true
}

// tooManyLines leaves files near source.MaxValues to the TOML parser,
// which reports them.
func tooManyLines(data []byte) bool {
	return bytes.Count(data, []byte("\n"))+bytes.Count(data, []byte(",")) >= source.MaxValues
}

type cargoLockReader struct {
	f       *source.File
	lk      *Lockfile
	entry   *LockEntry      // package being read, nil before the first
	have    uint8           // packageKeyBit of each key of the package read so far
	seen    map[string]bool // keys of the [[patch.unused]] block read so far
	inDeps  bool            // inside a multi-line dependencies array
	tables  bool            // a [[package]] header was seen
	unused  bool            // inside a [[patch.unused]] block
	pkgBase string
}

// line consumes one line starting at byte off; false means "not the
// shape Cargo writes".
func (r *cargoLockReader) line(off int, l string) bool {
	if r.inDeps {
		return r.depLine(off, l)
	}
	switch {
	case l == "" || l[0] == '#':
		return true
	case l == "[[package]]":
		if !r.flush() {
			return false
		}
		r.tables = true
		r.pkgBase = "/package/" + strconv.Itoa(len(r.lk.Entries))
		r.entry, r.have, r.unused = &LockEntry{Ecosystem: Crates}, 0, false
		return true
	case l == "[[patch.unused]]":
		// Cargo lists [patch] entries no package uses; they are not locked.
		if !r.flush() {
			return false
		}
		r.tables, r.unused, r.seen = true, true, map[string]bool{}
		return true
	}
	key, rest, ok := strings.Cut(l, " = ")
	if !ok {
		return false
	}
	if !r.tables {
		return key == "version" && r.lk.Version == "" && r.version(rest)
	}
	if r.unused {
		if r.seen[key] {
			return false
		}
		r.seen[key] = true
		_, ok := plainBasicString(rest)
		return ok && bareKey(key)
	}
	bit := packageKeyBit(key)
	if bit == 0 || r.have&bit != 0 {
		return false // an unknown or repeated key
	}
	r.have |= bit
	if key == "dependencies" {
		r.inDeps = rest == "["
		return r.inDeps
	}
	vs := off + len(key) + len(" = ")
	s, ok := plainBasicString(rest)
	if !ok {
		return false
	}
	loc := r.f.Span(vs, vs+len(rest))
	loc.Pointer = r.pkgBase + "/" + key
	e := r.entry
	switch key {
	case "name":
		e.Name = s
		e.Loc = loc
		e.Loc.Start = r.f.Pos(off)
	case "version":
		e.Version, e.VersionLoc = s, loc
	case "source":
		e.Resolved, e.ResolvedLoc = s, loc
	case "checksum":
		e.Integrity, e.IntegrityLoc = s, loc
	}
	return true
}

// The keys of a [[package]] block, as bits.
const (
	keyName uint8 = 1 << iota
	keyVersion
	keySource
	keyChecksum
	keyDependencies
)

func packageKeyBit(key string) uint8 {
	switch key {
	case "name":
		return keyName
	case "version":
		return keyVersion
	case "source":
		return keySource
	case "checksum":
		return keyChecksum
	case "dependencies":
		return keyDependencies
	}
	return 0
}

// version reads the top-level `version = N` of formats 3 and 4.
func (r *cargoLockReader) version(v string) bool {
	if v != "3" && v != "4" {
		return false // other values get the TOML path's diagnostics
	}
	r.lk.Version = v
	return true
}

// depLine reads one ` "dep",` line of a dependencies array or its `]`.
func (r *cargoLockReader) depLine(_ int, l string) bool {
	if l == "]" {
		r.inDeps = false
		return true
	}
	item, ok := strings.CutPrefix(l, " ")
	if !ok {
		return false
	}
	item, ok = strings.CutSuffix(item, ",")
	if !ok {
		return false
	}
	s, ok := plainBasicString(item)
	if !ok {
		return false
	}
	r.entry.Dependencies = append(r.entry.Dependencies, s)
	return true
}

// flush finishes the package being read; an entry without a name and
// version is left to the TOML path, which reports it.
func (r *cargoLockReader) flush() bool {
	e := r.entry
	if e == nil {
		return true
	}
	if r.have&(keyName|keyVersion) != keyName|keyVersion {
		return false
	}
	e.Key = e.Name + " " + e.Version
	e.Source = cargoSourceKind(e.Resolved)
	r.lk.Entries = append(r.lk.Entries, e)
	r.entry = nil
	return true
}

// plainBasicString unquotes "…" holding no quote, backslash or control
// character, the only strings Cargo writes in a lockfile.
func plainBasicString(v string) (string, bool) {
	if len(v) < 2 || v[0] != '"' || v[len(v)-1] != '"' {
		return "", false
	}
	s := v[1 : len(v)-1]
	if strings.ContainsAny(s, "\"\\") {
		return "", false
	}
	return s, true
}

// bareKey reports a TOML bare key: A-Za-z0-9_- only (no dots).
func bareKey(k string) bool {
	for i := 0; i < len(k); i++ {
		c := k[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-') {
			return false
		}
	}
	return k != ""
}

// inferFastVersion is inferCargoLockVersion for a file without
// [metadata] (which the fast path never accepts).
func inferFastVersion(entries []*LockEntry) string {
	for _, e := range entries {
		if e.IntegrityLoc.Start.IsValid() {
			return "2"
		}
		for _, d := range e.Dependencies {
			if !strings.HasSuffix(d, ")") {
				return "2"
			}
		}
	}
	return "1"
}
