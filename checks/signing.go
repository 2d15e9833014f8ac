package checks

import "github.com/tauriaudit/tauriaudit/rules"

// signingRules lists the TA-GIT, TA-BIN and TA-REL rules.
func signingRules() []*rules.Rule {
	return []*rules.Rule{
		UnsignedCommit,             // TA-GIT-001
		InvalidSignature,           // TA-GIT-002
		UnsignedReleaseTag,         // TA-GIT-003
		UpdaterKeyCommitted,        // TA-GIT-004
		SigningCredentialCommitted, // TA-GIT-005
		WorkflowLiteralSecret,      // TA-GIT-006
		SidecarUnsigned,            // TA-BIN-001
		BinaryProvenanceUnverified, // TA-BIN-002
		WinSigningAbsent,           // TA-BIN-003
		WinWeakDigest,              // TA-BIN-004
		WinNoTimestamp,             // TA-BIN-005
		SignCommandSecret,          // TA-BIN-006
		MacUnsignedOrAdhoc,         // TA-BIN-007
		MacHardenedRuntimeOff,      // TA-BIN-008
		MacDangerousEntitlements,   // TA-BIN-009
		MacATSException,            // TA-BIN-010
		WebView2FixedRuntime,       // TA-BIN-011
		BundleSensitiveFiles,       // TA-BIN-012
		InstallerHooksReview,       // TA-BIN-013
		DowngradeInstallAllowed,    // TA-BIN-014
		UpdaterPlainHTTP,           // TA-REL-001
		UpdaterTLSChecksOff,        // TA-REL-002
		UpdaterPubkeyIsSecret,      // TA-REL-003
		UpdaterPubkeyMalformed,     // TA-REL-004
		UpdaterArtifactSignature,   // TA-REL-005
		UpdateManifestInvalid,      // TA-REL-006
		InstallerNotAuthenticode,   // TA-REL-007
		MacArtifactNotNotarized,    // TA-REL-008
		LinuxArtifactUnsigned,      // TA-REL-009
		ReleaseChecksumsMissing,    // TA-REL-010
	}
}
