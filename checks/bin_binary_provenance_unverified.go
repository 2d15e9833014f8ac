package checks

import (
	"encoding/hex"
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/tauriaudit/tauriaudit/rules"
	"github.com/tauriaudit/tauriaudit/rules/source"
	"github.com/tauriaudit/tauriaudit/signing"
)

// BinaryProvenanceUnverified reports committed sidecars and bundled native
// binaries without a verified checksum, and binaries fetched by build
// hooks without a hash check.
var BinaryProvenanceUnverified = &rules.Rule{
	ID:       "TA-BIN-002",
	Name:     "binary-provenance-unverified",
	Title:    "a shipped binary has no verified checksum or provenance",
	Level:    rules.Warning,
	Severity: 5.5,
	Tags:     []string{"bin"},
	CWE:      []int{494},
	Doc: `Binaries committed to the repository cannot be reviewed, and a swapped binary rides into the
signed product. Checked: every committed sidecar (bundle.externalBin) and every native executable
(PE, ELF or Mach-O, by magic number) that a bundle.resources entry, bundle.macOS.files or a
bundle.linux files map ships (files, folders and globs are expanded against the tree). Each needs
a SHA-256 that matches, from the first of: tauriaudit.sums next to the config (sha256sum format,
"HEX  path", paths relative to the config directory); a SHA256SUMS, sha256sums.txt or
checksums.txt beside the binary (names relative to that folder); or BINARY.sha256 /
BINARY.sha256sum. A missing manifest or an unlisted binary is a warning, a checksum mismatch an
error.

Binaries fetched during the build are checked too: build.beforeBuildCommand and
beforeBundleCommand, the package.json scripts they run (npm/pnpm/yarn/bun run) and the shell or
PowerShell scripts they call, when a line downloads an executable or archive (curl, wget,
Invoke-WebRequest, aria2c; .exe, .zip, .tar.gz, .dll, …, or a binaries/ path) and nothing in that
hook verifies it (sha256sum, shasum, Get-FileHash, certutil -hashfile, gpg/minisign/cosign
verification, slsa-verifier, gh attestation verify); and build.rs, when it downloads
(reqwest, ureq, attohttpc, curl, Command::new("curl"/"wget"/…)) something named like a binary or
a sidecar and computes no digest (sha2/Sha256, blake3, ring::digest, checksum helpers). Workflow
steps that download binaries are reported by TA-DEP-011. Node scripts that fetch with fetch() or
https.get are not followed.

**Fix:** build sidecars from source in CI, or pin them:

~~~sh
cd src-tauri && sha256sum binaries/* > tauriaudit.sums
~~~

and verify every download before it is bundled (` + "`echo \"<sha256>  file\" | sha256sum -c -`" + `).

**False positives:** the scan sees the files of the checkout, tracked or not: a sidecar that CI
downloads into an ignored folder is reported when that folder is populated locally. Large
LFS-tracked binaries with another checksum file: suppress with a reason.`,
	Run: binaryProvenanceUnverified,
}

// shippedBinary is a committed binary the bundle ships and the config
// entry that ships it.
type shippedBinary struct {
	file  string
	entry source.Location
	what  string // "sidecar", "bundled native binary"
}

func binaryProvenanceUnverified(pass *rules.Pass) error {
	p := pass.Project
	var bins []shippedBinary
	seen := map[string]bool{}
	for _, s := range sidecars(p) {
		for _, f := range s.files {
			if !seen[f] {
				seen[f] = true
				bins = append(bins, shippedBinary{f, s.entry.Location(), "sidecar"})
			}
		}
	}
	for _, t := range p.Targets {
		for _, bp := range bundledPaths(t) {
			for _, f := range bundledFiles(p, bp.path) {
				if seen[f] {
					continue
				}
				seen[f] = true
				if kind := nativeBinaryKind(p, f); kind != "" {
					bins = append(bins, shippedBinary{f, bp.loc, "bundled native binary (" + kind + ")"})
				}
			}
		}
	}
	if len(bins) > 0 {
		checkBinarySums(pass, bins)
	}
	reportBuildDownloads(pass)
	return nil
}

