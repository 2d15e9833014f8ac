package checks

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/tauriaudit/tauriaudit/deps"
	"github.com/tauriaudit/tauriaudit/rules"
)

// OSVAdvisory reports lock entries affected by records of an offline OSV
// database.
var OSVAdvisory = &rules.Rule{
	ID:       "TA-DEP-014",
	Name:     "osv-advisory",
	Title:    "a locked package has a known vulnerability (offline OSV database)",
	Level:    rules.Warning,
	Severity: 6.0,
	Tags:     []string{"supply-chain"},
	CWE:      []int{1395},
	Doc: `With --osv-db DIR, every crates.io and npm entry of the app's Cargo.lock and JS lockfiles is
matched against the OSV records (JSON files, any depth) in DIR, such as an extracted
osv.dev export (https://osv-vulnerabilities.storage.googleapis.com/crates.io/all.zip and
…/npm/all.zip) or a checkout of the RustSec advisory database's OSV branch. Nothing is
fetched: the scan stays offline and reproducible. Without --osv-db the rule does nothing.

Each affected entry is reported at its locked version with the record's id, aliases and
summary. The level follows the record's GitHub severity when it has one: CRITICAL and HIGH are
errors, LOW is a note, anything else a warning (the rule's security-severity stays 6.0).
Records that TA-DEP-101…109 already cover (same GHSA/CVE id) are skipped, and withdrawn
records match nothing.

Informational records — RustSec "unmaintained"/"unsound" notices such as the GTK3 binding
and glib notices (RUSTSEC-2024-0411…0420, RUSTSEC-2024-0429) and proc-macro-error
(RUSTSEC-2024-0370) that almost every Tauri 2 lockfile carries through wry/tao and that an app
cannot fix — never fail a scan: they are summarised in one note per lockfile.

**Fix:** upgrade the package to a fixed version (cargo update -p NAME, npm update NAME), or
remove it.

Example:

~~~
tauriaudit scan --osv-db ./osv .
~~~

**False positives:** OSV ranges describe versions, not whether your app reaches the vulnerable
code; suppress reviewed records by subject (the record id and package).

Lockfiles that no Tauri app of the scan builds with (an xtask crate, a tools or scripts
folder, a sub-project) are audited too, once per scan, as repository-level findings (no app);
their message names the lockfile. Vendored, fixture and node_modules trees are skipped. Advisories there are at most warnings: the code runs in tooling, not in the signed app.`,
	Run: osvAdvisory,
}

// noiseAdvisories are informational advisories of the Linux GTK stack
// that wry/tao pull into every Tauri 2 app (rules.md §3, "noise").
var noiseAdvisories = []string{"RUSTSEC-2024-0429", "RUSTSEC-2024-0370", "RUSTSEC-2024-0411", "RUSTSEC-2024-0412",
	"RUSTSEC-2024-0413", "RUSTSEC-2024-0414", "RUSTSEC-2024-0415", "RUSTSEC-2024-0416", "RUSTSEC-2024-0417",
	"RUSTSEC-2024-0418", "RUSTSEC-2024-0419", "RUSTSEC-2024-0420"}

func osvAdvisory(pass *rules.Pass) error {
	db := pass.Project.Inputs().OSV
	if db == nil {
		return nil
	}
	for _, lk := range rules.Deps.Of(pass.Project).AllLocks() {
		osvHits(db, lk, pass.Report)
	}
	for _, lk := range rules.RepoLockfiles(pass.Project) {
		osvHits(db, lk, repoLockReporter(pass, lk, true))
	}
	return nil
}

// osvHits reports the OSV records that affect lk's entries.
func osvHits(db []*deps.OSVRecord, lk *deps.Lockfile, report reporter) {
	var noise []deps.OSVHit
	for _, h := range deps.MatchOSV(db, lk.Entries) {
		switch {
		case coveredByDepRule(h.Record):
		case informational(h.Record):
			noise = append(noise, h)
		default:
			reportOSVHit(report, h)
		}
	}
	reportOSVNoise(report, noise)
}

