package secretrules

import (
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"strings"
	"testing"

	"golang.org/x/crypto/ssh"
)

// planted are fake credentials written for these tests in each
// provider's documented format (GitHub and npm tokens with a valid
// checksum); none was ever issued.
var planted = []struct {
	file, content, rule string
	level               Level
}{
	{".env", "AWS_ACCESS_KEY_ID=AKIAQ3TAURIAUDIT7ZZQ\nAWS_SECRET_ACCESS_KEY=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\n", "aws-access-token", Error},
	{"src/lib.rs", `const T: &str = "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";`, "github-pat", Error},
	{"ci.sh", "curl -H 'Authorization: token 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'", "github-pat", Error},
	{"a.ts", `const t = "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"`, "github-fine-grained-pat", Error},
	{".npmrc", "//registry.npmjs.org/:_authToken=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\n", "npm-access-token", Error},
	{"notify.js", `fetch("https://hooks.slack.com/services/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")`, "slack-webhook-url", Error},
	{"bot.py", `SLACK = "xoxb-804163527190-4817302956142-sFd67JikEAvstqVVPqzPptEJ"`, "slack-token", Error},
	{"pay.ts", `const stripe = new Stripe("sk_live_51TxoF54Fzbka8FRCztUjAwyuh1vauWv1zh87mTa5V")`, "stripe-access-token", Error},
	{"pay.test.ts", `const stripe = new Stripe("sk_test_51sqxezy3Lex7BWr2drgd1QsO7jprBGumXxY9B4bZW")`, "stripe-test-token", Note},
	{"gl.yml", "token: glpat-Oz648JJnUfd7UACNWiP3\n", "gitlab-pat", Error},
	{".pypirc", "password = pypi-AgEIcHlwaS5vcmcgCfrL1spNxnyVmihA-2O76UMFxFkM-R5Kjp1vRt_1fjORS-6ilI8ihN5KXSc\n", "pypi-upload-token", Error},
	{"firebase.ts", `apiKey: "AIza7Tvo-hBKqFYY-kv5ZJr3J1TWDtkwtDDb_xH",`, "gcp-api-key", Warning},
	{"ai.rs", `let key = "sk-proj-sajAIxNKu8iS2G8NPRVdD53X83RZJzzzzgEOzdmeT3BlbkFJnCkhvMdgaKjIg8xNbe3nNyjOq9wMxEhh2FDEEtfj";`, "openai-api-key", Error},
	{"claude.ts", `x-api-key: sk-ant-api03-nRH9ucAUsdMlHUvTCQCyEZDz-TddJ8HyS5SUkCnD8zRA9a9SkpXz9w3QlY7Zkuvqdt7s8Stqcbnr3yBdGBLEPH1qhT61qAA`, "anthropic-api-key", Error},
	{"sms.env", "TWILIO_API_KEY=SK40e50454f31af3176813e02ea68ef786\n", "twilio-api-key", Warning},
	{"mail.js", `sg.setApiKey("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")`, "sendgrid-api-token", Error},
	{"bot.js", `client.login("MTA4HNsG9eh6Yo4gfqrc5XlrWi.0B26R0.8qzjI6GKFSufrdZSlB5er8bOfZqfM2oeq3hDav") // discord`, "discord-bot-token", Error},
	{"hook.rs", `"https://discord.com/api/webhooks/1187654321098765432/1IqfEouHgxzNNAL5wIScGebcy8F5n3-YNBDRzrZSgqbjG3uhkWKFLf6xuI5aHUQPFeNB"`, "discord-webhook-url", Error},
	{"tg.py", `bot = Bot("7012345678:AAwlavyfErGPmpGXafq0fjzLczbttOofL9H")`, "telegram-bot-api-token", Error},
	{"appsettings.json", `"Storage": "DefaultEndpointsProtocol=https;AccountName=tauri;AccountKey=tXP/tKsf2rcDkdfrUnW5gcF+Ha6ili8GjHEAD6/Wj9KfzjsQGMrb9h+ImB+LK777pzNk8cL6j5IXAAjlsHUqJo==;EndpointSuffix=core.windows.net"`, "azure-storage-account-key", Error},
	{".env.production", "ANALYTICS_API_KEY=gojjHRg80USP2W5DfJXcaYio\n", "generic-api-key", Warning},
}

// notSecrets look like secrets and are not: public keys, placeholders,
// documentation examples, references, wrong checksums.
var notSecrets = []struct{ file, content string }{
	{".env", "AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\nAWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n"},
	{"a.rs", `"ghp_tauriAuditFakeToken0ghpZq8Lm1W3LrtFw"`}, // checksum off by one
	{"a.rs", `"ghp_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"`},
	{".npmrc", "//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n"},
	{"release.yml", "env:\n  NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}\n  API_KEY: <your-key>\n  SECRET: xxxxxxxxxxxxxxxxxxxx\n"},
	{"README.md", "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX"},
	{"README.md", "Put your key between\n-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----\n"},
	{"README.md", "the file starts with -----BEGIN OPENSSH PRIVATE KEY----- and nothing else"},
	{"src/api.ts", `const API_KEY = "gojjHRg80USP2W5DfJXcaYio"; // generic assignments only count in secret files`},
	{".env", "API_KEY_PATH=/home/me/keys/prod9Key2.json\nTOKEN_URL=https://example.com/token\nSECRET=development\n"},
	{"azurite.env", "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==\n"},
	{"pnpm-lock.yaml", "integrity: sha512-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\n"},
	{"tauri.conf.json", `"pubkey": "dW50cnVzdGVkIGNvbW1lbnQ6IG1pbmlzaWduIHB1YmxpYyBrZXk6IEU3NjIwRjEyNkQ0QkQ0NjYKUldSbTFFdHRFZzlpNTlEcytSSWN3cEhKUjZuRjY0UDJ0cTBOYWJ6bWpsS2hEVjV5Z3F2OUZpV0UK"`},
}

