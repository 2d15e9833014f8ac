package deps

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
)

// MaxOSVBytes bounds one OSV record.
const MaxOSVBytes = 8 << 20

// OSVRecord is one advisory in the OSV schema (https://ossf.github.io/osv-schema/).
type OSVRecord struct {
	SchemaVersion string          `json:"schema_version"`
	ID            string          `json:"id"`
	Aliases       []string        `json:"aliases"`
	Related       []string        `json:"related"`
	Summary       string          `json:"summary"`
	Details       string          `json:"details"`
	Modified      string          `json:"modified"`
	Published     string          `json:"published"`
	Withdrawn     string          `json:"withdrawn"`
	Severity      []OSVSeverity   `json:"severity"`
	Affected      []OSVAffected   `json:"affected"`
	References    []OSVReference  `json:"references"`
	DatabaseSpec  json.RawMessage `json:"database_specific"`
}

// OSVSeverity is a severity score such as a CVSS vector.
type OSVSeverity struct {
	Type  string `json:"type"`
	Score string `json:"score"`
}

// OSVReference is a link of the record.
type OSVReference struct {
	Type string `json:"type"`
	URL  string `json:"url"`
}

// OSVPackage names the affected package.
type OSVPackage struct {
	Ecosystem string `json:"ecosystem"`
	Name      string `json:"name"`
	Purl      string `json:"purl"`
}

// OSVAffected is one affected package with its ranges and versions.
type OSVAffected struct {
	Package           OSVPackage      `json:"package"`
	Ranges            []OSVRange      `json:"ranges"`
	Versions          []string        `json:"versions"`
	EcosystemSpecific json.RawMessage `json:"ecosystem_specific"`
	DatabaseSpecific  json.RawMessage `json:"database_specific"`
}

// OSVRange is a SEMVER, ECOSYSTEM or GIT range of events.
type OSVRange struct {
	Type   string     `json:"type"`
	Repo   string     `json:"repo"`
	Events []OSVEvent `json:"events"`
}

// OSVEvent is one range event; exactly one field is set.
type OSVEvent struct {
	Introduced   string `json:"introduced,omitempty"`
	Fixed        string `json:"fixed,omitempty"`
	LastAffected string `json:"last_affected,omitempty"`
	Limit        string `json:"limit,omitempty"`
}

// ParseOSV decodes one OSV JSON record. The caller walks the advisory
// directory; this package never reads files.
func ParseOSV(data []byte) (*OSVRecord, error) {
	if len(data) > MaxOSVBytes {
		return nil, fmt.Errorf("OSV record is %d bytes, more than the %d-byte limit", len(data), MaxOSVBytes)
	}
	var r OSVRecord
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&r); err != nil {
		return nil, fmt.Errorf("invalid OSV record: %w", err)
	}
	if r.ID == "" {
		return nil, errors.New("invalid OSV record: no id")
	}
	return &r, nil
}

// Affects reports whether the package (eco, name) at version is affected
// by the record: listed in `versions`, or inside a SEMVER or ECOSYSTEM
// range (crates.io and npm ecosystem versions are semver). Withdrawn
// records affect nothing; GIT ranges cannot be evaluated on versions.
func (r *OSVRecord) Affects(eco Ecosystem, name, version string) bool {
	if r == nil || r.Withdrawn != "" {
		return false
	}
	v, verr := ParseVersion(strings.TrimPrefix(version, "v"))
	for _, a := range r.Affected {
		if !osvEcosystem(a.Package.Ecosystem, eco) || a.Package.Name != name {
			continue
		}
		for _, listed := range a.Versions {
			if listed == version || (verr == nil && sameVersion(listed, v)) {
				return true
			}
		}
		if verr != nil {
			continue
		}
		for _, rg := range a.Ranges {
			if rg.Contains(v) {
				return true
			}
		}
	}
	return false
}

// osvEcosystem compares an OSV ecosystem ("crates.io", "npm", possibly
// with a ":suffix") with ours.
func osvEcosystem(osv string, eco Ecosystem) bool {
	base, _, _ := strings.Cut(osv, ":")
	return base == string(eco)
}

func sameVersion(s string, v Version) bool {
	w, err := ParseVersion(strings.TrimPrefix(s, "v"))
	return err == nil && w.Compare(v) == 0
}

// osvEvent is a parsed event for ordering.
type osvEvent struct {
	kind byte // 'i', 'f', 'l' (last_affected), 'x' (limit)
	v    Version
	zero bool // introduced "0"
}

// Contains evaluates the range's events on v following the OSV spec:
// events sorted by version, introduced opens, fixed and limit close at
// the version, last_affected closes after it. Events with versions that
// do not parse make the range unusable (false).
func (rg OSVRange) Contains(v Version) bool {
	if rg.Type != "SEMVER" && rg.Type != "ECOSYSTEM" {
		return false
	}
	evs, ok := parseOSVEvents(rg.Events)
	if !ok {
		return false
	}
	affected := false
	for _, e := range evs {
		switch e.kind {
		case 'i':
			if e.zero || v.Compare(e.v) >= 0 {
				affected = true
			}
		case 'f', 'x':
			if v.Compare(e.v) >= 0 {
				affected = false
			}
		case 'l':
			if v.Compare(e.v) > 0 {
				affected = false
			}
		}
	}
	return affected
}

func parseOSVEvents(in []OSVEvent) ([]osvEvent, bool) {
	out := make([]osvEvent, 0, len(in))
	for _, e := range in {
		var ev osvEvent
		var s string
		switch {
		case e.Introduced != "":
			ev.kind, s = 'i', e.Introduced
		case e.Fixed != "":
			ev.kind, s = 'f', e.Fixed
		case e.LastAffected != "":
			ev.kind, s = 'l', e.LastAffected
		case e.Limit != "":
			ev.kind, s = 'x', e.Limit
		default:
			continue
		}
		if ev.kind == 'i' && s == "0" {
			ev.zero = true
		} else {
			v, err := ParseVersion(strings.TrimPrefix(s, "v"))
			if err != nil {
				return nil, false
			}
			ev.v = v
		}
		out = append(out, ev)
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.zero || b.zero {
			return a.zero && !b.zero
		}
		return a.v.Compare(b.v) < 0
	})
	return out, true
}

// OSVHit is a lock entry affected by an OSV record.
type OSVHit struct {
	Record *OSVRecord
	Entry  *LockEntry
}

// MatchOSV returns every (record, entry) pair where the record affects
// the entry. Records are indexed by package first, so a full advisory
// database stays cheap to match.
func MatchOSV(records []*OSVRecord, entries []*LockEntry) []OSVHit {
	idx := map[string][]*OSVRecord{}
	for _, r := range records {
		seen := map[string]bool{}
		for _, a := range r.Affected {
			eco, _, _ := strings.Cut(a.Package.Ecosystem, ":")
			k := eco + "\x00" + a.Package.Name
			if !seen[k] {
				seen[k] = true
				idx[k] = append(idx[k], r)
			}
		}
	}
	var out []OSVHit
	for _, e := range entries {
		for _, r := range idx[string(e.Ecosystem)+"\x00"+e.Name] {
			if r.Affects(e.Ecosystem, e.Name, e.Version) {
				out = append(out, OSVHit{Record: r, Entry: e})
			}
		}
	}
	return out
}
