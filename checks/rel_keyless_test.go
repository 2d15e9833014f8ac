package checks

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tauriaudit/tauriaudit/internal/sigstoretest"
	"github.com/tauriaudit/tauriaudit/rules"
)

// Keyless cosign bundles of release artifacts, verified offline against a
// throwaway Sigstore (CA, log) and the identity policy.
func TestReleaseKeylessBundles(t *testing.T) {
	fx := sigstoretest.New(t, []byte("deb"))
	dir := filepath.Join(t.TempDir(), "artifacts")
	os.MkdirAll(dir, 0o755)
	put := func(name string, b []byte) { os.WriteFile(filepath.Join(dir, name), b, 0o644) }
	put("app_1.0.0_amd64.deb", fx.Artifact)
	put("app_1.0.0_amd64.deb.sigstore.json", fx.Bundle(sigstoretest.Opts{}))
	put("app_1.0.0_arm64.deb", []byte("swapped"))
	put("app_1.0.0_arm64.deb.sigstore.json", fx.Bundle(sigstoretest.Opts{}))
	put("app_1.0.0_i386.deb", []byte("i386"))
	put("app_1.0.0_i386.deb.sigstore.json", []byte(`{"mediaType": "application/vnd.dev.sigstore.bundle.v0.3+json", "verif`))
	put("app_1.0.0_x64-setup.exe", []byte("exe"))
	put("app_1.0.0_x64-setup.exe.bundle", []byte(`{"base64Signature": "AAAA", "cert": "x"}`))
	put("SHA256SUMS", nil)
	rootFile := filepath.Join(t.TempDir(), "trusted_root.json")
	os.WriteFile(rootFile, fx.TrustedRoot(fx.LogKey), 0o644)

	run := func(s rules.Settings) []string {
		s.Artifacts = dir
		fsys := fstest.MapFS{"src-tauri/tauri.conf.json": {Data: []byte(`{"identifier": "com.example.app"}`)}}
		projects, err := rules.LoadFS(context.Background(), fsys, rules.LoadOptions{Settings: s})
		if err != nil {
			t.Fatal(err)
		}
		res := rules.Run(context.Background(), projects, []*rules.Rule{ReleaseChecksumsMissing})
		var got []string
		for _, f := range res.Findings {
			got = append(got, string(f.Level)+" "+f.Location.File+": "+f.Message)
		}
		slices.Sort(got)
		return got
	}
	check := func(name string, got, want []string) {
		t.Helper()
		if len(got) != len(want) {
			t.Errorf("%s: got %d findings, want %d:\n%s", name, len(got), len(want), strings.Join(got, "\n"))
		}
		for _, w := range want {
			if !slices.ContainsFunc(got, func(g string) bool { return strings.HasPrefix(g, w) }) {
				t.Errorf("%s: missing %q in\n%s", name, w, strings.Join(got, "\n"))
			}
		}
	}
	common := []string{
		"error artifacts/app_1.0.0_arm64.deb.sigstore.json: Sigstore bundle app_1.0.0_arm64.deb.sigstore.json does not verify: bundle digest does not match the file (certificate of alice@example.com (issuer https://accounts.example.com))",
		"error artifacts/app_1.0.0_i386.deb.sigstore.json: Sigstore bundle app_1.0.0_i386.deb.sigstore.json is corrupt: ",
		"warning artifacts/app_1.0.0_x64-setup.exe.bundle: Sigstore bundle app_1.0.0_x64-setup.exe.bundle cannot be verified: mediaType \"\" is not a Sigstore bundle",
	}
	check("pinned", run(rules.Settings{SigstoreTrustedRoot: rootFile, CertIdentity: sigstoretest.Email,
		CertOIDCIssuer: sigstoretest.Issuer}), common)
	check("unpinned", run(rules.Settings{SigstoreTrustedRoot: rootFile}), append(common,
		"warning artifacts/app_1.0.0_amd64.deb.sigstore.json: Sigstore bundle app_1.0.0_amd64.deb.sigstore.json verifies (signed by alice@example.com (issuer https://accounts.example.com), log index 1000004), but no --certificate-identity"))
	check("someone else", run(rules.Settings{SigstoreTrustedRoot: rootFile,
		CertIdentityRegexp: `^https://github\.com/OWNER/REPO/`, CertOIDCIssuer: "https://token.actions.githubusercontent.com"}), append(common,
		`error artifacts/app_1.0.0_amd64.deb.sigstore.json: Sigstore bundle app_1.0.0_amd64.deb.sigstore.json is signed by alice@example.com (issuer https://accounts.example.com), log index 1000004: OIDC issuer "https://accounts.example.com" does not match --certificate-oidc-issuer https://token.actions.githubusercontent.com`))
	check("no trusted root", run(rules.Settings{CertIdentity: sigstoretest.Email}), nil)
}
