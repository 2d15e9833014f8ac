package rules

// Settings are the scan options rules may read. They come from flags and
// the config file, never from environment variables.
type Settings struct {
	// Mode is "" (normal), "precommit" or "release".
	Mode string

	// Git history: at most one of Range ("A..B"), SinceTag and All.
	GitRange    string
	GitSinceTag bool
	GitAll      bool
	MaxCommits  int // 0 = no limit
	// ReleaseTags are globs naming release tags (nil: the default shapes).
	ReleaseTags []string

	// Files and folders supplied by the user (OS paths). Load reads each
	// once into Project.Inputs before any rule runs; rules use those.
	TrustedKeys    string // armored OpenPGP keyring
	AllowedSigners string // ssh allowed_signers file
	X509Roots      string // PEM certificates
	CosignKey      string // PEM public key for cosign sign-blob signatures
	// SigstoreTrustedRoot is a trusted_root.json (Fulcio CAs, Rekor
	// keys) for keyless gitsign commits and cosign bundles.
	SigstoreTrustedRoot string
	// Who may sign keylessly, spelled as cosign's flags; RE2, unanchored.
	CertIdentity, CertIdentityRegexp, CertOIDCIssuer, CertOIDCIssuerRegexp string
	CodesignRoots                                                          string // PEM roots Authenticode signatures must chain to
	Artifacts                                                              string // directory of release/updater artifacts
	OSVDB                                                                  string // directory of an offline OSV export
	// PluginManifests is a directory of plugin crates (<crate>-<version>
	// or <crate>, each with its permissions/) or of acl-manifests.json
	// files, for plugins neither the app nor the embedded database holds.
	PluginManifests string
	// CacheDir keeps signatures already verified good ("" = no cache).
	CacheDir string

	// Progress reports long-running work (history walks) when non-nil.
	Progress func(done, total int)
}
