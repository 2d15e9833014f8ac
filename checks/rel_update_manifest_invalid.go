package checks

import (
	"encoding/json"
	"fmt"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/tauriaudit/tauriaudit/rules"
	"github.com/tauriaudit/tauriaudit/signing"
)

// UpdateManifestInvalid checks static update manifests (latest.json).
var UpdateManifestInvalid = &rules.Rule{
	ID:       "TA-REL-006",
	Name:     "update-manifest-invalid",
	Title:    "the static update manifest is invalid",
	Level:    rules.Error,
	Severity: "7.0",
	Gate:     true,
	Tags:     binTags("release", "494", "1328"),
	Doc: `A static update manifest in --artifacts (latest.json) is checked like the updater reads it: the
version must be semver, every platforms entry needs an https url and a signature, the signature
must verify (with plugins.updater.pubkey) over the artifact its url names when that artifact is
in the directory, and platform keys must be OS-ARCH (linux, darwin, windows × x86_64, aarch64,
i686, armv7, optionally with an installer suffix). Unknown platform keys are warnings.

**Fix:** generate the manifest from the CI output (tauri-action does), never by hand.

**False positives:** dynamic update servers are not checked. This rule fails the release gate.`,
	Run: updateManifestInvalid,
}

var (
	semverRx   = regexp.MustCompile(`^v?\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$`)
	platformRx = regexp.MustCompile(`^(linux|darwin|windows)-(x86_64|aarch64|i686|armv7)(-[a-z0-9]+)?$`)
)

type updateManifest struct {
	Version   string `json:"version"`
	Platforms map[string]struct {
		Signature string `json:"signature"`
		URL       string `json:"url"`
	} `json:"platforms"`
}

func updateManifestInvalid(pass *rules.Pass) error {
	p := pass.Project
	files := artifactFiles(p)
	pk, havePK := configuredPubkey(p)
	for _, rel := range files {
		if path.Base(rel) != "latest.json" {
			continue
		}
		data, err := readArtifact(p, rel)
		if err != nil {
			continue
		}
		var m updateManifest
		if err := json.Unmarshal(data, &m); err != nil {
			pass.Report(rules.Finding{Location: artifactLoc(rel), Subject: "json", Message: fmt.Sprintf("%s is not valid JSON: %v", rel, err)})
			continue
		}
		report := func(level rules.Level, subject, format string, args ...any) {
			pass.Report(rules.Finding{Level: level, Location: artifactLoc(rel), Subject: subject, Message: fmt.Sprintf(format, args...)})
		}
		if !semverRx.MatchString(m.Version) {
			report("", "version", "version %q is not semver", m.Version)
		}
		keys := make([]string, 0, len(m.Platforms))
		for k := range m.Platforms {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			e := m.Platforms[k]
			if !platformRx.MatchString(k) {
				report(rules.Warning, k, "unknown platform key %q", k)
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
			res, err := signing.VerifyUpdaterFile(pk, []byte(e.Signature), artifactPath(p, art))
			if err == nil && (res.Malformed != "" || res.WrongKey || !res.OK) {
				report("", k+":sig", "platform %s signature does not verify for %s", k, art)
			}
		}
	}
	return nil
}
