package main

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The action's install script (scripts/action-install.sh) is run against a
// fake release directory served through file://, the way the action runs it
// against GitHub's release downloads.

const fakeVersion = "1.2.3"

// fakeBinary stands in for the released executable: the test checks that
// exactly these bytes are installed.
var fakeBinary = []byte("#!/bin/sh\necho tauriaudit fake\n")

// needTools skips without the tools the action's scripts use; in CI, which
// installs them (.ci/run) and sets TAURIAUDIT_REQUIRE_SHARED, it fails.
func needTools(t *testing.T, tools ...string) {
	t.Helper()
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("TAURIAUDIT_REQUIRE_SHARED") == "1" {
				t.Fatalf("%s is not installed; CI needs it for the action's scripts", tool)
			}
			t.Skipf("%s is not installed", tool)
		}
	}
}

// release writes the assets of one fake release under dir/v<V>/ and returns
// the checksums file's path; assets maps name to content.
func release(t *testing.T, dir string, assets map[string][]byte) string {
	t.Helper()
	vdir := filepath.Join(dir, "v"+fakeVersion)
	if err := os.MkdirAll(vdir, 0o755); err != nil {
		t.Fatal(err)
	}
	var sums strings.Builder
	for name, data := range assets {
		writeFile(t, vdir, name, string(data))
		sum := sha256.Sum256(data)
		fmt.Fprintf(&sums, "%s  %s\n", hex.EncodeToString(sum[:]), name)
	}
	checksums := filepath.Join(vdir, "tauriaudit_"+fakeVersion+"_checksums.txt")
	writeFile(t, vdir, filepath.Base(checksums), sums.String())
	return checksums
}

