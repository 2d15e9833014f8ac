package checks

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/tauriaudit/tauriaudit/deps"
	"github.com/tauriaudit/tauriaudit/internal/lazyre"
	"github.com/tauriaudit/tauriaudit/rules"
	"github.com/tauriaudit/tauriaudit/signing"
)

// UpdateManifestInvalid checks static update manifests (latest.json).
var UpdateManifestInvalid = &rules.Rule{
	ID:       "TA-REL-006",
	Name:     "update-manifest-invalid",
	Title:    "the static update manifest is invalid",
	Level:    rules.Error,
	Severity: 7.0,
	Gate:     true,
	Tags:     []string{"release"},
	CWE:      []int{494, 1328},
	Doc: `A static update manifest in --artifacts (latest.json, or a file named like the last segment
of an updater endpoint ending in .json) is checked like tauri-plugin-updater reads it
(plugins/updater/src/updater.rs): the version (or its alias name) must be SemVer after leading
"v"s are trimmed; pub_date, when present, RFC 3339; every platforms entry needs an https url and
a signature, and the signature must verify (with plugins.updater.pubkey) over the artifact its
url names when that artifact is in the directory. When the verified signature's trusted comment
records a version (version:…, written by newer Tauri CLIs), it must equal the manifest's
version: the updater rejects the update otherwise.

Rollback: the version must not be lower (SemVer precedence, prerelease included) than the app's
own version (the config's version, the package.json it points to, or the Cargo package version)
or than the newest release tag of the repository holding the scanned tree. Tags are read from
the repository's refs (no git process): v1.2.3 and 1.2.3, and prefix-v1.2.3 / prefix@1.2.3 when
the prefix is "app" or the app's name (productName, mainBinaryName, Cargo or npm package name).
A release manifest is compared with release tags only; a prerelease manifest with all of them.

Platform keys: the updater looks up "{os}-{arch}-{installer}", then "{os}-{arch}", with os
linux, darwin or windows, arch x86_64, i686, aarch64, armv7 or riscv64, and installer appimage,
deb or rpm (linux), app (darwin, also for DMG installs), msi or nsis (windows). Other keys are
never read: a warning, or a note when the app's Rust code sets its own target with
UpdaterBuilder::target / Builder::target, which replaces that lookup.

**Fix:** generate the manifest from the CI output (tauri-action does), never by hand, and bump
the version for every release.

**False positives:** dynamic update servers are not checked. A maintenance branch whose manifest
is older than a newer major's tag is reported as a rollback. This rule fails the release gate.`,
	Run: updateManifestInvalid,
}

var (
	updaterOSArch   = `(linux|darwin|windows)-(x86_64|i686|aarch64|armv7|riscv64)`
	platformRx      = lazyre.New(`^` + updaterOSArch + `(?:-([a-z0-9]+))?$`)
	updaterInstalls = map[string][]string{"linux": {"appimage", "deb", "rpm"}, "darwin": {"app"}, "windows": {"msi", "nsis"}}
)

// knownPlatformKey reports whether the updater's default lookup can read
// the key.
func knownPlatformKey(k string) bool {
	m := platformRx.FindStringSubmatch(k)
	return m != nil && (m[3] == "" || slices.Contains(updaterInstalls[m[1]], m[3]))
}

type updateManifest struct {
	Version   *string `json:"version"`
	Name      *string `json:"name"` // serde alias of version
	PubDate   *string `json:"pub_date"`
	URL       string  `json:"url"`
	Platforms map[string]struct {
		Signature string `json:"signature"`
		URL       string `json:"url"`
	} `json:"platforms"`
}

