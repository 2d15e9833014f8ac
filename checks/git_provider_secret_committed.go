package checks

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"

	"github.com/tauriaudit/tauriaudit/rules"
	"github.com/tauriaudit/tauriaudit/signing"
	"github.com/tauriaudit/tauriaudit/signing/secretrules"
)

// ProviderSecretCommitted reports cloud, SaaS and API credentials and
// private keys in tracked files and history.
var ProviderSecretCommitted = &rules.Rule{
	ID:       "TA-GIT-007",
	Name:     "provider-secret-committed",
	Title:    "a provider credential or private key is committed",
	Level:    rules.Error,
	Severity: 8.6,
	Tags:     []string{"git"},
	CWE:      []int{798, 312},
	Doc: `A credential in the repository is public to everyone who can read it, and stays in history after
it is deleted. Found by a built-in table of detectors written from each provider's documented token
format (signing/secretrules/builtin.toml names the source of each): AWS access keys (an error when
the secret access key is next to the id, else a warning), GitHub tokens (ghp_/gho_/ghu_/ghs_/ghr_,
verified by the CRC-32 checksum in their last six characters; github_pat_), GitLab glpat-/glrt-/gldt-,
Slack tokens and webhooks, Stripe live keys (test keys are notes), npm tokens (checksum verified),
PyPI tokens, OpenAI, Anthropic, SendGrid, Discord bot tokens and webhooks, Telegram bot tokens,
Azure storage account keys, and PEM/OpenSSH/PGP private keys whose body decodes. Google API keys
and Twilio API key SIDs are warnings: browser keys are meant to ship (restricted by referrer and
API), and a key SID is half of a credential. Credential-like assignments of random-looking values
(` + "`api_key = \"…\"`" + `, ` + "`SECRET=…`" + `) are warnings, and only in .env, config and CI files.

Every text file of the tree is searched (lockfiles are not); with history read (release mode or a
--git-* range), config, env, script and source blobs of every audited commit too, and each distinct
secret is one finding with its first and last commit and how many commits hold it. A repository's
own .gitleaks.toml adds its rules (gitleaks' format: regex, secretGroup, entropy, keywords, path)
and its allowlists (regexes, paths, stopwords, commits, regexTarget, condition) apply to every
detector; extend.disabledRules turns detectors off by their gitleaks-style id, and .gitleaksignore
fingerprints (file:rule:line, commit:file:rule:line) drop single findings. A pattern that does not
compile is reported by TA-CFG-000 at its line.

**Fix:** revoke the credential at the provider first (deleting the file does not un-publish it),
then remove it and keep the new one in a secret store or CI secret.

**False positives:** public keys and certificates, documentation examples (AKIAIOSFODNN7EXAMPLE),
placeholders (xxxx, <your-key>, ${VAR}, ${{ secrets.X }}) and tokens whose checksum does not match
are not reported. Findings under test/fixture folders are notes.`,
	Run: func(pass *rules.Pass) error {
		reportSecrets(pass, signing.ProviderSecret)
		return nil
	},
}

// providerFinding names the provider and the detector, shows only the
// start of the secret, and sets the level the detector judged.
func providerFinding(h signing.SecretHit, f rules.Finding, where string) rules.Finding {
	sum := sha256.Sum256([]byte(h.Identity))
	f.Subject = h.Rule + ":" + hex.EncodeToString(sum[:4])
	f.Message = fmt.Sprintf("%s (%s, %s): %s", h.What, h.Provider, h.Rule, h.Shown)
	if h.Detail != "" {
		f.Message += ", " + h.Detail
	}
	if h.Custom {
		f.Message += " [.gitleaks.toml]"
	}
	f.Message += where
	switch h.Level {
	case secretrules.Warning:
		f.Level = rules.Warning
	case secretrules.Note:
		f.Level = rules.Note
	}
	if h.Fixture {
		f.Level = rules.Note
		f.Message += " (under a test/fixture folder)"
	}
	return f
}
