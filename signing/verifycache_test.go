package signing

import (
	"bytes"
	"encoding/pem"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/ProtonMail/go-crypto/openpgp"
	"github.com/ProtonMail/go-crypto/openpgp/packet"
)

// loadedTrust reloads signedRepo's trust material from files, as the CLI
// does, so that it has a fingerprint.
func loadedTrust(t *testing.T, e *testEnv, trust *Trust) *Trust {
	var roots bytes.Buffer
	for _, c := range trust.X509Certs {
		pem.Encode(&roots, &pem.Block{Type: "CERTIFICATE", Bytes: c.Raw})
	}
	x509 := ""
	if roots.Len() > 0 {
		x509 = e.write("roots.pem", roots.String())
	}
	lt, err := LoadTrust(filepath.Join(e.dir, "keys.asc"), filepath.Join(e.dir, "allowed_signers"), x509)
	if err != nil {
		t.Fatal(err)
	}
	return lt
}

type auditSummary struct {
	counts   map[Status]int
	problems []string
	tags     []string
}

func summarise(a *Audit) auditSummary {
	s := auditSummary{counts: a.Counts}
	for _, p := range a.Problems {
		s.problems = append(s.problems, p.ID.String()+" "+p.Verdict.Status.String()+" "+p.Verdict.Detail)
	}
	for _, tg := range a.Tags {
		s.tags = append(s.tags, tg.Name+" "+tg.Verdict.Status.String())
	}
	return s
}

// A second audit with the cache verifies nothing it verified good before
// and reports exactly what the first one did.
func TestVerifyCacheRepeatsVerdicts(t *testing.T) {
	e, trust0, want := signedRepo(t)
	trust := loadedTrust(t, e, trust0)
	r, err := FindRepo(e.repo)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	dir := t.TempDir()
	audit := func() (*Audit, *VerifyCache) {
		c, err := OpenVerifyCache(dir, trust)
		if err != nil || c == nil {
			t.Fatalf("OpenVerifyCache = %v, %v", c, err)
		}
		a, err := AuditHistory(r, AuditOptions{Walk: WalkOptions{All: true}, Trust: trust, Cache: c})
		if err != nil {
			t.Fatal(err)
		}
		if err := c.Save(); err != nil {
			t.Fatal(err)
		}
		return a, c
	}
	plain, err := AuditHistory(r, AuditOptions{Walk: WalkOptions{All: true}, Trust: trust})
	if err != nil {
		t.Fatal(err)
	}
	first, c1 := audit()
	second, c2 := audit()
	goods := plain.Counts[StatusGood]
	if goods < 3 {
		t.Fatalf("only %d good commits in the fixture (want has %d entries)", goods, len(want))
	}
	if c1.Learnt() != goods || len(c1.known) != 0 {
		t.Errorf("first run learnt %d (knew %d), want %d good commits", c1.Learnt(), len(c1.known), goods)
	}
	if c2.Learnt() != 0 || len(c2.known) != goods {
		t.Errorf("second run learnt %d and knew %d, want 0 and %d", c2.Learnt(), len(c2.known), goods)
	}
	for name, a := range map[string]*Audit{"first": first, "second": second} {
		if got, want := summarise(a), summarise(plain); !equalSummary(got, want) {
			t.Errorf("%s cached audit differs:\n got %+v\nwant %+v", name, got, want)
		}
	}
}

func equalSummary(a, b auditSummary) bool {
	if len(a.counts) != len(b.counts) {
		return false
	}
	for k, v := range a.counts {
		if b.counts[k] != v {
			return false
		}
	}
	return slices.Equal(a.problems, b.problems) && slices.Equal(a.tags, b.tags)
}

