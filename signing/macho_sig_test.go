package signing

import (
	"bytes"
	"crypto/x509"
	"encoding/binary"
	"strings"
	"testing"

	"github.com/tauriaudit/tauriaudit/signing/macsigtest"
)

// The fixtures are synthetic (codesign and rcodesign do not run here):
// CodeDirectories, a detached CMS over the slot-0 one made with
// smallstep/pkcs7, and a test CA (see internal/macsigtest).

func testIdentity(t testing.TB, ca, cn, team string) (*macsigtest.Identity, *x509.CertPool) {
	t.Helper()
	c, err := macsigtest.NewCA(ca)
	if err != nil {
		t.Fatal(err)
	}
	id, err := c.Issue(cn, team)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(c.Cert)
	return id, pool
}

func TestVerifyMachOSignature(t *testing.T) {
	id, own := testIdentity(t, "Test Root", "Developer ID Application: Example (ABCDE12345)", "ABCDE12345")
	_, other := testIdentity(t, "Other Root", "x", "y")
	const ident = "com.example.app"
	cd1, cd256 := macsigtest.CodeDirectory(1, 0, ident), macsigtest.CodeDirectory(2, 0, ident)
	sign := func(content []byte, cds ...[]byte) []byte {
		cms, err := macsigtest.SignCMS(content, id, macsigtest.HashAgility(cds...)...)
		if err != nil {
			t.Fatal(err)
		}
		return macsigtest.Wrapper(cms)
	}
	S := func(typ uint32, blob []byte) macsigtest.Slot { return macsigtest.Slot{Type: typ, Blob: blob} }
	sb := macsigtest.SuperBlob
	good := sb(S(0, cd1), S(0x1000, cd256), S(0x10000, sign(cd1, cd1, cd256)))
	tampered := append([]byte{}, cd1...)
	copy(tampered[88:], "org") // the identifier, after the signature was made
	otherCD := macsigtest.CodeDirectory(2, 0, "com.example.other")
	adhocCD := macsigtest.CodeDirectory(2, 0x2, ident)
	sha256Only := sb(S(0, cd256), S(0x10000, sign(cd256, cd256)))
	noAgility, _ := macsigtest.SignCMS(cd1, id)

	for _, c := range []struct {
		name  string
		blob  []byte
		roots *x509.CertPool
		want  MachOSignature // Err is a substring
	}{
		{"valid, chains", good, own, MachOSignature{Signed: true, SigValid: true, Chained: true}},
		{"valid, no roots", good, nil, MachOSignature{Signed: true, SigValid: true}},
		{"valid, other CA", good, other, MachOSignature{Signed: true, SigValid: true}},
		{"SHA-256 only", sha256Only, own, MachOSignature{Signed: true, SigValid: true, Chained: true}},
		{"SHA-1 only, no hash agility", sb(S(0, cd1), S(0x10000, macsigtest.Wrapper(noAgility))), own,
			MachOSignature{Signed: true, SigValid: true, Chained: true, Weak: true}},
		{"tampered CodeDirectory", sb(S(0, tampered), S(0x1000, cd256), S(0x10000, sign(cd1, cd1, cd256))), own,
			MachOSignature{Signed: true, Err: "message digest does not match"}},
		{"CMS over another blob", sb(S(0, cd256), S(0x10000, sign(otherCD, otherCD))), own,
			MachOSignature{Signed: true, Err: "message digest does not match"}},
		{"swapped alternate", sb(S(0, cd1), S(0x1000, otherCD), S(0x10000, sign(cd1, cd1, cd256))), own,
			MachOSignature{Signed: true, Err: "cdhashes do not match"}},
		{"stripped alternate", sb(S(0, cd1), S(0x10000, sign(cd1, cd1, cd256))), own,
			MachOSignature{Signed: true, Weak: true, Err: "cdhashes do not"}},
		{"duplicate hash type", sb(S(0, cd256), S(0x1000, otherCD), S(0x10000, sign(cd256, cd256))), own,
			MachOSignature{Signed: true, Err: "same hash type"}},
		{"ad-hoc flag", sb(S(0, adhocCD), S(0x10000, sign(adhocCD, adhocCD))), own,
			MachOSignature{Signed: true, Err: "ad-hoc"}},
		{"ad-hoc, empty CMS", sb(S(0, adhocCD), S(0x10000, macsigtest.Wrapper(nil))), own, MachOSignature{}},
		{"garbage CMS", sb(S(0, cd256), S(0x10000, macsigtest.Wrapper([]byte("\x30\x03\x02\x01\x01garbage")))), own,
			MachOSignature{Signed: true, Err: "unreadable CMS"}},
		{"no CodeDirectory", sb(S(0x10000, sign(cd256, cd256))), own, MachOSignature{Signed: true, Err: "no CodeDirectory"}},
		{"truncated SuperBlob", good[:40], own, MachOSignature{Err: "SuperBlob"}},
		{"not a SuperBlob", []byte("hello, world"), own, MachOSignature{Err: "not an embedded-signature"}},
	} {
		got := VerifyMachOSignature(c.blob, c.roots)
		if got.Signed != c.want.Signed || got.SigValid != c.want.SigValid || got.Chained != c.want.Chained ||
			got.Weak != c.want.Weak || (c.want.Err == "") != (got.Err == "") || !strings.Contains(got.Err, c.want.Err) {
			t.Errorf("%s: got %+v, want %+v", c.name, got, c.want)
		}
		if got.SigValid && (got.Signer != id.Cert.Subject.CommonName || got.TeamID != "ABCDE12345") {
			t.Errorf("%s: signer %q team %q", c.name, got.Signer, got.TeamID)
		}
	}
	if got := VerifyMachOSignature(good, nil); strings.Join(got.HashTypes, ",") != "SHA-1,SHA-256" {
		t.Errorf("hash types %q", got.HashTypes)
	}
	// Every truncation of a valid signature is handled without panicking.
	for n := range good {
		if r := VerifyMachOSignature(good[:n], own); r.SigValid {
			t.Fatalf("truncated at %d verifies", n)
		}
	}
}

