package checks

import (
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/sigstore/sigstore/pkg/cryptoutils"
	"github.com/sigstore/sigstore/pkg/signature"

	"github.com/tauriaudit/tauriaudit/rules"
)

// artifactsDir copies the committed updater fixtures (real Tauri CLI and
// minisign signatures) to a temp dir and adds cosign signatures made with
// sigstore's own signer, checksums and a latest.json.
func artifactsDir(t *testing.T) (dir, cosignKey string) {
	t.Helper()
	dir = filepath.Join(t.TempDir(), "artifacts")
	os.MkdirAll(dir, 0o755)
	src := "../testdata/signing/updater/artifacts"
	ents, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		b, _ := os.ReadFile(filepath.Join(src, e.Name()))
		os.WriteFile(filepath.Join(dir, e.Name()), b, 0o644)
	}
	priv, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	signer, err := signature.LoadSigner(priv, crypto.SHA256)
	if err != nil {
		t.Fatal(err)
	}
	pubPEM, _ := cryptoutils.MarshalPublicKeyToPEM(priv.Public())
	cosignKey = filepath.Join(filepath.Dir(dir), "cosign.pub")
	os.WriteFile(cosignKey, pubPEM, 0o644)
	sign := func(content string) []byte {
		sig, err := signer.SignMessage(strings.NewReader(content))
		if err != nil {
			t.Fatal(err)
		}
		return sig
	}
	put := func(name, content string) { os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644) }
	put("app_1.0.0_amd64.deb", "deb")
	put("app_1.0.0_amd64.deb.sig", base64.StdEncoding.EncodeToString(sign("deb")))
	put("app_1.0.0_arm64.deb", "arm deb")
	put("app_1.0.0_arm64.deb.sig", base64.StdEncoding.EncodeToString(sign("something else")))
	put("app_1.0.0.dmg", "dmg")
	digest := sha256.Sum256([]byte("dmg"))
	bundle, _ := json.Marshal(map[string]any{
		"mediaType":            "application/vnd.dev.sigstore.bundle.v0.3+json",
		"verificationMaterial": map[string]any{"publicKey": map[string]string{"hint": "k"}},
		"messageSignature": map[string]any{
			"messageDigest": map[string]string{"algorithm": "SHA2_256", "digest": base64.StdEncoding.EncodeToString(digest[:])},
			"signature":     base64.StdEncoding.EncodeToString(sign("dmg")),
		},
	})
	put("app_1.0.0.dmg.sigstore.json", string(bundle))
	buildDarwinApp(t, filepath.Join(dir, "My.app", "Contents", "MacOS"))
	appimage, _ := os.ReadFile(filepath.Join(dir, "app_1.0.0_amd64.AppImage"))
	good := sha256.Sum256(appimage)
	put("SHA256SUMS", hex.EncodeToString(good[:])+"  app_1.0.0_amd64.AppImage\n"+
		strings.Repeat("0", 64)+" *app_1.0.0_amd64.deb\n")
	return dir, cosignKey
}

// buildDarwinApp puts a Go-built darwin/arm64 executable, which the Go
// linker signs ad-hoc, into an .app bundle's Contents/MacOS.
func buildDarwinApp(t *testing.T, dir string) {
	t.Helper()
	src := t.TempDir()
	os.WriteFile(filepath.Join(src, "go.mod"), []byte("module my\n\ngo 1.21\n"), 0o644)
	os.WriteFile(filepath.Join(src, "main.go"), []byte("package main\n\nfunc main() {}\n"), 0o644)
	os.MkdirAll(dir, 0o755)
	cmd := exec.Command("go", "build", "-o", filepath.Join(dir, "My"), ".")
	cmd.Dir = src
	cmd.Env = append(os.Environ(), "GOOS=darwin", "GOARCH=arm64", "CGO_ENABLED=0", "GOFLAGS=-buildvcs=false", "GOTOOLCHAIN=local")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
}

