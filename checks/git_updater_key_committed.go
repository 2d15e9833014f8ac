package checks

import (
	"github.com/tauriaudit/tauriaudit/rules"
	"github.com/tauriaudit/tauriaudit/signing"
)

// UpdaterKeyCommitted reports Tauri updater secret keys in tracked files
// and in history.
var UpdaterKeyCommitted = &rules.Rule{
	ID:       "TA-GIT-004",
	Name:     "updater-key-committed",
	Title:    "a Tauri updater secret key is committed",
	Level:    rules.Error,
	Severity: 9.3,
	Tags:     []string{"git"},
	CWE:      []int{321, 798},
	Doc: `Whoever holds the updater secret key can sign updates that every installed copy of the app
will accept, and Tauri has no built-in revocation. The key is found as the minisign/rsign box
("untrusted comment: rsign encrypted secret key"), as Tauri stores it (base64 of that box, which
starts ` + "`dW50cnVzdGVkIGNvbW1lbnQ6IHJzaWduIGVuY3J5cHRlZCBzZWNyZXQga2V5`" + `), or as a literal value
assigned to TAURI_SIGNING_PRIVATE_KEY / TAURI_PRIVATE_KEY in env, config and script files.

Config, env, script and key files of the scanned tree are searched for all three forms; every
other text file (source code, docs; not images, fonts, archives or binaries) for a whole key: the
marker followed by the key body, so text that only quotes the well-known prefix is not reported.
When history is read (release mode or a --git-* range), the config, env, script and key blobs of
every audited commit are searched too, and keys that were deleted but remain in history are
reported with the commit that still holds them; other history blobs are not.

**Fix:** rotate the key: ship one last update signed with the old key that carries the new
public key, purge the old key from history, keep the new one in a CI secret or HSM.

**False positives:** public keys ("minisign public key") and .sig files are public. Keys under
test/fixture folders are reported as warnings. A password-protected key is still a secret.`,
	Run: func(pass *rules.Pass) error {
		reportSecrets(pass, signing.UpdaterKey)
		return nil
	},
}
