package pkcs12

import (
	"bytes"
	"os"
	"testing"
	"time"

	"github.com/tauriaudit/tauriaudit/internal/testenv"
	"golang.org/x/crypto/cryptobyte"
	"golang.org/x/crypto/cryptobyte/asn1"
)

// pfxOf wraps an authenticated safe's DER in a PFX without a MAC.
func pfxOf(authSafe []byte) []byte {
	var b cryptobyte.Builder
	b.AddASN1(asn1.SEQUENCE, func(b *cryptobyte.Builder) {
		b.AddASN1Int64(3)
		b.AddASN1(asn1.SEQUENCE, func(b *cryptobyte.Builder) {
			b.AddASN1ObjectIdentifier(oidData)
			b.AddASN1(asn1.Tag(0).Constructed().ContextSpecific(), func(b *cryptobyte.Builder) {
				b.AddASN1OctetString(authSafe)
			})
		})
	})
	return b.BytesOrPanic()
}

// TestHostileDER: nested bags past the depth limit, many expensive
// encrypted parts, truncated files. Each is judged quickly, never panics.
func TestHostileDER(t *testing.T) {
	// SafeContents nested 1,000 deep inside one data part.
	inner := []byte{0x30, 0x00}
	for range 1000 {
		var b cryptobyte.Builder
		b.AddASN1(asn1.SEQUENCE, func(b *cryptobyte.Builder) {
			b.AddASN1(asn1.SEQUENCE, func(b *cryptobyte.Builder) {
				b.AddASN1ObjectIdentifier(oidSafeContents)
				b.AddASN1(asn1.Tag(0).Constructed().ContextSpecific(), func(b *cryptobyte.Builder) { b.AddBytes(inner) })
			})
		})
		inner = b.BytesOrPanic()
		if len(inner) > MaxSize/2 {
			break
		}
	}
	var safe cryptobyte.Builder
	safe.AddASN1(asn1.SEQUENCE, func(b *cryptobyte.Builder) {
		b.AddASN1(asn1.SEQUENCE, func(b *cryptobyte.Builder) {
			b.AddASN1ObjectIdentifier(oidData)
			b.AddASN1(asn1.Tag(0).Constructed().ContextSpecific(), func(b *cryptobyte.Builder) { b.AddASN1OctetString(inner) })
		})
	})
	deep := pfxOf(safe.BytesOrPanic())

	// 200 copies of a real file's PBES2 part, each set to the iteration bound.
	real, err := os.ReadFile("../../testdata/signing/pkcs12/cert-only.p12")
	if err != nil {
		t.Fatal(err)
	}
	f, err := Parse(real)
	if err != nil {
		t.Fatal(err)
	}
	many := &File{}
	for range 200 {
		many.parts = append(many.parts, f.parts[0])
	}

	clock := testenv.StartCPU()
	pw := "x"
	if fd, err := Parse(deep); err == nil {
		if has, known := fd.HasPrivateKey(&pw); has || known {
			t.Errorf("deep nesting: %v, %v; want unknown", has, known)
		}
	}
	if has, known := many.HasPrivateKey(&pw); has || known {
		t.Errorf("wrong password on 200 parts: %v, %v", has, known)
	}
	for i := range len(real) {
		if g, err := Parse(real[:i]); err == nil {
			g.Opens("x")
			g.HasPrivateKey(&pw)
		}
	}
	flipped := bytes.Clone(real)
	for i := 0; i < len(flipped); i += 5 {
		flipped[i] ^= 0xff
		if g, err := Parse(flipped); err == nil {
			g.Opens("x")
			g.HasPrivateKey(&pw)
		}
		flipped[i] ^= 0xff
	}
	if d := clock.Elapsed(); d > testenv.CPULimit(3*time.Second) {
		t.Errorf("hostile inputs took %v", d)
	}
}

func FuzzPFX(f *testing.F) {
	for _, n := range []string{"key-aes.p12", "key-3des.pfx", "cert-only.p12", "cert-only-plain.p12"} {
		if data, err := os.ReadFile("../../testdata/signing/pkcs12/" + n); err == nil {
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := Parse(data)
		if err != nil {
			return
		}
		pw := "Fake-Tauri-Pass-1"
		p.Opens(pw)
		p.HasPrivateKey(&pw)
		p.HasPrivateKey(nil)
	})
}
