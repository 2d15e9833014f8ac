package pkcs12

import (
	"errors"
	"os"
	"testing"
	"time"
)

func load(t *testing.T, name string) *File {
	t.Helper()
	data, err := os.ReadFile("../../testdata/signing/pkcs12/" + name)
	if err != nil {
		t.Fatal(err)
	}
	f, err := Parse(data)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return f
}

func TestOpensAndKeys(t *testing.T) {
	for _, tc := range []struct {
		file, right string
		hasKey      bool
	}{
		{"key-aes.p12", "Fake-Tauri-Pass-1", true},
		{"key-3des.pfx", "Fake-Win-Pass-2", true},
		{"key-nopass.p12", "", true},
		{"cert-only.p12", "Fake-Tauri-Pass-1", false},
		{"cert-only-plain.p12", "Fake-Tauri-Pass-1", false},
	} {
		f := load(t, tc.file)
		if opens, ok := f.Opens(tc.right); !opens || !ok {
			t.Errorf("%s: Opens(right) = %v, %v", tc.file, opens, ok)
		}
		if opens, ok := f.Opens("hunter2"); opens || !ok {
			t.Errorf("%s: Opens(wrong) = %v, %v", tc.file, opens, ok)
		}
		pw := tc.right
		if has, known := f.HasPrivateKey(&pw); has != tc.hasKey || !known {
			t.Errorf("%s: HasPrivateKey(right) = %v, %v; want %v, true", tc.file, has, known, tc.hasKey)
		}
	}
	// Without the password: OpenSSL leaves the key bag (shrouded) in the
	// clear part, so it is seen; encrypted certificates stay unknown.
	if has, _ := load(t, "key-aes.p12").HasPrivateKey(nil); !has {
		t.Error("key-aes.p12: the shrouded key bag is visible without the password")
	}
	if has, known := load(t, "cert-only.p12").HasPrivateKey(nil); has || known {
		t.Errorf("cert-only.p12 without password = %v, %v; want unknown", has, known)
	}
	if has, known := load(t, "cert-only-plain.p12").HasPrivateKey(nil); has || !known {
		t.Errorf("cert-only-plain.p12 without password = %v, %v; want no key, known", has, known)
	}
}

func TestIterationBound(t *testing.T) {
	f := load(t, "key-iter.p12")
	start := time.Now()
	if opens, ok := f.Opens("Fake-Tauri-Pass-1"); opens || ok {
		t.Errorf("2,000,000 MAC iterations: Opens = %v, %v; want not tried", opens, ok)
	}
	if d := time.Since(start); d > 100*time.Millisecond {
		t.Errorf("not trying took %v", d)
	}
}

func TestNotPFX(t *testing.T) {
	for _, in := range [][]byte{nil, []byte("binary\n"), []byte("version https://git-lfs.github.com/spec/v1\n"),
		{0x30, 0x03, 0x02, 0x01, 0x02}, // version 2
		{0x30, 0x84, 0xff, 0xff, 0xff, 0xff}} {
		if _, err := Parse(in); !errors.Is(err, ErrNotPFX) {
			t.Errorf("Parse(%q) = %v, want ErrNotPFX", in, err)
		}
	}
}
