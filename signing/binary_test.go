package signing

import (
	"crypto/x509"
	"encoding/binary"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/tauriaudit/tauriaudit/signing/pesigtest"
)

// TestAuthenticodeReal signs a real Go-built Windows executable with
// osslsigncode and checks detection, verification and tampering.
func TestAuthenticodeReal(t *testing.T) {
	fx := pesigtest.Build(t)
	unsigned, signed := fx.Unsigned, fx.Signed

	if info, err := Inspect(unsigned); err != nil || info.Kind != BinPE || info.CertTable {
		t.Fatalf("unsigned: %+v %v", info, err)
	}
	info, err := Inspect(signed)
	if err != nil || !info.CertTable || info.CertType != 2 {
		t.Fatalf("signed: %+v %v", info, err)
	}
	a := VerifyAuthenticode(signed, nil)
	if !a.Signed || !a.HashMatches || !a.SigValid || a.Digest != "SHA-256" || a.Timestamped {
		t.Errorf("signed: %+v", a)
	}
	tampered := append([]byte{}, signed...)
	tampered[len(tampered)/3] ^= 0xff
	if a := VerifyAuthenticode(tampered, nil); a.HashMatches {
		t.Errorf("tampered file still matches: %+v", a)
	}
	if a := VerifyAuthenticode(unsigned, nil); a.Signed {
		t.Errorf("unsigned: %+v", a)
	}

	// Chains: to the signing certificate itself (self-signed), and not to
	// an unrelated root.
	own, other := x509.NewCertPool(), x509.NewCertPool()
	for pool, name := range map[*x509.CertPool]string{own: fx.Cert, other: fx.OtherRoot} {
		b, _ := os.ReadFile(name)
		if !pool.AppendCertsFromPEM(b) {
			t.Fatalf("%s: no certificate", name)
		}
	}
	if a := VerifyAuthenticode(signed, own); !a.Chained || a.Signer == "" {
		t.Errorf("own root: %+v", a)
	}
	if a := VerifyAuthenticode(signed, other); a.Chained || !a.SigValid {
		t.Errorf("other root: %+v", a)
	}
}

// TestMachOGoBuilds: the Go linker ad-hoc signs darwin/arm64 and leaves
// darwin/amd64 unsigned (go-libs §6).
func TestMachOGoBuilds(t *testing.T) {
	needTools(t, "go")
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module hello\n\ngo 1.21\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "main.go"), []byte("package main\n\nfunc main() {}\n"), 0o644)
	thin := map[string][]byte{}
	for arch, want := range map[string][2]bool{"arm64": {true, true}, "amd64": {false, false}} {
		cmd := exec.Command("go", "build", "-o", arch, ".")
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GOOS=darwin", "GOARCH="+arch, "CGO_ENABLED=0", "GOFLAGS=-buildvcs=false", "GOTOOLCHAIN=local")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%v\n%s", err, out)
		}
		data, _ := os.ReadFile(filepath.Join(dir, arch))
		thin[arch] = data
		info, err := Inspect(data)
		if err != nil || info.Kind != BinMachO {
			t.Fatalf("%s: %+v %v", arch, info, err)
		}
		if info.Signed() != want[0] || info.AdHocOnly() != want[1] {
			t.Errorf("%s: signed=%v adhoc=%v, want %v", arch, info.Signed(), info.AdHocOnly(), want)
		}
	}
	// A universal binary is signed only when every slice is.
	fat, err := Inspect(makeFat(thin["arm64"], thin["amd64"]))
	if err != nil || !fat.Fat || len(fat.Slices) != 2 || fat.Signed() {
		t.Errorf("fat: %+v %v", fat, err)
	}
	if err == nil && (!fat.Slices[0].Signed || !fat.Slices[0].AdHoc || fat.Slices[1].Signed) {
		t.Errorf("fat slices: %+v", fat.Slices)
	}
}

// makeFat builds a universal binary (fat header, 16 KiB aligned slices)
// from thin slices, as lipo would.
func makeFat(slices ...[]byte) []byte {
	be := binary.BigEndian
	const align = 1 << 14
	out := make([]byte, align)
	be.PutUint32(out, 0xcafebabe)
	be.PutUint32(out[4:], uint32(len(slices)))
	for i, s := range slices {
		le := binary.LittleEndian // thin Go builds are little-endian Mach-O
		cpu, sub := le.Uint32(s[4:8]), le.Uint32(s[8:12])
		h := out[8+i*20:]
		be.PutUint32(h, cpu)
		be.PutUint32(h[4:], sub)
		be.PutUint32(h[8:], uint32(len(out)))
		be.PutUint32(h[12:], uint32(len(s)))
		be.PutUint32(h[16:], 14)
		out = append(out, s...)
		for len(out)%align != 0 {
			out = append(out, 0)
		}
	}
	return out
}