func reportOSVHit(report reporter, h deps.OSVHit) {
	r, e := h.Record, h.Entry
	ids := r.ID
	if len(r.Aliases) > 0 {
		ids += " (" + depList(r.Aliases, 3) + ")"
	}
	summary := r.Summary
	if summary == "" {
		summary = depClip(strings.Join(strings.Fields(r.Details), " "), 120)
	}
	msg := fmt.Sprintf("%s %s is affected by %s", e.Name, e.Version, ids)
	if summary != "" {
		msg += ": " + summary
	}
	if fixed := osvFixed(r, e); fixed != "" {
		msg += "; fixed in " + fixed
	}
	report(rules.Finding{Location: e.VersionLoc, Level: osvLevel(r), Subject: r.ID + " " + e.Name, Message: msg})
}

// reportOSVNoise summarises the informational hits of one lockfile in one
// note at the first affected entry.
func reportOSVNoise(report reporter, hits []deps.OSVHit) {
	if len(hits) == 0 {
		return
	}
	var ids, names []string
	for _, h := range hits {
		if !slices.Contains(ids, h.Record.ID) {
			ids = append(ids, h.Record.ID)
		}
		if !slices.Contains(names, h.Entry.Name) {
			names = append(names, h.Entry.Name)
		}
	}
	slices.Sort(ids)
	report(rules.Finding{Location: hits[0].Entry.VersionLoc, Level: rules.Note, Subject: "informational advisories",
		Message: fmt.Sprintf("%s (unmaintained/unsound notices, e.g. the GTK stack wry/tao pull in) affect %s; informational only",
			depPlural(len(ids), "informational advisory", "informational advisories"), depList(names, 5)) +
			" [" + depList(ids, 6) + "]"})
}

// coveredByDepRule reports records TA-DEP-101…109 and TA-DEP-002 report
// already.
func coveredByDepRule(r *deps.OSVRecord) bool {
	ids := append([]string{r.ID}, r.Aliases...)
	for _, a := range deps.Advisories {
		for _, id := range ids {
			if id == a.ID || slices.Contains(a.Aliases, id) {
				return true
			}
		}
	}
	for _, m := range deps.MaliciousCrates {
		if slices.Contains(ids, m.ID) {
			return true
		}
	}
	return false
}

// osvSpecific is the part of database_specific the rule reads.
type osvSpecific struct {
	Severity      string `json:"severity"`
	Informational string `json:"informational"`
}

func specific(raw json.RawMessage) osvSpecific {
	var s osvSpecific
	if len(raw) > 0 {
		json.Unmarshal(raw, &s)
	}
	return s
}

// informational reports RustSec informational notices (unmaintained,
// unsound, notice) and the listed noise advisories.
func informational(r *deps.OSVRecord) bool {
	if slices.Contains(noiseAdvisories, r.ID) || specific(r.DatabaseSpec).Informational != "" {
		return true
	}
	for _, a := range r.Affected {
		if specific(a.DatabaseSpecific).Informational != "" {
			return true
		}
	}
	return false
}

// osvLevel maps GitHub's severity word onto a level.
func osvLevel(r *deps.OSVRecord) rules.Level {
	switch strings.ToUpper(specific(r.DatabaseSpec).Severity) {
	case "CRITICAL", "HIGH":
		return rules.Error
	case "LOW":
		return rules.Note
	}
	return rules.Warning
}

// osvFixed returns the fixed versions of the record's ranges for the
// entry's package.
func osvFixed(r *deps.OSVRecord, e *deps.LockEntry) string {
	var out []string
	for _, a := range r.Affected {
		if a.Package.Name != e.Name {
			continue
		}
		for _, rg := range a.Ranges {
			for _, ev := range rg.Events {
				if ev.Fixed != "" && !slices.Contains(out, ev.Fixed) {
					out = append(out, ev.Fixed)
				}
			}
		}
	}
	return strings.Join(out, ", ")
}
