package checks

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/tauriaudit/tauriaudit/deps"
	"github.com/tauriaudit/tauriaudit/internal/lazyre"
	"github.com/tauriaudit/tauriaudit/rules"
	"github.com/tauriaudit/tauriaudit/rules/source"
)

// TauriVersionSkew reports Rust and JS halves of Tauri on different
// major.minor lines.
var TauriVersionSkew = &rules.Rule{
	ID:       "TA-DEP-016",
	Name:     "tauri-version-skew",
	Title:    "Tauri's Rust crate and JS packages are on different minor versions",
	Level:    rules.Note,
	Severity: 2.0,
	Tags:     []string{"supply-chain"},
	CWE:      []int{1104},
	Doc: `The tauri crate and @tauri-apps/api or @tauri-apps/cli, or an official plugin crate
(tauri-plugin-X) and its JS package (@tauri-apps/plugin-X), resolve to different major.minor
versions. The JS side and the Rust side of Tauri talk through IPC commands and config formats
that change between minor releases; a skewed pair gets security fixes on one side only (the
CLI builds the bundle, injects the CSP and signs updater artifacts; the api package wraps the
IPC), and newer Tauri CLIs refuse to build some skewed combinations. rules.md has no ID for
this; it is informational.

Versions come from Cargo.lock (else the Cargo.toml requirement) and from the frontend's JS
lockfile; without a JS lock, the package.json range counts as skewed only when it admits no
version of the Rust side's major.minor line (^2.0.0 admits 2.5, ~2.0.0 does not). Reported at
the JS version, with the Rust version as related location.

**Fix:** update both sides together (cargo update -p tauri and npm i @tauri-apps/api@~2.N
@tauri-apps/cli@~2.N), e.g. with a grouped Renovate/Dependabot rule.

Bad: Cargo.lock tauri 2.5.1 with package-lock.json @tauri-apps/api 2.1.0.

Good: tauri 2.5.1 with @tauri-apps/api 2.5.0.

**False positives:** patch versions may differ and are never reported; third-party plugins are
not compared.`,
	Run: tauriVersionSkew,
}

// versionAt is a version found in some file; Range is set when it is an
// npm range from package.json rather than a locked version.
type versionAt struct {
	Text  string
	Loc   source.Location
	Range *deps.NpmRange
}

func tauriVersionSkew(pass *rules.Pass) error {
	m := rules.Deps.Of(pass.Project)
	pairs := [][2]string{{"tauri", "@tauri-apps/api"}, {"tauri", "@tauri-apps/cli"}}
	for _, c := range officialPluginCrates(m) {
		pairs = append(pairs, [2]string{c, "@tauri-apps/plugin-" + strings.TrimPrefix(c, "tauri-plugin-")})
	}
	for _, pr := range pairs {
		rv, jv := rustVersion(m, pr[0]), jsVersion(m, pr[1])
		if rv == nil || jv == nil {
			continue
		}
		if rangeSkew(rv, jv) {
			pass.Report(rules.Finding{Location: jv.Loc, Subject: pr[0] + " " + pr[1],
				Message: fmt.Sprintf("%s %s and %s %s are on different minor versions; update them together",
					pr[1], jv.Text, pr[0], rv.Text),
				Related: []rules.Related{{Location: rv.Loc, Message: pr[0] + " " + rv.Text}}})
		}
	}
	return nil
}

// officialPluginCrates lists the official plugin crates the app locks.
func officialPluginCrates(m *deps.App) []string {
	seen := map[string]bool{}
	var out []string
	if m.CargoLock == nil {
		return nil
	}
	for _, e := range m.CargoLock.Entries {
		if strings.HasPrefix(e.Name, "tauri-plugin-") && deps.IsOfficialCrate(e.Name) && !seen[e.Name] {
			seen[e.Name] = true
			out = append(out, e.Name)
		}
	}
	return out
}

// rustVersion returns the locked version of crate the app builds with
// (the one the acl command and every rule use), else its requirement.
func rustVersion(m *deps.App, crate string) *versionAt {
	if e := m.Locked(crate); e != nil {
		return &versionAt{Text: e.Version, Loc: e.VersionLoc}
	}
	if m.Manifest != nil {
		for _, d := range m.Manifest.Deps(crate) {
			if d.Req != "" {
				return &versionAt{Text: d.Req, Loc: d.ReqLoc}
			}
		}
	}
	return nil
}

// jsVersion returns the locked version of pkg (the top-level install when
// several are locked), else its package.json range.
func jsVersion(m *deps.App, pkg string) *versionAt {
	for _, lk := range m.JSLocks {
		es := lk.Packages(pkg)
		for _, e := range es {
			if e.Version != "" && (e.Key == "node_modules/"+pkg || len(es) == 1) {
				return &versionAt{Text: e.Version, Loc: e.VersionLoc}
			}
		}
		if len(es) > 0 && es[0].Version != "" {
			return &versionAt{Text: es[0].Version, Loc: es[0].VersionLoc}
		}
	}
	for _, pj := range m.Packages {
		if d := pj.Dep(pkg); d != nil && d.Spec.Kind == deps.SpecRange {
			return &versionAt{d.Spec.Raw, d.SpecLoc, d.Spec.Range}
		}
	}
	return nil
}

// rangeSkew compares a Rust version with a JS version, or with a JS range
// when nothing is locked: a range that admits the Rust major.minor line is
// not skewed.
func rangeSkew(rv, jv *versionAt) bool {
	if jv.Range == nil {
		return skew(rv.Text, jv.Text)
	}
	major, minor, ok := majorMinor(rv.Text)
	if !ok || minor < 0 {
		return false
	}
	for _, patch := range []string{"0", "999"} {
		if jv.Range.MatchesString(strconv.Itoa(major) + "." + strconv.Itoa(minor) + "." + patch) {
			return false
		}
	}
	if v, err := deps.ParseVersion(rv.Text); err == nil && jv.Range.Matches(v) {
		return false
	}
	return true
}

var majorMinorRe = lazyre.New(`(\d+)\.(\d+|[xX*])`)

// skew reports different major, or different minor when both are known.
func skew(a, b string) bool {
	ma, na, okA := majorMinor(a)
	mb, nb, okB := majorMinor(b)
	if !okA || !okB {
		return false
	}
	return ma != mb || na >= 0 && nb >= 0 && na != nb
}

// majorMinor reads the first major.minor of a version or range; minor is
// -1 for a wildcard.
func majorMinor(s string) (int, int, bool) {
	m := majorMinorRe.FindStringSubmatch(s)
	if m == nil {
		return 0, 0, false
	}
	major, _ := strconv.Atoi(m[1])
	minor, err := strconv.Atoi(m[2])
	if err != nil {
		minor = -1
	}
	return major, minor, true
}
