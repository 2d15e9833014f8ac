// Package pesigtest builds a real Authenticode-signed Windows executable
// for tests: a Go-built PE signed by osslsigncode under a self-signed
// code-signing certificate, plus an unrelated root to fail chains with.
package pesigtest

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// Fixture is one signed executable and the files around it.
type Fixture struct {
	Unsigned, Signed []byte
	Cert             string // PEM path of the signing (self-signed) certificate
	OtherRoot        string // PEM path of a root that did not sign it
}

// Build makes the fixture in a temp dir, skipping the test when go,
// openssl or osslsigncode is missing.
func Build(t testing.TB) Fixture {
	t.Helper()
	for _, tool := range []string{"osslsigncode", "openssl", "go"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not installed", tool)
		}
	}
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module hello\n\ngo 1.21\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "main.go"), []byte("package main\n\nfunc main() { println(\"hi\") }\n"), 0o644)
	run := func(env []string, name string, args ...string) {
		t.Helper()
		cmd := exec.Command(name, args...)
		cmd.Dir, cmd.Env = dir, append(os.Environ(), env...)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%s %v: %v\n%s", name, args, err, out)
		}
	}
	run([]string{"GOOS=windows", "GOARCH=amd64", "CGO_ENABLED=0", "GOFLAGS=-buildvcs=false", "GOTOOLCHAIN=local"}, "go", "build", "-o", "a.exe", ".")
	for _, c := range [][2]string{{"c", "/CN=Example Code Signing"}, {"o", "/CN=Other Root"}} {
		run(nil, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", c[0]+".key", "-out", c[0]+".crt",
			"-days", "3", "-subj", c[1], "-addext", "extendedKeyUsage=codeSigning")
	}
	run(nil, "osslsigncode", "sign", "-certs", "c.crt", "-key", "c.key", "-h", "sha256", "-in", "a.exe", "-out", "s.exe")
	f := Fixture{Cert: filepath.Join(dir, "c.crt"), OtherRoot: filepath.Join(dir, "o.crt")}
	var err error
	if f.Unsigned, err = os.ReadFile(filepath.Join(dir, "a.exe")); err != nil {
		t.Fatal(err)
	}
	if f.Signed, err = os.ReadFile(filepath.Join(dir, "s.exe")); err != nil {
		t.Fatal(err)
	}
	return f
}