// TestMachOSignedEndToEnd rewrites the code signature of real Go-built
// darwin executables: the arm64 one's own CodeDirectory (the Go linker's,
// with its ad-hoc flag cleared) signed with CMS, and an amd64 one, which
// the linker leaves unsigned, given a signature; then a universal binary of
// both, and a tampered one.
func TestMachOSignedEndToEnd(t *testing.T) {
	needTools(t, "go")
	id, own := testIdentity(t, "Test Root", "Developer ID Application: Example (ABCDE12345)", "ABCDE12345")
	_, other := testIdentity(t, "Other Root", "x", "y")
	dir := t.TempDir()
	arm, err := macsigtest.BuildDarwin(dir, "arm64")
	if err != nil {
		t.Fatal(err)
	}
	amd, err := macsigtest.BuildDarwin(dir, "amd64")
	if err != nil {
		t.Fatal(err)
	}
	cd := macsigtest.ExistingCodeDirectory(arm)
	if cd == nil || cd[37] != 2 || cd[15]&2 == 0 {
		t.Fatalf("Go linker CodeDirectory: %x", cd[:min(len(cd), 40)])
	}
	cd[15] &^= 2 // CS_ADHOC off: a real identity signs it
	cms, err := macsigtest.SignCMS(cd, id, macsigtest.HashAgility(cd)...)
	if err != nil {
		t.Fatal(err)
	}
	signedArm, err := macsigtest.ReplaceSignature(arm, macsigtest.SuperBlob(
		macsigtest.Slot{Type: 0, Blob: cd}, macsigtest.Slot{Type: 0x10000, Blob: macsigtest.Wrapper(cms)}))
	if err != nil {
		t.Fatal(err)
	}
	blob, err := macsigtest.Signed(id, 0, "hello")
	if err != nil {
		t.Fatal(err)
	}
	signedAmd, err := macsigtest.ReplaceSignature(amd, blob)
	if err != nil {
		t.Fatal(err)
	}
	for name, exe := range map[string][]byte{"arm64": signedArm, "amd64": signedAmd, "fat": makeFat(signedArm, signedAmd)} {
		info, err := Inspect(exe)
		if err != nil || info.Kind != BinMachO || !info.Signed() || info.AdHocOnly() {
			t.Fatalf("%s: %+v %v", name, info, err)
		}
		for _, sl := range info.Slices {
			if v := sl.VerifySignature(own); !v.SigValid || !v.Chained || v.TeamID != "ABCDE12345" {
				t.Errorf("%s/%s own root: %+v", name, sl.Arch, v)
			}
			if v := sl.VerifySignature(other); !v.SigValid || v.Chained {
				t.Errorf("%s/%s other root: %+v", name, sl.Arch, v)
			}
		}
	}
	// Flip a bit of the CodeDirectory's identifier in the file.
	tampered := append([]byte{}, signedArm...)
	i := bytes.Index(tampered, cd)
	if i < 0 {
		t.Fatal("CodeDirectory not found")
	}
	tampered[i+int(binary.BigEndian.Uint32(cd[20:]))] ^= 1
	info, err := Inspect(tampered)
	if err != nil {
		t.Fatal(err)
	}
	if v := info.Slices[0].VerifySignature(own); v.SigValid || !strings.Contains(v.Err, "message digest") {
		t.Errorf("tampered: %+v", v)
	}
	// The Go linker's own ad-hoc signature has no CMS to verify.
	info, _ = Inspect(arm)
	if v := info.Slices[0].VerifySignature(own); v.Signed || v.Err != "" {
		t.Errorf("ad-hoc: %+v", v)
	}
}