func TestReleaseArtifacts(t *testing.T) {
	dir, key := artifactsDir(t)
	pub, _ := os.ReadFile("../testdata/signing/updater/pubkey.txt")
	conf := `{"identifier": "com.example.app", "bundle": {"active": true, "createUpdaterArtifacts": true},
		"plugins": {"updater": {"pubkey": "` + strings.TrimSpace(string(pub)) + `", "endpoints": ["https://example.com/latest.json"]}}}`
	fsys := fstest.MapFS{"src-tauri/tauri.conf.json": {Data: []byte(conf)}}
	projects, err := rules.LoadFS(context.Background(), fsys, rules.LoadOptions{
		Settings: rules.Settings{Artifacts: dir, CosignKey: key}})
	if err != nil {
		t.Fatal(err)
	}
	sel := []*rules.Rule{UpdaterArtifactSignature, UpdateManifestInvalid, InstallerNotAuthenticode, ReleaseChecksumsMissing,
		UpdaterPubkeyMalformed, MacArtifactNotNotarized, LinuxArtifactUnsigned}
	res := rules.Run(context.Background(), projects, sel)
	for _, e := range res.Errors {
		t.Fatalf("%s: %s", e.RuleID, e.Err)
	}
	var got []string
	for _, f := range res.Findings {
		got = append(got, f.RuleID+" "+string(f.Level)+" "+f.Location.File+": "+f.Message)
	}
	want := []string{
		"TA-REL-005 error artifacts/app.app.tar.gz.sig: app.app.tar.gz.sig was made by key ",
		"TA-REL-005 error artifacts/app_1.0.0_aarch64.AppImage: app_1.0.0_aarch64.AppImage has no .sig",
		"TA-REL-005 error artifacts/app_1.0.0_x64_en-US.msi.sig: app_1.0.0_x64_en-US.msi.sig does not verify",
		"TA-REL-006 error artifacts/latest.json: platform darwin-aarch64 url \"http://example.com/app.app.tar.gz\" is not https",
		"TA-REL-006 error artifacts/latest.json: platform darwin-aarch64 signature does not verify for app.app.tar.gz",
		"TA-REL-006 error artifacts/latest.json: platform windows-x86_64 signature does not verify for app_1.0.0_x64_en-US.msi",
		"TA-REL-007 warning artifacts/app_1.0.0_x64-setup.exe: app_1.0.0_x64-setup.exe has no Authenticode signature",
		"TA-REL-008 warning artifacts/My.app: My.app is only ad-hoc signed",
		"TA-REL-009 note artifacts/app_1.0.0_aarch64.AppImage: app_1.0.0_aarch64.AppImage has no embedded or detached signature",
		"TA-REL-010 error artifacts/SHA256SUMS: app_1.0.0_amd64.deb does not match its checksum in SHA256SUMS",
		"TA-REL-010 error artifacts/app_1.0.0_arm64.deb.sig: cosign signature app_1.0.0_arm64.deb.sig does not verify",
		"TA-REL-010 warning artifacts/app.app.tar.gz: app.app.tar.gz has no cosign signature",
		"TA-REL-010 warning artifacts/app_1.0.0_aarch64.AppImage: app_1.0.0_aarch64.AppImage has no cosign signature",
		"TA-REL-010 warning artifacts/app_1.0.0_amd64.AppImage: app_1.0.0_amd64.AppImage has no cosign signature",
		"TA-REL-010 warning artifacts/app_1.0.0_x64-setup.exe: app_1.0.0_x64-setup.exe has no cosign signature",
		"TA-REL-010 warning artifacts/app_1.0.0_x64_en-US.msi: app_1.0.0_x64_en-US.msi has no cosign signature",
	}
	slices.Sort(got)
	if len(got) != len(want) {
		t.Errorf("got %d findings, want %d:\n%s", len(got), len(want), strings.Join(got, "\n"))
	}
	for _, w := range want {
		if !slices.ContainsFunc(got, func(g string) bool { return strings.HasPrefix(g, w) }) {
			t.Errorf("missing %q", w)
		}
	}
}
