package signing

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const updaterFixtures = "../testdata/signing/updater"

func readFixture(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(updaterFixtures, name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// The fixtures come from the real Tauri CLI (tauri signer generate/sign)
// and minisign; see scripts/gen-signing-fixtures.sh.
func TestUpdaterSignatures(t *testing.T) {
	pk, issue, detail := DecodeUpdaterPubkey(readFixture(t, "pubkey.txt"))
	if issue != PubkeyOK {
		t.Fatalf("pubkey: %v %s", issue, detail)
	}
	for _, c := range []struct {
		file     string
		ok       bool
		wrongKey bool
		legacy   bool
	}{
		{"app_1.0.0_amd64.AppImage", true, false, false},
		{"app_1.0.0_x64-setup.exe", true, false, true},
		{"app_1.0.0_x64_en-US.msi", false, false, false},
		{"app.app.tar.gz", false, true, false},
	} {
		art := filepath.Join(updaterFixtures, "artifacts", c.file)
		res, err := VerifyUpdaterFile(pk, []byte(readFixture(t, "artifacts/"+c.file+".sig")), art)
		if err != nil || res.Malformed != "" {
			t.Fatalf("%s: %v %s", c.file, err, res.Malformed)
		}
		if res.OK != c.ok || res.WrongKey != c.wrongKey || res.Legacy != c.legacy {
			t.Errorf("%s: got %+v, want ok=%v wrongKey=%v legacy=%v", c.file, res, c.ok, c.wrongKey, c.legacy)
		}
	}
}

func TestDecodeUpdaterPubkey(t *testing.T) {
	pub := strings.TrimSpace(readFixture(t, "pubkey.txt"))
	for _, c := range []struct {
		in   string
		want PubkeyIssue
	}{
		{pub, PubkeyOK},
		{"", PubkeyEmpty},
		{"YOUR_PUBKEY_HERE", PubkeyPlaceholder},
		{"dW50cnVzdGVkIGNvbW1lbnQ6IHJzaWduIGVuY3J5cHRlZCBzZWNyZXQga2V5ClJXUlRZMEl5", PubkeySecret},
		{"untrusted comment: minisign encrypted secret key\nRWRTY0Iyabc", PubkeySecret},
		{"RWSLevhG22gYtby5cBJ/Rvty4Bn8vgAbsJoJiEHJTYthU16hANYRBz7u", PubkeyMalformed},
		{"not base64!", PubkeyMalformed},
		{"aGVsbG8=", PubkeyMalformed},
	} {
		if _, got, detail := DecodeUpdaterPubkey(c.in); got != c.want {
			t.Errorf("%.30q: got %v (%s), want %v", c.in, got, detail, c.want)
		}
	}
}

// TestSecretPrefilterCoversNames: every name the secret patterns accept
// passes the cheap line prefilter, or ScanText would miss it.
func TestSecretPrefilterCoversNames(t *testing.T) {
	for _, name := range []string{"TAURI_SIGNING_PRIVATE_KEY", "TAURI_PRIVATE_KEY", "TAURI_SIGNING_PRIVATE_KEY_PASSWORD",
		"APPLE_PASSWORD", "APPLE_CERTIFICATE", "APPLE_API_KEY", "AZURE_CLIENT_SECRET", "WINDOWS_CERTIFICATE_PASSWORD",
		"ANDROID_KEY_PASSWORD", "KEYSTORE_PASSWORD", "SIGNING_SECRET", "CODESIGN_PIN", "CODE_SIGNING_PASSWORD",
		"SM_API_SECRET", "SIGNTOOL_PASSWORD"} {
		if SecretVariable(name) == 0 {
			t.Errorf("%s is not classified as a secret", name)
		}
		if !namesSecretVariable([]byte(name+"=x"), secretVarPrefixes) {
			t.Errorf("%s is dropped by the prefilter", name)
		}
	}
}
