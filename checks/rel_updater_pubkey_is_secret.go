package checks

import (
	"github.com/tauriaudit/tauriaudit/rules"
	"github.com/tauriaudit/tauriaudit/signing"
)

// UpdaterPubkeyIsSecret reports a secret key in plugins.updater.pubkey.
var UpdaterPubkeyIsSecret = &rules.Rule{
	ID:       "TA-REL-003",
	Name:     "updater-pubkey-is-secret",
	Title:    "the updater pubkey is a secret key",
	Level:    rules.Error,
	Severity: 9.5,
	Tags:     []string{"release"},
	CWE:      []int{321},
	Doc: `plugins.updater.pubkey decodes to a minisign/rsign secret key box ("encrypted secret key")
instead of "untrusted comment: minisign public key". The signing secret is then in the config
and in every shipped binary, and anyone can sign updates.

**Fix:** rotate immediately (see TA-GIT-004) and put the base64 of the .pub file in pubkey.`,
	Run: func(pass *rules.Pass) error {
		for _, t := range pass.Project.Targets {
			n := updaterOf(t).Field("pubkey")
			if s, ok := n.Str(); ok {
				if _, issue, detail := signing.DecodeUpdaterPubkey(s); issue == signing.PubkeySecret {
					pass.ReportOn(t, rules.Finding{Location: n.Location(), Subject: "pubkey", Message: detail})
				}
			}
		}
		return nil
	},
}