// Other trust material, trust built in code, and a fixed clock get no
// shared cache.
func TestVerifyCacheKeyedByTrust(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(content), 0o600)
		return p
	}
	a, err := LoadTrust("", write("a", "x@example.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGq1v2pXbG3bLKaY7QKmFqn0X6vQ2yq0pVQ1wVf1q1Kk\n"), "")
	if err != nil {
		t.Fatal(err)
	}
	b, err := LoadTrust("", write("b", "y@example.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGq1v2pXbG3bLKaY7QKmFqn0X6vQ2yq0pVQ1wVf1q1Kk\n"), "")
	if err != nil {
		t.Fatal(err)
	}
	ca, _ := OpenVerifyCache(dir, a)
	cb, _ := OpenVerifyCache(dir, b)
	if ca == nil || cb == nil || ca.path == cb.path || ca.trust == cb.trust {
		t.Fatalf("caches for different allowed_signers share a file: %v %v", ca, cb)
	}
	ca.remember(objectKey([]byte("commit")), time.Time{})
	if err := ca.Save(); err != nil {
		t.Fatal(err)
	}
	if again, _ := OpenVerifyCache(dir, a); !again.good(objectKey([]byte("commit")), time.Now()) {
		t.Error("entry not read back")
	}
	if again, _ := OpenVerifyCache(dir, b); again.good(objectKey([]byte("commit")), time.Now()) {
		t.Error("entry leaked to other trust material")
	}
	fixed := *a
	fixed.Now = time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	built := &Trust{SSH: a.SSH}
	for name, tr := range map[string]*Trust{"fixed clock": &fixed, "built in code": built, "nil": nil} {
		if c, err := OpenVerifyCache(dir, tr); c != nil || err != nil {
			t.Errorf("%s: got a cache (%v, %v)", name, c, err)
		}
	}
}

// Lapsed entries are neither trusted nor written back; damaged files
// are ignored.
func TestVerifyCacheLapseAndDamage(t *testing.T) {
	dir := t.TempDir()
	tr := &Trust{fp: [32]byte{1}}
	c, _ := OpenVerifyCache(dir, tr)
	now := time.Now()
	soon, later, past := objectKey([]byte("soon")), objectKey([]byte("later")), objectKey([]byte("past"))
	c.remember(soon, now.Add(2*time.Second))
	c.remember(later, now.Add(time.Hour))
	c.remember(past, now.Add(-time.Hour))
	if c.Learnt() != 2 {
		t.Errorf("learnt %d, want 2 (a lapsed verdict is not kept)", c.Learnt())
	}
	if err := c.Save(); err != nil {
		t.Fatal(err)
	}
	c, _ = OpenVerifyCache(dir, tr)
	if !c.good(soon, now) || !c.good(later, now) || c.good(past, now) {
		t.Error("entries not read back as saved")
	}
	if c.good(soon, now.Add(3*time.Second)) {
		t.Error("an entry past its lapse time still counts")
	}
	data, _ := os.ReadFile(c.path)
	for name, d := range map[string][]byte{
		"torn record":  data[:len(data)-5],
		"wrong magic":  append([]byte("XX"), data[2:]...),
		"empty":        nil,
		"random bytes": bytes.Repeat([]byte{0xA5}, 1000),
	} {
		os.WriteFile(c.path, d, 0o600)
		got, err := OpenVerifyCache(dir, tr)
		if err != nil || got == nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if name != "torn record" && len(got.known) != 0 {
			t.Errorf("%s: read %d entries from a damaged file", name, len(got.known))
		}
	}
}

// A good verdict from a key or signature that expires lapses then.
func TestPGPGoodUntil(t *testing.T) {
	created := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	cfg := &packet.Config{Time: func() time.Time { return created }, KeyLifetimeSecs: 86400 * 30, SigLifetimeSecs: 86400 * 7}
	ent, err := openpgp.NewEntity("Expiring", "", "exp@example.com", cfg)
	if err != nil {
		t.Fatal(err)
	}
	var sig bytes.Buffer
	if err := openpgp.DetachSign(&sig, ent, bytes.NewReader([]byte("payload")), cfg); err != nil {
		t.Fatal(err)
	}
	verifyAt := &packet.Config{Time: func() time.Time { return created.Add(time.Hour) }}
	s, signer, err := openpgp.VerifyDetachedSignature(openpgp.EntityList{ent}, bytes.NewReader([]byte("payload")), &sig, verifyAt)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := pgpGoodUntil(s, signer), created.Add(7*24*time.Hour); !got.Equal(want) {
		t.Errorf("until = %v, want the signature's expiry %v", got, want)
	}
	s.SigLifetimeSecs = nil
	if got, want := pgpGoodUntil(s, signer), created.Add(30*24*time.Hour); !got.Equal(want) {
		t.Errorf("until = %v, want the key's expiry %v", got, want)
	}
	signer.Revocations = append(signer.Revocations, s)
	if got := pgpGoodUntil(s, signer); !got.Equal(doNotCache) {
		t.Errorf("revoked key: until = %v, want no caching", got)
	}
}