func scanOne(t *testing.T, d *Detector, file, content string) []Match {
	t.Helper()
	return d.Scan(file, []byte(content), "")
}

func TestPlantedFound(t *testing.T) {
	d := NewDetector(Builtin(), nil)
	for _, p := range planted {
		ms := scanOne(t, d, p.file, p.content)
		if len(ms) != 1 || ms[0].RuleID != p.rule || ms[0].Level != p.level {
			t.Errorf("%s: got %+v, want one %s at level %d", p.file, ms, p.rule, p.level)
			continue
		}
		m := ms[0]
		if got := p.content[m.Offset:m.End]; got != m.Secret || !strings.Contains(p.content, m.Secret) || m.Line < 1 {
			t.Errorf("%s: secret %q at %d..%d (line %d) reads %q", p.file, m.Secret, m.Offset, m.End, m.Line, got)
		}
	}
}

func TestNotSecrets(t *testing.T) {
	d := NewDetector(Builtin(), nil)
	for _, n := range notSecrets {
		if ms := scanOne(t, d, n.file, n.content); len(ms) > 0 {
			t.Errorf("%s %q: unexpected %+v", n.file, n.content, ms)
		}
	}
}

func TestAWSKeyAloneIsWarning(t *testing.T) {
	ms := scanOne(t, NewDetector(Builtin(), nil), "deploy.sh", "aws configure set aws_access_key_id AKIAQ3TAURIAUDIT7ZZQ\n")
	if len(ms) != 1 || ms[0].Level != Warning {
		t.Fatalf("got %+v, want one warning", ms)
	}
}

// TestPrivateKeys plants keys made now, in every PEM and OpenSSH form,
// and their public halves, which are not secrets.
func TestPrivateKeys(t *testing.T) {
	rk, _ := rsa.GenerateKey(rand.Reader, 1024)
	ek, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	_, edk, _ := ed25519.GenerateKey(rand.Reader)
	ecDER, _ := x509.MarshalECPrivateKey(ek)
	pk8, _ := x509.MarshalPKCS8PrivateKey(ek)
	sshBlock, err := ssh.MarshalPrivateKey(edk, "throwaway")
	if err != nil {
		t.Fatal(err)
	}
	pubDER, _ := x509.MarshalPKIXPublicKey(&ek.PublicKey)
	enc := func(typ string, der []byte) string {
		return string(pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der}))
	}
	keys := map[string]string{
		"rsa.pem":       enc("RSA PRIVATE KEY", x509.MarshalPKCS1PrivateKey(rk)),
		"ec.key":        enc("EC PRIVATE KEY", ecDER),
		"pkcs8.pem":     enc("PRIVATE KEY", pk8),
		"id_ed25519":    string(pem.EncodeToMemory(sshBlock)),
		"config.json":   `{"key": "` + strings.ReplaceAll(enc("PRIVATE KEY", pk8), "\n", `\n`) + `"}`,
		"encrypted.pem": enc("ENCRYPTED PRIVATE KEY", pk8),
	}
	d := NewDetector(Builtin(), nil)
	for name, k := range keys {
		if ms := scanOne(t, d, name, k); len(ms) != 1 || ms[0].RuleID != "private-key" || ms[0].Level != Error {
			t.Errorf("%s: got %+v", name, ms)
		}
	}
	for name, k := range map[string]string{"pub.pem": enc("PUBLIC KEY", pubDER), "cert.pem": enc("CERTIFICATE", pubDER)} {
		if ms := scanOne(t, d, name, k); len(ms) != 0 {
			t.Errorf("%s: public material reported: %+v", name, ms)
		}
	}
}

// TestMatcherAgainstIndex checks the automaton against a plain search.
func TestMatcherAgainstIndex(t *testing.T) {
	kws := []string{"ghp_", "hp_x", "p_", "key", "akia", "xoxb-", "a"}
	m := newMatcher(kws)
	text := "xGHP_Xkey AKIAxoxb-ghp_p_KeYa"
	want := 0
	for _, k := range kws {
		want += strings.Count(strings.ToLower(text), k)
	}
	hits := m.find([]byte(text), 1000)
	if len(hits) != want {
		t.Fatalf("got %d hits, want %d: %v", len(hits), want, hits)
	}
	for _, h := range hits {
		if got := strings.ToLower(text[h.at : h.at+len(kws[h.kw])]); got != kws[h.kw] {
			t.Errorf("hit %v reads %q", h, got)
		}
	}
}

func TestGenericLeavesExamplesAndDefaults(t *testing.T) {
	d := NewDetector(Builtin(), nil)
	for file, content := range map[string]string{
		".env.example":                "SESSION_SECRET=q8Zt3LmW9xKp2VnR7sYd\n",
		"docker-compose.template.yml": "  NEXTAUTH_SECRET: c7a1e98e1e5e4cec5a3fbf5eaf502d262fb99807ae2be8ee70537409e29cb6f9\n",
		"docker-compose.yml":          "  HOOK_SECRET: ${HOOK_SECRET:-q8Zt3LmW9xKp2VnR7sYd}\n",
	} {
		if ms := scanOne(t, d, file, content); len(ms) != 0 {
			t.Errorf("%s: %+v", file, ms)
		}
	}
	// A provider's token in an example file is still a leak.
	if ms := scanOne(t, d, ".env.example", "NPM=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\n"); len(ms) != 1 {
		t.Errorf("npm token in .env.example: %+v", ms)
	}
}
