package checks

import (
	"encoding/hex"
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/tauriaudit/tauriaudit/internal/lazyre"
	"github.com/tauriaudit/tauriaudit/internal/shell"
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
	for _, s := range rules.Sidecars.Of(p) {
		for _, f := range s.Files {
			if !seen[f] {
				seen[f] = true
				bins = append(bins, shippedBinary{f, s.Entry.Location(), "sidecar"})
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

// Build hooks: beforeBuildCommand and beforeBundleCommand, the npm
// scripts and script files they run, and build.rs.

// buildDownload is one unverified binary download found in a build hook.
type buildDownload struct {
	loc    source.Location
	target string
	via    string // "", `npm script "x"`, "scripts/fetch.sh"
}

// hookWalk follows one build hook through the npm scripts and script
// files it runs, collecting downloads and whether anything verifies them.
type hookWalk struct {
	p         *rules.Project
	scripts   map[string]npmScriptRef
	visited   map[string]bool
	verified  bool
	downloads []buildDownload
}

// npmScriptRef is a package.json script and the folder it runs in.
type npmScriptRef struct {
	cmd shell.Text
	dir string
}

// maxHookDepth bounds script-calls-script chains.
const maxHookDepth = 4

// reportBuildDownloads reports binaries fetched by beforeBuildCommand,
// beforeBundleCommand (and what they run) or build.rs without a hash check.
func reportBuildDownloads(pass *rules.Pass) {
	p := pass.Project
	scripts := map[string]npmScriptRef{}
	for _, pj := range rules.Deps.Of(p).Packages {
		for _, s := range pj.Scripts {
			if _, dup := scripts[s.Name]; !dup {
				scripts[s.Name] = npmScriptRef{shell.NewText(p.Files(), s.Command, s.Loc), path.Dir(pj.File)}
			}
		}
	}
	reported := map[string]bool{}
	for _, t := range p.Targets {
		for _, key := range []string{"beforeBuildCommand", "beforeBundleCommand"} {
			n := t.Config.At("build", key)
			bases := []string{path.Dir(p.Dir), p.Dir}
			if n.Is(source.Object) {
				if c := n.Get("cwd").String(); c != "" {
					bases = []string{path.Join(p.Dir, c)}
				}
				n = n.Get("script")
			}
			s, ok := n.Str()
			if !ok || s == "" {
				continue
			}
			h := &hookWalk{p: p, scripts: scripts, visited: map[string]bool{}}
			h.command(shell.NewText(p.Files(), s, n.Location()), "", bases, 0)
			if h.verified {
				continue
			}
			for _, d := range h.downloads {
				msg := fmt.Sprintf("build.%s downloads %s without verifying a checksum or signature", key, depClip(d.target, 80))
				if d.via != "" {
					msg += " (in " + d.via + ")"
				}
				f := rules.Finding{Location: d.loc, Subject: d.target, Message: msg}
				if d.via == "" {
					pass.ReportOn(t, f)
					continue
				}
				if k := fmt.Sprint(d.loc.File, d.loc.Start.Offset, key); !reported[k] {
					reported[k] = true
					pass.Report(f)
				}
			}
		}
	}
	for _, f := range buildRSDownloads(p) {
		pass.Report(f)
	}
}

// commandSplit separates the simple commands of a shell line.
var commandSplit = lazyre.New(`&&|\|\||[;|\n]`)

// command scans one command text: its own downloads, then the npm scripts
// and script files it runs.
func (h *hookWalk) command(c shell.Text, via string, bases []string, depth int) {
	if shell.VerifyCommand.MatchString(c.Text) {
		h.verified = true
	}
	for _, m := range shell.BinaryDownload.FindAllStringSubmatchIndex(c.Text, -1) {
		if _, _, pipe := shell.RemoteExec(c.Text[m[0]:]); pipe {
			continue // download-and-run: TA-DEP-011
		}
		h.downloads = append(h.downloads, buildDownload{c.Span(m[0], m[1]), c.Text[m[2]:m[3]], via})
	}
	if depth >= maxHookDepth {
		return
	}
	for _, part := range commandSplit.Split(c.Text, -1) {
		args := strings.Fields(part)
		for len(args) > 0 && (strings.Contains(args[0], "=") || args[0] == "cross-env" || args[0] == "npx" || args[0] == "sudo") {
			args = args[1:]
		}
		if len(args) == 0 {
			continue
		}
		if name := npmScriptName(args); name != "" {
			if s, ok := h.scripts[name]; ok && !h.visited["npm:"+name] {
				h.visited["npm:"+name] = true
				h.command(s.cmd, fmt.Sprintf("npm script %q", name), []string{s.dir}, depth+1)
			}
			continue
		}
		if file := scriptFileArg(args); file != "" {
			for _, base := range bases {
				rel := path.Join(base, file)
				if h.visited[rel] || !h.p.Exists(rel) {
					continue
				}
				h.visited[rel] = true
				if f := h.p.Read(rel); f != nil {
					h.file(f, depth+1)
				}
				break
			}
		}
	}
}

// npmScriptName returns the package.json script a command runs
// (npm run x, npm run-script x, pnpm [run] x, yarn [run] x, bun run x).
func npmScriptName(args []string) string {
	if len(args) < 2 {
		return ""
	}
	switch args[0] {
	case "npm":
		if (args[1] == "run" || args[1] == "run-script") && len(args) > 2 {
			return args[2]
		}
	case "pnpm", "yarn":
		if args[1] == "run" && len(args) > 2 {
			return args[2]
		}
		if !strings.HasPrefix(args[1], "-") {
			return args[1]
		}
	case "bun":
		if args[1] == "run" && len(args) > 2 {
			return args[2]
		}
	}
	return ""
}

// scriptFileArg returns the shell or PowerShell script a command runs:
// ./x.sh, sh x.sh, bash -e x.sh, pwsh -File x.ps1, powershell x.ps1.
func scriptFileArg(args []string) string {
	isScript := func(s string) bool {
		l := strings.ToLower(s)
		return strings.HasSuffix(l, ".sh") || strings.HasSuffix(l, ".bash") || strings.HasSuffix(l, ".ps1")
	}
	if isScript(args[0]) {
		return args[0]
	}
	switch strings.TrimSuffix(strings.ToLower(path.Base(args[0])), ".exe") {
	case "sh", "bash", "zsh", "dash", "pwsh", "powershell":
		for _, a := range args[1:] {
			if isScript(a) {
				return a
			}
		}
	}
	return ""
}

// file scans a shell or PowerShell script line by line; comment lines do
// not count, for downloads or for verification.
func (h *hookWalk) file(f *source.File, depth int) {
	off := 0
	for _, line := range strings.SplitAfter(string(f.Data), "\n") {
		text := strings.TrimRight(line, "\r\n")
		if t := strings.TrimSpace(text); t != "" && !strings.HasPrefix(t, "#") {
			c := shell.FileLine(f, off, text)
			h.command(c, f.Path, []string{path.Dir(f.Path)}, depth)
		}
		off += len(line)
	}
}

// buildRSDownloads reports a build.rs that downloads something named like
// a binary or a sidecar and computes no digest.
func buildRSDownloads(p *rules.Project) []rules.Finding {
	b := rules.RustFacts.Of(p).Build
	if b == nil || b.Download == nil || b.Verified || !b.BinaryNamed && !namesSidecar(p, b.Strings) {
		return nil
	}
	t := b.Download
	return []rules.Finding{{Location: b.File.Span(t.Off, t.End), Subject: "build.rs:" + t.Text,
		Message: fmt.Sprintf("build.rs downloads a binary (%s) and checks no SHA-256 or signature", t.Text)}}
}

// namesSidecar reports whether one of strs contains the file name of a
// sidecar the app bundles.
func namesSidecar(p *rules.Project, strs []string) bool {
	for _, sc := range rules.Sidecars.Of(p) {
		n := path.Base(sc.Base)
		for _, s := range strs {
			if n != "" && strings.Contains(s, n) {
				return true
			}
		}
	}
	return false
}
