package checks

import (
	"bytes"
	"encoding/binary"
	"github.com/tauriaudit/tauriaudit/capabilities/audit"
	"path"
	"strings"

	"github.com/tauriaudit/tauriaudit/rules"
)

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
