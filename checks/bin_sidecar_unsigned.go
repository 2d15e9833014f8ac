package checks

import (
	"fmt"
	"path"
	"strings"

	"github.com/tauriaudit/tauriaudit/rules"
	"github.com/tauriaudit/tauriaudit/signing"
)

// SidecarUnsigned reports sidecar binaries without a code signature.
var SidecarUnsigned = &rules.Rule{
	ID:       "TA-BIN-001",
	Name:     "sidecar-unsigned",
	Title:    "a sidecar binary is unsigned, badly signed or missing",
	Level:    rules.Warning,
	Severity: 5.9,
	Gate:     true,
	Tags:     []string{"bin"},
	CWE:      []int{345, 494},
	Doc: `Each bundle.externalBin entry names sidecar files "<path>-<target-triple>[.exe]" next to the
config. A Windows sidecar (PE) without an Authenticode certificate table, or a macOS sidecar
(Mach-O, thin or universal) without LC_CODE_SIGNATURE or with only an ad-hoc signature, breaks
the signed app's chain of trust: SmartScreen and Gatekeeper flag it, and a swapped binary goes
unnoticed. A PE whose Authenticode hash or PKCS#7 signature does not verify was modified after
signing and is an error. So is a Mach-O slice whose CMS signature does not verify the way Apple's
Security framework checks it: detached over the slot-0 CodeDirectory (its messageDigest), with the
cdhashes attributes (1.2.840.113635.100.9.1 and .2) matching every CodeDirectory, the alternates in
slots 0x1000 and up included. With --codesign-roots FILE (PEM), a valid signature (PE or Mach-O) by
a signer that does not chain to those roots is an error too (certificate expiry is tolerated, as
codesign does). A Mach-O signed with SHA-1 CodeDirectories only is reported as weak. The Mach-O
page hashes (the signed code itself), revocation and Apple's certificate policy are not checked;
the tests use synthetic signatures, since Apple's codesign does not run where they are made. ELF
sidecars have no platform signature and are not reported. When some sidecar files are committed
but a built platform has none (x86_64/aarch64 linux-gnu, apple-darwin, pc-windows-msvc triples),
that is reported too.

**Fix:** sign sidecars with the app's identity before bundling (signtool/osslsigncode,
codesign --options runtime).

**False positives:** on macOS the bundler re-signs nested binaries during tauri build, so the
final bundle may be fine (check it with --artifacts); whether Windows bundling signs sidecars
depends on the Tauri version. This rule fails the release gate.`,
	Run: sidecarUnsigned,
}

func sidecarUnsigned(pass *rules.Pass) error {
	for _, s := range rules.Sidecars.Of(pass.Project) {
		if len(s.Files) == 0 {
			continue // built in CI: nothing committed to inspect
		}
		for _, t := range pass.Project.Targets {
			if ts := rules.SidecarTriples[t.Platform]; ts != nil && len(s.ByOS[t.Platform]) == 0 {
				pass.ReportOn(t, rules.Finding{Location: s.Entry.Location(), Subject: s.Base + "-" + string(t.Platform),
					Message: fmt.Sprintf("no %s sidecar for %s (e.g. %s-%s)", path.Base(s.Base), t.Platform, path.Base(s.Base), ts[0])})
			}
		}
		for _, f := range s.Files {
			if msg, level := inspectSidecar(pass.Project, f); msg != "" {
				pass.Report(rules.Finding{Level: level, Location: s.Entry.Location(), Subject: f,
					Message: fmt.Sprintf("sidecar %s %s", f, msg)})
			}
		}
	}
	return nil
}

// inspectSidecar says what is wrong with a sidecar's signature, or "".
func inspectSidecar(p *rules.Project, rel string) (string, rules.Level) {
	data := readBinary(p, rel)
	if data == nil {
		return "", ""
	}
	info, err := signing.Inspect(data)
	if err != nil {
		return "is not a valid executable: " + err.Error(), rules.Warning
	}
	switch info.Kind {
	case signing.BinPE:
		if !info.CertTable {
			return "is a PE without an Authenticode signature", ""
		}
		roots := codesignRoots(p)
		a := signing.VerifyAuthenticode(data, roots)
		switch {
		case a.Err != "":
			return "has an unreadable Authenticode signature: " + a.Err, rules.Error
		case !a.HashMatches:
			return "was modified after signing (Authenticode hash mismatch)", rules.Error
		case !a.SigValid:
			return "has an Authenticode signature that does not verify", rules.Error
		}
		if msg := unchainedSigner(a, roots); msg != "" {
			return msg, rules.Error
		}
	case signing.BinMachO:
		var archs []string
		for _, sl := range info.Slices {
			archs = append(archs, sl.Arch)
		}
		switch {
		case !info.Signed():
			return fmt.Sprintf("is a Mach-O (%s) without LC_CODE_SIGNATURE", strings.Join(archs, ", ")), ""
		case info.AdHocOnly():
			return fmt.Sprintf("is a Mach-O (%s) with only an ad-hoc signature", strings.Join(archs, ", ")), ""
		}
		return machOSignatureProblem(info, codesignRoots(p))
	}
	return "", ""
}
