package checks

import (
	"path"
	"strings"

	"github.com/tauriaudit/tauriaudit/deps"
	"github.com/tauriaudit/tauriaudit/internal/lazyre"
	"github.com/tauriaudit/tauriaudit/rules"
)

// LockfileUntrustedSource reports lock entries fetched from an undeclared
// host, over plain HTTP, or without an integrity hash.
var LockfileUntrustedSource = &rules.Rule{
	ID:       "TA-DEP-007",
	Name:     "lockfile-untrusted-source",
	Title:    "lockfile fetches packages from an untrusted source",
	Level:    rules.Warning,
	Severity: 6.5,
	Tags:     []string{"supply-chain"},
	CWE:      []int{494, 345},
	Doc: `A lockfile entry points somewhere the project never declared: an npm/pnpm/yarn/bun package
resolved from a host that is neither the public registry nor a registry configured in
.npmrc, .yarnrc or .yarnrc.yml; a download over plain http: or git://; a registry package with
no integrity hash; or a Cargo.lock package from a registry that no .cargo/config.toml
declares, or from a registry without a checksum. Lockfile diffs are rarely read in review, so
a pull request can redirect one package to attacker-controlled content without touching
package.json or Cargo.toml ("lockfile injection").

Findings are grouped per lockfile, reason and host, at the first entry concerned, with the
number of entries; the public registries (registry.npmjs.org, registry.yarnpkg.com,
crates.io) are always trusted. Git sources have no checksum by design and are not reported
here (see TA-DEP-003 and TA-DEP-006).

**Fix:** regenerate the lockfile from the trusted registry, or declare your private registry
(registry=… in .npmrc, npmRegistryServer in .yarnrc.yml, [registries] in
.cargo/config.toml); review lockfile changes in pull requests (lockfile-lint, cargo-deny).

Bad (package-lock.json):

~~~json
"node_modules/left-pad": { "resolved": "https://evil.example/left-pad-1.3.0.tgz" }
~~~

Good:

~~~json
"node_modules/left-pad": { "resolved": "https://registry.npmjs.org/left-pad/-/left-pad-1.3.0.tgz", "integrity": "sha512-…" }
~~~

**False positives:** mirrors (registry.npmmirror.com, a corporate proxy) are reported until they
are declared in .npmrc or .yarnrc(.yml); that declaration is the allowlist.

Lockfiles that no Tauri app of the scan builds with (an xtask crate, a tools or scripts
folder, a sub-project) are audited too, once per scan, as repository-level findings (no app);
their message names the lockfile. Vendored, fixture and node_modules trees are skipped.`,
	Run: lockfileUntrustedSource,
}

// defaultNpmHosts are always-trusted npm registries.
var defaultNpmHosts = []string{"registry.npmjs.org", "registry.yarnpkg.com", "registry.npmjs.com"}

// lockIssue groups entries of one lockfile with the same problem.
type lockIssue struct {
	first *deps.LockEntry
	count int
	what  string // the problem, after the count
}

func lockfileUntrustedSource(pass *rules.Pass) error {
	p := pass.Project
	m := rules.Deps.Of(p)
	for _, lk := range m.JSLocks {
		reportLockIssues(pass.Report, lk, npmIssues(lk, trustedNpmHosts(p, path.Dir(lk.File))))
	}
	if m.CargoLock != nil {
		reportLockIssues(pass.Report, m.CargoLock, cargoIssues(m.CargoLock, trustedCargoRegistries(p, p.Dir)))
	}
	for _, lk := range rules.RepoLockfiles(p) {
		report := repoLockReporter(pass, lk, false)
		if lk.Kind == deps.CargoLockKind {
			reportLockIssues(report, lk, cargoIssues(lk, trustedCargoRegistries(p, path.Dir(lk.File))))
		} else {
			reportLockIssues(report, lk, npmIssues(lk, trustedNpmHosts(p, path.Dir(lk.File))))
		}
	}
	return nil
}

func reportLockIssues(report reporter, lk *deps.Lockfile, issues []*lockIssue) {
	for _, is := range issues {
		loc := is.first.ResolvedLoc
		if !loc.Start.IsValid() {
			loc = is.first.Loc
		}
		report(rules.Finding{Location: loc, Subject: is.what,
			Message: depPlural(is.count, "entry", "entries") + " " + is.what})
	}
}

// issueSet collects issues in first-seen order.
type issueSet struct {
	byKey map[string]*lockIssue
	order []*lockIssue
}

func (s *issueSet) add(e *deps.LockEntry, what string) {
	if s.byKey == nil {
		s.byKey = map[string]*lockIssue{}
	}
	if is := s.byKey[what]; is != nil {
		is.count++
		return
	}
	is := &lockIssue{first: e, count: 1, what: what}
	s.byKey[what] = is
	s.order = append(s.order, is)
}

