package checks

import (
	"bytes"
	"crypto/sha256"
	"crypto/x509"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/tauriaudit/tauriaudit/capabilities/audit"
	"github.com/tauriaudit/tauriaudit/rules"
	"github.com/tauriaudit/tauriaudit/rules/source"
	"github.com/tauriaudit/tauriaudit/signing"
)

// binBundle returns t's bundle section: bundle, or tauri.bundle in a v1
// (and 2.0 alpha) config, where deb and appimage sit directly under it.
func binBundle(t *rules.Target) *source.Node { return t.Bundle() }

// bundleTargets returns bundle.targets as a list ("all" when absent, as
// Tauri defaults it).
func binTargets(t *rules.Target) []string {
	n := binBundle(t).Field("targets")
	if s, ok := n.Str(); ok {
		return []string{s}
	}
	var out []string
	for _, it := range n.Items() {
		out = append(out, it.String())
	}
	if n == nil {
		return []string{"all"}
	}
	return out
}

// buildsBundle reports whether t bundles any of kinds (or "all").
func binBuilds(t *rules.Target, kinds ...string) bool {
	if !binBundle(t).Field("active").IsTrue() {
		return false
	}
	for _, k := range binTargets(t) {
		if k == "all" || slices.Contains(kinds, k) {
			return true
		}
	}
	return false
}

