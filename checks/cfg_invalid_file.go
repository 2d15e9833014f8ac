package checks

import "github.com/tauriaudit/tauriaudit/rules"

// InvalidFile reports input files the loader could not use.
var InvalidFile = &rules.Rule{
	ID:       "TA-CFG-000",
	Name:     "invalid-file",
	Title:    "an input file cannot be read or parsed",
	Level:    rules.Error,
	Severity: 7.0,
	Tags:     []string{"config"},
	Doc: `A configuration, capability, permission or dependency file could not be read or parsed, so
the parts of the audit that depend on it are incomplete. Tauri itself usually fails to build
with the same file (for example a syntax error, a byte-order mark, or nesting deeper than
serde_json's limit of 128). A config, capability or permission file that Tauri would read but
the scan could not audit is an error too: one over the size limit, one whose name is not valid
UTF-8, or a capabilities or permissions folder reached through a symlink (Tauri's build follows
it, the scan does not), since otherwise padding or moving a file would hide what it grants.

The app config is also checked the way the Tauri CLI checks it before building: against the
config schema of the tauri release the app locks in Cargo.lock (the newest known when none is
locked, the nearest lower known release when the locked one is not known; the message says so),
after applying the serde aliases tauri-utils accepts (` + "`[bundle.macos]`, `hardened-runtime`, `install-icon`" + `).
An unknown key (with the closest real key when it looks like a typo), a value of the wrong type,
a missing required key, or a key set twice under its name and its alias is an error, since
` + "`tauri build`" + ` rejects it. A key in a part of the config Tauri reads without rejecting unknown
keys (asset-protocol and fs scopes, hook commands) is a warning: Tauri ignores it, so the setting
the author meant is not applied.

Warnings cover files Tauri accepts but that hide something, such as a duplicate key (Tauri keeps
only the last value) or a symlink that leads outside the scanned tree (never followed), and
inputs the scan could use only in part: other files over the size limit, or a git repository
with commits that cannot be read (the history audit is incomplete). A file with more than 1000
problems lists the first 1000 and says that the rest were cut.

**Fix:** correct the file at the position given. Files over the size limit can be audited with
a larger ` + "`--max-file-size`" + `; documents of more than 1,048,576 values are not parsed.`,
	Run:   invalidFile,
	Final: true,
}

func invalidFile(pass *rules.Pass) error {
	// Problems belong to the whole scan; the runner drops the copies other
	// apps of a monorepo report.
	for _, pr := range pass.Project.Problems() {
		pass.Report(rules.Finding{Location: pr.Loc, Level: pr.Level, Message: pr.Msg, Subject: pr.Msg})
	}
	return nil
}
