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
variables of signing tools in env, config and script files. With history read, deleted
credentials that remain in history are reported with their commit.

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