// sha256Hex hashes data ("" for nil).
func sha256Hex(data []byte) string {
	if data == nil {
		return ""
	}
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// lineSpan locates a whole 1-based line of f.
func lineSpan(f *source.File, line int) source.Location {
	off := 0
	for l := 1; l < line; l++ {
		i := bytes.IndexByte(f.Data[off:], '\n')
		if i < 0 {
			break
		}
		off += i + 1
	}
	end := bytes.IndexByte(f.Data[off:], '\n')
	if end < 0 {
		end = len(f.Data) - off
	}
	return f.Span(off, off+end)
}

// bundledFiles expands a bundled source path as the bundler does: a file,
// a directory (copied with everything below it) or a glob (glob crate
// defaults: "*" matches dotfiles, "**" any number of folders), relative to
// the config directory. It returns root-relative files of the scanned
// tree; paths leaving the tree expand to nothing.
func bundledFiles(p *rules.Project, s string) []string {
	clean := path.Clean(strings.ReplaceAll(s, "\\", "/"))
	joined := path.Join(p.Dir, clean)
	if joined == ".." || strings.HasPrefix(joined, "../") || path.IsAbs(clean) {
		return nil
	}
	if !strings.ContainsAny(joined, "*?[") {
		switch {
		case p.Exists(joined):
			return []string{joined}
		case p.IsDir(joined):
			return p.FilesUnder(joined)
		}
		return nil
	}
	segs := strings.Split(joined, "/")
	base := "."
	for i, sg := range segs {
		if strings.ContainsAny(sg, "*?[") {
			base = path.Join(segs[:i]...)
			break
		}
	}
	if base == "" {
		base = "."
	}
	var out []string
	for _, f := range p.FilesUnder(base) {
		if audit.GlobMatch(joined, f, false) {
			out = append(out, f)
		}
	}
	return out
}

// nativeBinaryKind names the executable format of a file by its magic
// number: PE (an MZ header whose e_lfanew points at "PE\0\0"), ELF or
// Mach-O (thin or universal); "" otherwise. Java class files share the
// universal Mach-O magic and are told apart by name.
func nativeBinaryKind(p *rules.Project, rel string) string {
	h := p.ReadHead(rel, 1024) // only the header: binaries can be large
	switch {
	case bytes.HasPrefix(h, []byte("MZ")) && len(h) >= 0x40:
		if e := int(binary.LittleEndian.Uint32(h[0x3c:])); e >= 0x40 && e+4 <= len(h) && string(h[e:e+4]) == "PE\x00\x00" {
			return "PE"
		}
	case bytes.HasPrefix(h, []byte("\x7fELF")):
		return "ELF"
	case len(h) >= 4:
		switch m := string(h[:4]); m {
		case "\xfe\xed\xfa\xce", "\xce\xfa\xed\xfe", "\xfe\xed\xfa\xcf", "\xcf\xfa\xed\xfe":
			return "Mach-O"
		case "\xca\xfe\xba\xbe":
			if !strings.HasSuffix(rel, ".class") {
				return "Mach-O"
			}
		}
	}
	return ""
}

// bundledPath is a source path the bundler copies, and where it is set.
type bundledPath struct {
	path string
	loc  source.Location
}

// bundledPaths lists the source paths of every bundled-file setting:
// resources (list, or map source -> target) and the files maps
// (target -> source).
func bundledPaths(t *rules.Target) []bundledPath {
	b := binBundle(t)
	var out []bundledPath
	res := b.Field("resources")
	for _, it := range res.Items() {
		out = append(out, bundledPath{it.String(), it.Location()})
	}
	for _, m := range res.Members() {
		out = append(out, bundledPath{m.Name, m.Value.KeyLocation()})
	}
	for _, files := range []*source.Node{b.Field("macOS").Field("files"), b.Field("linux").Field("deb").Field("files"),
		b.Field("linux").Field("rpm").Field("files"), b.Field("linux").Field("appimage").Field("files"),
		b.Field("deb").Field("files")} { // v1: deb directly under bundle
		for _, m := range files.Members() {
			out = append(out, bundledPath{m.Value.String(), m.Value.Location()})
		}
	}
	return out
}

// signCommandText joins a signCommand string or {cmd, args} object.
func signCommandText(n *source.Node) string { return strings.Join(signCommandArgs(n), " ") }

func signCommandArgs(n *source.Node) []string {
	if s, ok := n.Str(); ok {
		return strings.Fields(s)
	}
	if n == nil || n.Kind != source.Object {
		return nil
	}
	out := []string{n.Get("cmd").String()}
	for _, a := range n.Get("args").Items() {
		out = append(out, a.String())
	}
	return out
}

// maxBinary is the largest binary read for inspection.
const maxBinary = 1 << 30

// readBinary reads a sidecar, which may exceed the loader's size cap.
func readBinary(p *rules.Project, rel string) []byte { return p.ReadLarge(rel, maxBinary) }

// codesignRoots is the --codesign-roots pool; nil when none was given.
func codesignRoots(p *rules.Project) *x509.CertPool { return p.Inputs().CodesignRoots }

// unchainedSigner describes a valid Authenticode signature whose signer
// does not chain to the supplied roots, or "".
func unchainedSigner(a signing.Authenticode, roots *x509.CertPool) string {
	if roots == nil || a.Chained {
		return ""
	}
	return notChained(a.Signer)
}

func notChained(signer string) string {
	return fmt.Sprintf("is signed by %q, which does not chain to a root in --codesign-roots", signer)
}

// machOSignatureProblem verifies the CMS signature of each Mach-O slice
// that has one and says what is wrong: a signature that does not verify
// or, with roots, does not chain (errors), or only SHA-1 CodeDirectories
// (the rule's level). "" when nothing is.
func machOSignatureProblem(info *signing.BinaryInfo, roots *x509.CertPool) (string, rules.Level) {
	weak, cms := true, false
	for i := range info.Slices {
		sl := &info.Slices[i]
		if !sl.CMS {
			continue
		}
		cms = true
		v := sl.VerifySignature(roots)
		switch {
		case !v.SigValid:
			return fmt.Sprintf("has a code signature that does not verify (%s: %s)", sl.Arch, v.Err), rules.Error
		case roots != nil && !v.Chained:
			return notChained(v.Signer), rules.Error
		}
		weak = weak && v.Weak
	}
	if cms && weak {
		return "has a code signature with only SHA-1 CodeDirectories, a weak hash (re-sign with a current codesign, which adds SHA-256)", ""
	}
	return "", ""
}