func tarGz(t *testing.T, files map[string][]byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	gz := gzip.NewWriter(&buf)
	tw := tar.NewWriter(gz)
	for name, data := range files {
		if err := tw.WriteHeader(&tar.Header{Name: name, Mode: 0o755, Size: int64(len(data))}); err != nil {
			t.Fatal(err)
		}
		if _, err := tw.Write(data); err != nil {
			t.Fatal(err)
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := gz.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func zipOf(t *testing.T, files map[string][]byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, data := range files {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(data); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

type installRun struct {
	out    string // stdout and stderr
	err    error
	bin    string // the path the script printed
	output string // what it wrote to $GITHUB_OUTPUT
}

// runInstall runs the install script with the runner's environment.
func runInstall(t *testing.T, env ...string) installRun {
	t.Helper()
	tmp := t.TempDir()
	ghOut := filepath.Join(tmp, "github_output")
	cmd := exec.Command("bash", "../../scripts/action-install.sh")
	cmd.Env = append(os.Environ(), "RUNNER_TEMP="+tmp, "GITHUB_OUTPUT="+ghOut)
	cmd.Env = append(cmd.Env, env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	written, _ := os.ReadFile(ghOut)
	return installRun{
		out:    stdout.String() + stderr.String(),
		err:    err,
		bin:    strings.TrimSpace(stdout.String()),
		output: string(written),
	}
}

func TestActionInstallRelease(t *testing.T) {
	needTools(t, "bash", "curl", "tar", "unzip")
	linux := "tauriaudit_" + fakeVersion + "_linux_amd64.tar.gz"
	darwin := "tauriaudit_" + fakeVersion + "_darwin_arm64.tar.gz"
	windows := "tauriaudit_" + fakeVersion + "_windows_amd64.zip"
	good := func(t *testing.T) string {
		dir := t.TempDir()
		release(t, dir, map[string][]byte{
			linux:   tarGz(t, map[string][]byte{"tauriaudit": fakeBinary, "README.md": []byte("readme")}),
			darwin:  tarGz(t, map[string][]byte{"./tauriaudit": fakeBinary}),
			windows: zipOf(t, map[string][]byte{"tauriaudit.exe": fakeBinary, "README.md": []byte("readme")}),
		})
		return dir
	}
	installs := []struct{ name, os, arch, version, exe string }{
		{"linux", "Linux", "X64", fakeVersion, "tauriaudit"},
		{"macOS with a v prefix", "macOS", "ARM64", "v" + fakeVersion, "tauriaudit"},
		{"windows zip", "Windows", "X64", fakeVersion, "tauriaudit.exe"},
	}
	for _, tc := range installs {
		t.Run(tc.name, func(t *testing.T) {
			dir := good(t)
			r := runInstall(t, "TA_VERSION="+tc.version, "RUNNER_OS="+tc.os, "RUNNER_ARCH="+tc.arch,
				"TA_RELEASE_BASE_URL=file://"+dir)
			if r.err != nil {
				t.Fatalf("install failed: %v\n%s", r.err, r.out)
			}
			if filepath.Base(r.bin) != tc.exe {
				t.Fatalf("installed %q, want %s", r.bin, tc.exe)
			}
			got, err := os.ReadFile(r.bin)
			if err != nil || !bytes.Equal(got, fakeBinary) {
				t.Fatalf("installed binary %q: %v", got, err)
			}
			if r.output != "bin="+r.bin+"\n" {
				t.Errorf("GITHUB_OUTPUT holds %q", r.output)
			}
		})
	}

	failures := []struct {
		name, want string
		spoil      func(t *testing.T, dir string)
		env        []string
	}{
		{name: "tampered archive", want: "does not match its SHA-256", spoil: func(t *testing.T, dir string) {
			p := filepath.Join(dir, "v"+fakeVersion, linux)
			data, _ := os.ReadFile(p)
			data[len(data)/2] ^= 1
			writeFile(t, filepath.Dir(p), linux, string(data))
		}},
		{name: "no checksum line", want: "has no line for " + linux, spoil: func(t *testing.T, dir string) {
			p := filepath.Join(dir, "v"+fakeVersion, "tauriaudit_"+fakeVersion+"_checksums.txt")
			data, _ := os.ReadFile(p)
			var kept []string
			for _, line := range strings.SplitAfter(string(data), "\n") {
				if !strings.HasSuffix(strings.TrimSpace(line), " "+linux) {
					kept = append(kept, line)
				}
			}
			// A line for a longer name must not stand in for the archive's.
			kept = append(kept, strings.Repeat("0", 64)+"  "+linux+".sig\n")
			writeFile(t, filepath.Dir(p), filepath.Base(p), strings.Join(kept, ""))
		}},
		{name: "archive without the binary", want: "holds no tauriaudit at its root", spoil: func(t *testing.T, dir string) {
			release(t, dir, map[string][]byte{linux: tarGz(t, map[string][]byte{"bin/tauriaudit": fakeBinary})})
		}},
		{name: "no checksums file", want: "could not download", spoil: func(t *testing.T, dir string) {
			os.Remove(filepath.Join(dir, "v"+fakeVersion, "tauriaudit_"+fakeVersion+"_checksums.txt"))
		}},
		{name: "no such release", want: "could not download", env: []string{"TA_VERSION=9.9.9"}},
		{name: "not a version", want: "is not a release version", env: []string{"TA_VERSION=1.2.3/../../x"}},
		{name: "unknown architecture", want: "no release binary for runner architecture", env: []string{"RUNNER_ARCH=ARM"}},
	}
	for _, tc := range failures {
		t.Run(tc.name, func(t *testing.T) {
			dir := good(t)
			if tc.spoil != nil {
				tc.spoil(t, dir)
			}
			env := append([]string{"TA_VERSION=" + fakeVersion, "RUNNER_OS=Linux", "RUNNER_ARCH=X64",
				"TA_RELEASE_BASE_URL=file://" + dir}, tc.env...)
			r := runInstall(t, env...)
			if r.err == nil {
				t.Fatalf("install succeeded, want failure %q\n%s", tc.want, r.out)
			}
			if !strings.Contains(r.out, tc.want) {
				t.Errorf("output %q does not say %q", r.out, tc.want)
			}
			if r.output != "" {
				t.Errorf("GITHUB_OUTPUT written on failure: %q", r.output)
			}
		})
	}
}