// npmIssues checks the JS lock entries against the trusted hosts.
func npmIssues(lk *deps.Lockfile, trusted []string) []*lockIssue {
	var set issueSet
	for _, e := range lk.Entries {
		switch e.Source {
		case deps.SourceRegistry, deps.SourceTarball, deps.SourceGit:
		default:
			continue
		}
		url := e.Resolved
		if lk.Kind == deps.YarnBerryKind {
			url = afterName(url) // "name@https://…"
		}
		host := deps.URLHost(url)
		switch {
		case strings.HasPrefix(url, "http://") || strings.HasPrefix(url, "git://") || strings.HasPrefix(url, "git+http://"):
			set.add(e, "fetched over an unencrypted connection from "+host)
		case e.Source != deps.SourceGit && host != "" && !hostTrusted(host, trusted):
			set.add(e, "resolved from "+host+", which is not a configured registry")
		}
		// Yarn never checksums a package it installs only on some
		// platforms (berry's conditions), so their absence says nothing.
		if e.Source != deps.SourceGit && e.Conditions == "" && !hasIntegrity(e) {
			set.add(e, "without an integrity hash")
		}
	}
	return set.order
}

// afterName strips "name@" (scoped names included) from a yarn berry
// resolution.
func afterName(s string) string {
	from := 0
	if strings.HasPrefix(s, "@") {
		from = 1
	}
	if i := strings.IndexByte(s[from:], '@'); i >= 0 {
		return s[from+i+1:]
	}
	return s
}

// hasIntegrity reports an integrity/checksum value, or yarn classic's
// #<sha1> fragment on the resolved URL.
func hasIntegrity(e *deps.LockEntry) bool {
	if e.Integrity != "" {
		return true
	}
	_, frag, ok := strings.Cut(e.Resolved, "#")
	return ok && len(frag) >= 40 && deps.IsHex(frag)
}

func hostTrusted(host string, trusted []string) bool {
	for _, t := range trusted {
		if host == t {
			return true
		}
	}
	return false
}

// registryURL finds URLs in npm and yarn configuration lines.
var registryURL = lazyre.New(`https?://[^\s"'/]+|//([^\s"'/:]+)[^\s]*:_`)

// trustedNpmHosts returns the default registries plus every host named in
// an .npmrc, .yarnrc or .yarnrc.yml at or above dir, or at the root.
func trustedNpmHosts(p *rules.Project, dir string) []string {
	out := append([]string(nil), defaultNpmHosts...)
	for _, name := range []string{".npmrc", ".yarnrc", ".yarnrc.yml"} {
		for _, rel := range []string{p.FindUpFrom(dir, name), p.FindUpFrom(p.Dir, name)} {
			if rel == "" {
				continue
			}
			f := p.Read(rel)
			if f == nil {
				continue
			}
			for _, m := range registryURL.FindAllStringSubmatch(string(f.Data), -1) {
				if m[1] != "" {
					out = append(out, strings.ToLower(m[1]))
				} else if h := deps.URLHost(m[0]); h != "" {
					out = append(out, h)
				}
			}
		}
	}
	return out
}

// cargoIssues checks Cargo.lock sources against crates.io and the
// registries .cargo/config.toml declares.
func cargoIssues(lk *deps.Lockfile, trusted []string) []*lockIssue {
	var set issueSet
	for _, e := range lk.Entries {
		src := e.Resolved
		switch e.Source {
		case deps.SourceRegistry:
			if !deps.IsCratesIO(src) && !registryTrusted(src, trusted) {
				set.add(e, "from the registry "+src+", which no .cargo/config.toml declares")
			}
			if strings.Contains(src, "+http://") {
				set.add(e, "fetched over plain http from "+src)
			}
			if e.Integrity == "" {
				set.add(e, "from a registry without a checksum")
			}
		case deps.SourceGit:
			if strings.HasPrefix(src, "git+http://") || strings.HasPrefix(src, "git+git://") {
				set.add(e, "fetched from git over an unencrypted connection")
			}
		case deps.SourceUnknown:
			set.add(e, "with an unknown source kind")
		}
	}
	return set.order
}

func registryTrusted(src string, trusted []string) bool {
	n := normRegistry(src)
	for _, t := range trusted {
		if normRegistry(t) == n {
			return true
		}
	}
	return false
}

// normRegistry strips Cargo's source-kind prefix and a trailing slash.
func normRegistry(s string) string {
	s = strings.TrimPrefix(strings.TrimPrefix(s, "registry+"), "sparse+")
	return strings.TrimSuffix(strings.ToLower(s), "/")
}

// trustedCargoRegistries returns the registry URLs of .cargo/config.toml
// (or the legacy .cargo/config) at or above dir.
func trustedCargoRegistries(p *rules.Project, dir string) []string {
	var out []string
	for _, name := range []string{".cargo/config.toml", ".cargo/config"} {
		rel := p.FindUpFrom(dir, name)
		if rel == "" {
			continue
		}
		if f := p.Read(rel); f != nil {
			if c, err := deps.ParseCargoConfig(f); err == nil {
				out = append(out, c.RegistryURLs()...)
			}
		}
	}
	return out
}
