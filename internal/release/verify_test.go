package release

import (
	"crypto/rand"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"aead.dev/minisign"
)

// signedRelease writes a small release into a temporary directory: two
// assets, their checksums, and a signature made by sign.
func signedRelease(t *testing.T, sign func(dir, checksums string)) string {
	t.Helper()
	dir := t.TempDir()
	var sums []Sum
	for name, body := range map[string]string{"tauriaudit_1.0.0_linux_amd64.tar.gz": "archive bytes", "tauriaudit_1.0.0_sbom.cdx.json": "{}"} {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		h, err := FileSHA256(p)
		if err != nil {
			t.Fatal(err)
		}
		sums = append(sums, Sum{Name: name, Hex: h})
	}
	if err := os.WriteFile(filepath.Join(dir, ChecksumsName("1.0.0")), FormatChecksums(sums), 0o644); err != nil {
		t.Fatal(err)
	}
	sign(dir, ChecksumsName("1.0.0"))
	return dir
}

func goKey(t *testing.T) (minisign.PublicKey, minisign.PrivateKey) {
	t.Helper()
	pub, priv, err := minisign.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return pub, priv
}

func goSigner(t *testing.T, priv minisign.PrivateKey) func(dir, name string) {
	return func(dir, name string) {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name+".minisig"), Sign(priv, data, "file:"+name), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestVerifyDir(t *testing.T) {
	pub, priv := goKey(t)
	otherPub, _ := goKey(t)
	type check func(t *testing.T, v Verification, err error)
	ok := func(all bool) check {
		return func(t *testing.T, v Verification, err error) {
			if err != nil || !v.OK(all) {
				t.Fatalf("want verified, got %+v, %v", v, err)
			}
		}
	}
	badSig := func(t *testing.T, v Verification, err error) {
		if !errors.Is(err, ErrBadSignature) {
			t.Fatalf("want a bad-signature error, got %+v, %v", v, err)
		}
	}
	fileStatus := func(name string, want FileStatus) check {
		return func(t *testing.T, v Verification, err error) {
			if err != nil || v.OK(false) {
				t.Fatalf("want a failed file check, got %+v, %v", v, err)
			}
			for _, f := range v.Files {
				if f.Name == name && f.Status != want {
					t.Errorf("%s: %v, want %v", name, f.Status, want)
				}
			}
		}
	}
	const archive = "tauriaudit_1.0.0_linux_amd64.tar.gz"
	for _, tc := range []struct {
		name   string
		key    minisign.PublicKey
		tamper func(t *testing.T, dir string)
		check  check
	}{
		{"intact", pub, nil, ok(true)},
		{"changed byte in an archive", pub, func(t *testing.T, dir string) { flipByte(t, filepath.Join(dir, archive), 3) }, fileStatus(archive, FileMismatch)},
		{"changed checksums line", pub, func(t *testing.T, dir string) {
			p := filepath.Join(dir, ChecksumsName("1.0.0"))
			data, _ := os.ReadFile(p)
			h, _ := FileSHA256(filepath.Join(dir, archive))
			os.WriteFile(p, []byte(strings.Replace(string(data), h, strings.Repeat("0", 64), 1)), 0o644)
		}, badSig},
		{"appended checksums line", pub, func(t *testing.T, dir string) {
			f, _ := os.OpenFile(filepath.Join(dir, ChecksumsName("1.0.0")), os.O_APPEND|os.O_WRONLY, 0)
			f.WriteString(hexA + "  evil.zip\n")
			f.Close()
		}, badSig},
		{"wrong key", otherPub, nil, badSig},
		{"changed signature", pub, func(t *testing.T, dir string) {
			p := filepath.Join(dir, ChecksumsName("1.0.0")+".minisig")
			data, _ := os.ReadFile(p)
			lines := strings.Split(string(data), "\n")
			lines[2] = "trusted comment: something else"
			os.WriteFile(p, []byte(strings.Join(lines, "\n")), 0o644)
		}, badSig},
		{"missing asset is allowed without --all", pub, func(t *testing.T, dir string) { os.Remove(filepath.Join(dir, archive)) }, ok(false)},
		{"symlinked asset is not followed", pub, func(t *testing.T, dir string) {
			p := filepath.Join(dir, archive)
			os.Rename(p, p+".real")
			if err := os.Symlink(p+".real", p); err != nil {
				t.Skip("no symlinks:", err)
			}
		}, fileStatus(archive, FileUnusable)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := signedRelease(t, goSigner(t, priv))
			if tc.tamper != nil {
				tc.tamper(t, dir)
			}
			v, err := VerifyDir(dir, ChecksumsName("1.0.0"), tc.key)
			tc.check(t, v, err)
		})
	}
	t.Run("missing asset fails with --all", func(t *testing.T) {
		dir := signedRelease(t, goSigner(t, priv))
		os.Remove(filepath.Join(dir, archive))
		if v, err := VerifyDir(dir, ChecksumsName("1.0.0"), pub); err != nil || v.OK(true) {
			t.Fatalf("want a failure with all=true, got %+v, %v", v, err)
		}
	})
	t.Run("no signature file is a usage error", func(t *testing.T) {
		dir := signedRelease(t, func(string, string) {})
		if _, err := VerifyDir(dir, ChecksumsName("1.0.0"), pub); !errors.Is(err, ErrUsage) {
			t.Fatalf("got %v", err)
		}
	})
}

