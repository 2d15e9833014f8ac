package checks

import (
	"github.com/tauriaudit/tauriaudit/rules"
	"github.com/tauriaudit/tauriaudit/signing"
)

// UpdaterPubkeyMalformed reports an empty or undecodable updater pubkey.
var UpdaterPubkeyMalformed = &rules.Rule{
	ID:       "TA-REL-004",
	Name:     "updater-pubkey-malformed",
	Title:    "the updater pubkey is missing or not a minisign public key",
	Level:    rules.Warning,
	Severity: 4.0,
	Tags:     []string{"release"},
	CWE:      []int{347},
	Doc: `The updater plugin is configured but pubkey is absent, empty, a placeholder, or not base64 of
a minisign public key file (Tauri decodes the base64, then reads the key from the last line).
Updates then fail closed, or the wrong key ships after a rotation. With --artifacts, updater
signatures made by another key id are reported by TA-REL-005.

**Fix:** put the output of ` + "`base64 -w0 myapp.key.pub`" + ` (what tauri signer generate prints) in pubkey.

**False positives:** a pubkey injected at build time with --config; check the merged config.`,
	Run: func(pass *rules.Pass) error {
		for _, t := range pass.Project.Targets {
			u := updaterOf(t)
			if u == nil || u.IsNull() {
				continue
			}
			n := u.Field("pubkey")
			if n == nil {
				pass.ReportOn(t, rules.Finding{Location: t.Config.AbsentLocation("plugins", "updater", "pubkey"), Subject: "pubkey",
					Message: "the updater has no pubkey"})
				continue
			}
			_, issue, detail := signing.DecodeUpdaterPubkey(n.String())
			if issue != signing.PubkeyOK && issue != signing.PubkeySecret {
				pass.ReportOn(t, rules.Finding{Location: n.Location(), Subject: "pubkey", Message: detail})
			}
		}
		return nil
	},
}
