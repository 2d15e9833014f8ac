package checks

import (
	"github.com/tauriaudit/tauriaudit/rules"
	"github.com/tauriaudit/tauriaudit/signing"
)

// SigningCredentialCommitted reports code-signing certificates, keystores
// and signing passwords in tracked files and history.
var SigningCredentialCommitted = &rules.Rule{
	ID:       "TA-GIT-005",
	Name:     "signing-credential-committed",
	Title:    "a code-signing credential is committed",
	Level:    rules.Error,
	Severity: 8.8,
	Tags:     []string{"git"},
	CWE:      []int{798, 522},
	Doc: `A stolen code-signing identity signs malware as you. Reported: .p12/.pfx certificate bundles
(Apple and Windows), .p8 App Store Connect API keys, .jks/.keystore Java/Android keystores and
.snk strong-name keys, found by name; Android key.properties storePassword/keyPassword; and
literal values assigned to APPLE_PASSWORD, APPLE_CERTIFICATE(_PASSWORD), APPLE_API_KEY,
TAURI_SIGNING_PRIVATE_KEY_PASSWORD, AZURE_CLIENT_SECRET and other *_PASSWORD, *_SECRET and *_PIN
variables of signing tools in env, config and script files. A .p12/.pfx is read as PKCS#12: when a
password committed beside it (a small text file in its folder) or in the repository's env files,
workflows or Tauri configs opens it (its integrity MAC verifies, tried in-process with a bounded
iteration count), it is an error naming the password's place too; a bundle with a private key, or
with encrypted parts, whose password is not found is a warning; a bundle of certificates only is not
reported. A .p12/.pfx that is not PKCS#12 DER (a Git LFS pointer, a BER export) is reported by its
name. With history read, deleted credentials that remain in history are reported with their commit
(found by name).

**Fix:** remove the file, revoke or rotate the credential, and keep it in a secret manager or HSM.

Bad (.env):

~~~
APPLE_CERTIFICATE_PASSWORD=hunter2
~~~

Good:

~~~
APPLE_CERTIFICATE_PASSWORD=${APPLE_CERTIFICATE_PASSWORD}
~~~

**False positives:** certificateThumbprint, APPLE_SIGNING_IDENTITY, APPLE_TEAM_ID and APPLE_ID are
identifiers, not secrets. Encrypted blobs for CI (sops, age) may be allowlisted with an ignore.
Files under test/fixture folders are reported as warnings.`,
	Run: func(pass *rules.Pass) error {
		reportSecrets(pass, signing.SigningCredential)
		return nil
	},
}