// binarySums are the checksum files found for a project's binaries.
type binarySums struct {
	p      *rules.Project
	main   string // tauriaudit.sums (root-relative)
	mainF  *source.File
	listed map[string]signing.SumEntry // by root-relative path
}

func checkBinarySums(pass *rules.Pass, bins []shippedBinary) {
	p := pass.Project
	bs := &binarySums{p: p, main: p.Path("tauriaudit.sums")}
	if p.Exists(bs.main) {
		bs.mainF = p.Read(bs.main)
	}
	if bs.mainF != nil {
		entries, err := signing.ParseSums(bs.mainF.Data)
		if err != nil {
			pass.Report(rules.Finding{Location: bs.mainF.Span(0, 0), Subject: "sums", Message: "tauriaudit.sums: " + err.Error()})
			return
		}
		bs.listed = map[string]signing.SumEntry{}
		for _, e := range entries {
			bs.listed[p.Path(e.Name)] = e
		}
	}
	for _, b := range bins {
		e, f, where, consulted := bs.find(b.file)
		if f == nil {
			msg := fmt.Sprintf("%s %s is committed without a checksum manifest (%s, a SHA256SUMS beside it or %s.sha256)",
				b.what, b.file, bs.main, path.Base(b.file))
			if len(consulted) > 0 {
				msg = fmt.Sprintf("%s %s is not listed in %s", b.what, b.file, strings.Join(consulted, " or "))
			}
			pass.Report(rules.Finding{Location: b.entry, Subject: b.file, Message: msg})
			continue
		}
		if sum := sha256Hex(readBinary(p, b.file)); sum != e.Sum {
			pass.Report(rules.Finding{Level: rules.Error, Location: lineSpan(f, e.Line), Subject: b.file,
				Message: fmt.Sprintf("%s %s does not match its checksum in %s", b.what, b.file, where)})
		}
	}
	if bs.mainF == nil {
		return
	}
	for name, e := range bs.listed {
		if !slices.ContainsFunc(bins, func(b shippedBinary) bool { return b.file == name }) && !p.Exists(name) {
			pass.Report(rules.Finding{Location: lineSpan(bs.mainF, e.Line), Subject: name,
				Message: fmt.Sprintf("%s lists %s, which does not exist", path.Base(bs.main), e.Name)})
		}
	}
}

// sumsBeside are the checksum files looked for in a binary's folder.
var sumsBeside = []string{"SHA256SUMS", "sha256sums.txt", "SHA256SUMS.txt", "checksums.txt"}

// find returns the checksum entry of bin, the file holding it (nil when
// none lists it) and that file's name for messages, or else the checksum
// files that were consulted.
func (bs *binarySums) find(bin string) (signing.SumEntry, *source.File, string, []string) {
	p := bs.p
	var consulted []string
	if bs.mainF != nil {
		if e, ok := bs.listed[bin]; ok {
			return e, bs.mainF, path.Base(bs.main), nil
		}
		consulted = append(consulted, bs.main)
	}
	dir := path.Dir(bin)
	for _, name := range sumsBeside {
		rel := path.Join(dir, name)
		if !p.Exists(rel) {
			continue
		}
		f := p.Read(rel)
		if f == nil {
			continue
		}
		entries, err := signing.ParseSums(f.Data)
		if err != nil {
			continue
		}
		consulted = append(consulted, rel)
		for _, e := range entries {
			if path.Join(dir, e.Name) == bin {
				return e, f, rel, nil
			}
		}
	}
	for _, ext := range []string{".sha256", ".sha256sum"} {
		rel := bin + ext
		if !p.Exists(rel) {
			continue
		}
		f := p.Read(rel)
		if f == nil {
			continue
		}
		fields := strings.Fields(string(f.Data))
		if len(fields) > 0 && len(fields[0]) == 64 {
			if _, err := hex.DecodeString(fields[0]); err == nil {
				return signing.SumEntry{Line: 1, Sum: strings.ToLower(fields[0]), Name: path.Base(bin)}, f, rel, nil
			}
		}
	}
	return signing.SumEntry{}, nil, "", consulted
}
