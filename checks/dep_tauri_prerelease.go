package checks

import (
	"fmt"
	"strings"

	"github.com/tauriaudit/tauriaudit/deps"
	"github.com/tauriaudit/tauriaudit/rules"
)

// TauriPrerelease reports Tauri components locked at a 2.0.0 pre-release.
var TauriPrerelease = &rules.Rule{
	ID:       "TA-DEP-001",
	Name:     "tauri-prerelease",
	Title:    "a Tauri component is locked at a 2.0.0 pre-release",
	Level:    rules.Warning,
	Severity: 6.0,
	Tags:     []string{"supply-chain"},
	CWE:      []int{1104},
	Doc: `Cargo.lock or a JS lockfile resolves tauri, a tauri-* crate or an @tauri-apps/* package to a
2.0.0 alpha, beta or release candidate. The Radically Open Security audit of Tauri 2 found
iframe IPC access, fs scopes merged across windows, symlinks followed by fs create, guessable
resource IDs, isolation-key exposure and dev-server path traversal; they were fixed during the
pre-release cycle, so a pre-release build may still carry them, and pre-releases get no
security backports.

Reported at each locked version: a warning for the Tauri organisation's crates and every
@tauri-apps/* package, a note for other tauri-* crates (third-party plugins version on their
own and a 2.0.0-beta there says nothing about Tauri's audit fixes). Later pre-releases such as
2.3.0-rc.1 are not reported.

**Fix:** upgrade to a stable 2.x release (cargo update -p tauri, npm i @tauri-apps/api@^2).

Bad (Cargo.lock):

~~~toml
[[package]]
name = "tauri"
version = "2.0.0-beta.17"
~~~

Good:

~~~toml
[[package]]
name = "tauri"
version = "2.5.1"
~~~

**False positives:** third-party plugins published with their own 2.0.0-beta versions are notes
only; suppress them once reviewed.`,
	Run: tauriPrerelease,
}

func tauriPrerelease(pass *rules.Pass) error {
	for _, lk := range rules.Deps.Of(pass.Project).AllLocks() {
		for _, e := range lk.Entries {
			if !deps.IsTauriComponent(e.Ecosystem, e.Name) || !isV2Prerelease(e.Version) {
				continue
			}
			level := rules.Warning
			if e.Ecosystem == deps.Crates && !deps.IsOfficialCrate(e.Name) {
				level = rules.Note
			}
			pass.Report(rules.Finding{Location: e.VersionLoc, Level: level, Subject: e.Name + "@" + e.Version,
				Message: fmt.Sprintf("%s is locked at the pre-release %s; Tauri 2's audit fixes landed during the pre-release cycle",
					e.Name, e.Version)})
		}
	}
	return nil
}

// isV2Prerelease reports 2.0.0-alpha.*, -beta.* and -rc.* versions.
func isV2Prerelease(s string) bool {
	v, err := deps.ParseVersion(strings.TrimPrefix(s, "v"))
	if err != nil || v.Major != 2 || v.Minor != 0 || v.Patch != 0 {
		return false
	}
	for _, pre := range []string{"alpha", "beta", "rc"} {
		if strings.HasPrefix(v.Pre, pre) {
			return true
		}
	}
	return false
}
