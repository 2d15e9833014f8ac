// Package signing is tauriaudit's supply-chain domain: it reads git
// history and release artifacts and says what is signed, by whom, and
// whether the signature holds. It knows nothing of rules or findings;
// the TA-GIT, TA-BIN and TA-REL rules in package checks turn its results
// into findings.
//
// Git history: FindRepo opens a repository with a small object reader of
// its own (packs through mmap, loose objects, deltas, alternates) for
// SHA-1 and SHA-256 repositories alike (extensions.objectFormat; what it
// cannot read, such as a SHA-1 compatibility map or reftable refs, is an
// error naming .git/config), and
// Walk streams commits newest first over a range (A..B, since the newest
// tag, all refs) with a commit cap. AuditHistory verifies every commit
// and release tag signature on a worker pool: OpenPGP against an armored
// keyring, SSH against an allowed_signers file (principals, namespaces,
// validity), X.509/gitsign CMS against PEM roots, and searches the trees
// of the walked commits for key material that HEAD no longer has.
//
// Key material: ScanText, CredentialFile and WorkflowLiteralSecret recognise
// Tauri updater secret keys, code-signing credentials and literal
// secrets in GitHub workflows.
//
// Binaries and artifacts: Inspect reads PE, Mach-O (thin and universal)
// and ELF headers; VerifyAuthenticode checks a PE's Authenticode hash and
// PKCS#7 signature; the updater functions decode plugins.updater.pubkey
// and verify minisign signatures as the Tauri updater does; ParseSums
// reads sha256sum files. Package signing/cosign verifies cosign
// sign-blob signatures and bundles with a public key.
package signing