func updateManifestInvalid(pass *rules.Pass) error {
	p := pass.Project
	files := artifactFiles(p)
	pk, havePK := configuredPubkey(p)
	names := manifestNames(p)
	for _, rel := range files {
		if !names[path.Base(rel)] {
			continue
		}
		data, err := readArtifact(p, rel)
		if err != nil {
			continue
		}
		var m updateManifest
		if err := json.Unmarshal(data, &m); err != nil {
			msg := fmt.Sprintf("%s is not valid JSON: %v", rel, err)
			var te *json.UnmarshalTypeError
			if errors.As(err, &te) {
				msg = fmt.Sprintf("%s: %s is a JSON %s, not what the updater reads", rel, te.Field, te.Value)
			}
			pass.Report(rules.Finding{Location: artifactLoc(rel), Subject: "json", Message: msg})
			continue
		}
		report := func(level rules.Level, subject, format string, args ...any) {
			pass.Report(rules.Finding{Level: level, Location: artifactLoc(rel), Subject: subject, Message: fmt.Sprintf(format, args...)})
		}
		version := ""
		switch {
		case m.Version != nil:
			version = *m.Version
		case m.Name != nil:
			version = *m.Name
		}
		if _, ok := deps.ParseUpdaterVersion(version); !ok {
			report("", "version", "version %q is not semver", version)
		} else {
			checkRollback(pass, report, version)
		}
		if m.PubDate != nil {
			if _, err := time.Parse(time.RFC3339, *m.PubDate); err != nil {
				report("", "pub_date", "pub_date %q is not an RFC 3339 date: the updater rejects the whole manifest", *m.PubDate)
			}
		}
		if m.Platforms == nil && m.URL == "" {
			report("", "platforms", "the manifest has neither platforms nor url: the updater finds no update in it")
		}
		keys := make([]string, 0, len(m.Platforms))
		for k := range m.Platforms {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		customTarget := len(keys) > 0 && rules.RustFacts.Of(p).UpdaterTarget
		for _, k := range keys {
			e := m.Platforms[k]
			if !knownPlatformKey(k) {
				if customTarget {
					report(rules.Note, k, "platform key %q is not one the updater's default lookup reads; the app sets its own target, which must match it", k)
				} else {
					report(rules.Warning, k, "unknown platform key %q: the updater only reads {os}-{arch}[-{installer}] keys", k)
				}
			}
			if !strings.HasPrefix(e.URL, "https://") {
				report("", k+":url", "platform %s url %q is not https", k, e.URL)
			}
			if e.Signature == "" {
				report("", k+":sig", "platform %s has no signature", k)
				continue
			}
			art := path.Join(path.Dir(rel), path.Base(e.URL))
			if !havePK || !slices.Contains(files, art) {
				continue
			}
			res, err := verifyUpdaterArtifact(p, pk, e.Signature, art)
			if err != nil {
				continue
			}
			if res.Malformed != "" || res.WrongKey || !res.OK {
				report("", k+":sig", "platform %s signature does not verify for %s", k, art)
				continue
			}
			if signed, ok := signedVersion(e.Signature); ok && !sameVersion(signed, version) {
				report("", k+":sig", "platform %s signature was made for version %s, the manifest announces %s: the updater rejects the update", k, signed, version)
			}
		}
	}
	return nil
}

// manifestNames are the file names of static manifests: latest.json
// (what tauri-action uploads) and the last path segment of every updater
// endpoint that names a .json file without template variables.
func manifestNames(p *rules.Project) map[string]bool {
	out := map[string]bool{"latest.json": true}
	for _, t := range p.Targets {
		for _, e := range updaterOf(t).Field("endpoints").Items() {
			u, err := url.Parse(e.String())
			if err != nil || strings.Contains(u.Path, "{{") || strings.Contains(u.Path, "%7B") {
				continue
			}
			if b := path.Base(u.Path); strings.HasSuffix(b, ".json") {
				out[b] = true
			}
		}
	}
	return out
}

// checkRollback reports a manifest version lower than the app's own
// version or the newest release tag.
func checkRollback(pass *rules.Pass, report func(rules.Level, string, string, ...any), version string) {
	p := pass.Project
	mv, _ := deps.ParseUpdaterVersion(version)
	if av, ok := rules.Versions.Of(p).App(); ok && mv.Compare(av.Version) < 0 {
		report("", "rollback-app", "version %s is lower than the app's own version %s (%s): a rollback or a stale manifest",
			version, av.Raw, av.From)
	}
	if t, ok := deps.NewestReleaseTag(rules.Versions.Of(p).Tags(), mv.IsPrerelease()); ok && mv.Compare(t.Version) < 0 {
		report("", "rollback-tag", "version %s is lower than the newest release tag %s (%s): a rollback", version, t.Name, t.Version)
	}
}

// signedVersion reads version:… from a signature's trusted comment, the
// tab-separated key:value list the Tauri CLI writes.
func signedVersion(sig string) (string, bool) {
	s, _, err := signing.DecodeUpdaterSig([]byte(sig))
	if err != nil {
		return "", false
	}
	for _, f := range strings.Split(s.TrustedComment, "\t") {
		if v, ok := strings.CutPrefix(f, "version:"); ok {
			return v, true
		}
	}
	return "", false
}

// sameVersion compares as the updater does: as SemVer when both parse,
// else literally.
func sameVersion(a, b string) bool {
	va, okA := deps.ParseUpdaterVersion(a)
	vb, okB := deps.ParseUpdaterVersion(b)
	if okA && okB {
		return va.Compare(vb) == 0 && va.Build == vb.Build
	}
	return a == b
}

// verifyUpdaterArtifact checks an updater signature over the artifact rel.
func verifyUpdaterArtifact(p *rules.Project, pk signing.UpdaterPubkey, sig, rel string) (signing.SigResult, error) {
	f, err := p.Inputs().Artifacts.Open(rel)
	if err != nil {
		return signing.SigResult{}, err
	}
	defer f.Close()
	return signing.VerifyUpdater(pk, []byte(sig), f)
}
