package signing

import (
	"os"
	"strings"
	"testing"

	"github.com/tauriaudit/tauriaudit/signing/secretrules"
)

func TestPasswordSettings(t *testing.T) {
	data := "export WINDOWS_CERTIFICATE_PASSWORD=Fake-Win-Pass-2\n" +
		"  certificatePassword: \"s3cret pass\"\n" +
		`  "storePassword": "hunter2",` + "\n" +
		"APPLE_PASSWORD=${{ secrets.APPLE_PASSWORD }}\n" +
		"KEY_PASSWORD=\n" +
		"TOKEN=not-a-password\n"
	var got []string
	for _, c := range PasswordSettings("x", []byte(data)) {
		got = append(got, c.Value)
	}
	if strings.Join(got, "|") != "Fake-Win-Pass-2|s3cret pass|hunter2" {
		t.Errorf("PasswordSettings = %q", got)
	}
	side := SideFileLines("p.txt", []byte("Fake-Tauri-Pass-1\n\n"))
	if len(side) != 1 || side[0].Value != "Fake-Tauri-Pass-1" || side[0].Line != 1 {
		t.Errorf("SideFileLines = %+v", side)
	}
	if SideFileLines("big.txt", make([]byte, 5000)) != nil {
		t.Error("a large file is not a password file")
	}
}

func TestJudgePKCS12(t *testing.T) {
	read := func(n string) []byte {
		b, err := os.ReadFile("../testdata/signing/pkcs12/" + n)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	wrong := PasswordCandidate{Path: "a.txt", Line: 1, Value: "hunter2"}
	right := PasswordCandidate{Path: ".env", Line: 3, Value: "Fake-Tauri-Pass-1"}
	h, ok := JudgePKCS12("c/app.p12", read("key-aes.p12"), []PasswordCandidate{wrong, right})
	if !ok || h.Level != secretrules.Error || len(h.Related) != 1 || h.Related[0].Path != ".env" || !strings.Contains(h.What, ".env:3") {
		t.Errorf("with its password: %+v, %v", h, ok)
	}
	if h, ok := JudgePKCS12("c/app.p12", read("key-aes.p12"), []PasswordCandidate{wrong}); !ok || h.Level != secretrules.Warning || h.Related != nil {
		t.Errorf("without its password: %+v, %v", h, ok)
	}
	if h, ok := JudgePKCS12("c/ca.p12", read("cert-only.p12"), []PasswordCandidate{right}); ok {
		t.Errorf("certificates only: %+v", h)
	}
	if h, ok := JudgePKCS12("c/ca.p12", read("cert-only.p12"), nil); !ok || h.Level != secretrules.Warning {
		t.Errorf("encrypted certificates, no password: %+v, %v (unknown content stays a warning)", h, ok)
	}
	if h, ok := JudgePKCS12("c/lfs.pfx", []byte("version https://git-lfs.github.com/spec/v1\n"), nil); !ok || h.What != "PKCS#12 certificate and private key" {
		t.Errorf("not PKCS#12: %+v, %v", h, ok)
	}
}