func flipByte(t *testing.T, p string, i int) {
	t.Helper()
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	data[i] ^= 1
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// needMinisign returns the path of the minisign tool, skipping the test
// without it unless TAURIAUDIT_REQUIRE_MINISIGN=1 (CI installs it).
func needMinisign(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("minisign")
	if err != nil {
		if os.Getenv("TAURIAUDIT_REQUIRE_MINISIGN") == "1" {
			t.Fatal("minisign not installed and TAURIAUDIT_REQUIRE_MINISIGN=1")
		}
		t.Skip("minisign not installed (apt install minisign)")
	}
	return p
}

// TestInteropWithMinisign checks both directions with the real tool: a
// release signed by `minisign -S` verifies with our code (and fails with
// another key), and our signature of the checksums verifies with
// `minisign -V`, using a key made by `minisign -G -W` and loaded by
// LoadSecretKey.
func TestInteropWithMinisign(t *testing.T) {
	tool := needMinisign(t)
	keys := t.TempDir()
	pubPath, keyPath := filepath.Join(keys, "k.pub"), filepath.Join(keys, "k.key")
	if out, err := exec.Command(tool, "-G", "-W", "-p", pubPath, "-s", keyPath).CombinedOutput(); err != nil {
		t.Fatalf("minisign -G: %v\n%s", err, out)
	}
	pubText, _ := os.ReadFile(pubPath)
	var pub minisign.PublicKey
	if err := pub.UnmarshalText([]byte(strings.TrimSpace(strings.Split(string(pubText), "\n")[1]))); err != nil {
		t.Fatal(err)
	}
	dir := signedRelease(t, func(dir, name string) {
		if out, err := exec.Command(tool, "-S", "-s", keyPath, "-m", filepath.Join(dir, name)).CombinedOutput(); err != nil {
			t.Fatalf("minisign -S: %v\n%s", err, out)
		}
	})
	if v, err := VerifyDir(dir, ChecksumsName("1.0.0"), pub); err != nil || !v.OK(true) {
		t.Fatalf("signature by minisign -S: %+v, %v", v, err)
	}
	other, _ := goKey(t)
	if _, err := VerifyDir(dir, ChecksumsName("1.0.0"), other); !errors.Is(err, ErrBadSignature) {
		t.Fatalf("another key accepted: %v", err)
	}
	flipByte(t, filepath.Join(dir, "tauriaudit_1.0.0_sbom.cdx.json"), 0)
	if v, err := VerifyDir(dir, ChecksumsName("1.0.0"), pub); err != nil || v.OK(false) {
		t.Fatalf("tampered asset accepted: %+v, %v", v, err)
	}

	priv, err := LoadSecretKey(keyPath, "")
	if err != nil {
		t.Fatal(err)
	}
	ours := signedRelease(t, goSigner(t, priv))
	m := filepath.Join(ours, ChecksumsName("1.0.0"))
	if out, err := exec.Command(tool, "-V", "-p", pubPath, "-m", m).CombinedOutput(); err != nil {
		t.Fatalf("minisign -V rejects our signature: %v\n%s", err, out)
	}
	os.WriteFile(m, []byte("changed\n"), 0o644)
	if out, err := exec.Command(tool, "-V", "-p", pubPath, "-m", m).CombinedOutput(); err == nil {
		t.Fatalf("minisign -V accepted a changed file:\n%s", out)
	}
}
