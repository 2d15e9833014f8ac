package deps

import (
	"github.com/tauriaudit/tauriaudit/internal/textdist"
	"strings"
	"sync"

	"github.com/tauriaudit/tauriaudit/rules/source"
)

// Contains reports whether version v lies in the range. Bounds that do
// not parse never match (an invalid bound would compare as lowest).
func (r Range) Contains(v Version) bool {
	if !v.IsValid() {
		return false
	}
	if r.Introduced != "" && r.Introduced != "0" {
		lo, err := ParseVersion(r.Introduced)
		if err != nil || v.Compare(lo) < 0 {
			return false
		}
	}
	if r.Fixed != "" {
		hi, err := ParseVersion(r.Fixed)
		if err != nil || v.Compare(hi) >= 0 {
			return false
		}
	}
	if r.LastAffected != "" {
		last, err := ParseVersion(r.LastAffected)
		if err != nil || v.Compare(last) > 0 {
			return false
		}
	}
	return true
}

// Affects returns the affected range of a that contains version of the
// package (eco, name), if any. Versions that are not valid semver (git
// or file sources) never match.
func (a *Advisory) Affects(eco Ecosystem, name, version string) (Range, bool) {
	for _, af := range a.Affected {
		if af.Ecosystem != eco || af.Name != name {
			continue
		}
		// Parsed only for a named package: lockfiles hold thousands of
		// entries and almost none is a component of an advisory.
		v, err := ParseVersion(strings.TrimPrefix(version, "v"))
		if err != nil {
			return Range{}, false
		}
		for _, r := range af.Ranges {
			if r.Contains(v) {
				return r, true
			}
		}
	}
	return Range{}, false
}

// Hit is a lock entry affected by an advisory.
type Hit struct {
	Advisory *Advisory
	Entry    *LockEntry // positions: Entry.Loc and Entry.VersionLoc
	Range    Range      // the affected range that matched
}

// Loc is where a finding for the hit should point: the locked version.
func (h Hit) Loc() source.Location { return h.Entry.VersionLoc }

// Match returns every (advisory, entry) pair where the entry's version
// lies in an affected range, in entry order.
func Match(entries []*LockEntry) []Hit {
	var out []Hit
	for _, e := range entries {
		for _, a := range Advisories {
			if r, ok := a.Affects(e.Ecosystem, e.Name, e.Version); ok {
				out = append(out, Hit{Advisory: a, Entry: e, Range: r})
			}
		}
	}
	return out
}

// MaliciousHit is a lock entry naming a blocklisted crate.
type MaliciousHit struct {
	Crate *MaliciousCrate
	Entry *LockEntry
}

// MatchMalicious returns the Cargo lock entries on the TA-DEP-002
// blocklist.
func MatchMalicious(entries []*LockEntry) []MaliciousHit {
	var out []MaliciousHit
	for _, e := range entries {
		if e.Ecosystem != Crates {
			continue
		}
		if m := Malicious(e.Name); m != nil {
			out = append(out, MaliciousHit{Crate: m, Entry: e})
		}
	}
	return out
}

// IsTauriComponent reports whether a package is part of Tauri: the
// `tauri` crate, any `tauri-*` crate, or an `@tauri-apps/*` npm package
// (TA-DEP-001's scope).
func IsTauriComponent(eco Ecosystem, name string) bool {
	switch eco {
	case Crates:
		return name == "tauri" || strings.HasPrefix(name, "tauri-")
	case Npm:
		return strings.HasPrefix(name, "@tauri-apps/")
	}
	return false
}

// officialCrates are crates the Tauri organisation publishes: the
// reference list for the typosquat heuristic.
var officialCrates = []string{
	"tauri", "tauri-build", "tauri-codegen", "tauri-macros", "tauri-utils", "tauri-runtime", "tauri-runtime-wry",
	"tauri-plugin", "tauri-cli", "tauri-bundler", "tauri-macos-sign", "tauri-driver", "tauri-winres",
	"tauri-winrt-notification", "tauri-plugin-autostart", "tauri-plugin-barcode-scanner", "tauri-plugin-biometric",
	"tauri-plugin-cli", "tauri-plugin-clipboard-manager", "tauri-plugin-deep-link", "tauri-plugin-dialog",
	"tauri-plugin-fs", "tauri-plugin-geolocation", "tauri-plugin-global-shortcut", "tauri-plugin-haptics",
	"tauri-plugin-http", "tauri-plugin-localhost", "tauri-plugin-log", "tauri-plugin-nfc",
	"tauri-plugin-notification", "tauri-plugin-opener", "tauri-plugin-os", "tauri-plugin-persisted-scope",
	"tauri-plugin-positioner", "tauri-plugin-process", "tauri-plugin-shell", "tauri-plugin-single-instance",
	"tauri-plugin-sql", "tauri-plugin-store", "tauri-plugin-stronghold", "tauri-plugin-updater",
	"tauri-plugin-upload", "tauri-plugin-websocket", "tauri-plugin-window-state",
}

// IsOfficialCrate reports whether name is published by the Tauri
// organisation (from a built-in list).
func IsOfficialCrate(name string) bool {
	for _, o := range officialCrates {
		if o == name {
			return true
		}
	}
	return false
}

// TyposquatOf returns the official Tauri crate that name imitates: a
// different `tauri*` name within edit distance 2 of an official one
// (distance 1 when the names are short, where distance 2 joins
// unrelated plugins such as "os" and "nfc"). It is a note-level
// heuristic: legitimate third-party plugins can be this close.
func TyposquatOf(name string) (string, bool) {
	if !strings.HasPrefix(name, "tauri") || IsOfficialCrate(name) {
		return "", false
	}
	for _, o := range officialCrates {
		limit := 2
		if len(o) < 20 {
			limit = 1
		}
		if d := textdist.Edit(name, o, limit); d <= limit {
			return o, true
		}
	}
	return "", false
}

// HitIndex remembers Match's answer per lockfile, so the advisory rules
// (one per advisory) match each lockfile once per scan. It is safe for
// concurrent use.
type HitIndex struct {
	mu   sync.Mutex
	hits map[*Lockfile][]Hit
}

// NewHitIndex returns an empty index.
func NewHitIndex() *HitIndex { return &HitIndex{hits: map[*Lockfile][]Hit{}} }

// Hits returns Match(lk.Entries), computed on first use.
func (x *HitIndex) Hits(lk *Lockfile) []Hit {
	x.mu.Lock()
	defer x.mu.Unlock()
	h, ok := x.hits[lk]
	if !ok {
		h = Match(lk.Entries)
		x.hits[lk] = h
	}
	return h
}
