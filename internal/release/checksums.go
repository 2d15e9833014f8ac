package release

import (
	"bytes"
	"fmt"
	"path"
	"sort"

	"github.com/tauriaudit/tauriaudit/signing"
)

// Sum is one line of a checksums file.
type Sum struct {
	Name string
	Hex  string // lower-case SHA-256
}

// FileSHA256 hashes the file at p.
func FileSHA256(p string) (string, error) { return signing.SHA256File(p) }

// FormatChecksums renders sums in `sha256sum` format ("<hex>  <name>"),
// sorted by name, so `sha256sum -c` accepts the file.
func FormatChecksums(sums []Sum) []byte {
	s := append([]Sum(nil), sums...)
	sort.Slice(s, func(i, j int) bool { return s[i].Name < s[j].Name })
	var b bytes.Buffer
	for _, x := range s {
		fmt.Fprintf(&b, "%s  %s\n", x.Hex, x.Name)
	}
	return b.Bytes()
}

// ParseChecksums reads a sha256sum file with signing.ParseSums (the one
// reader of the format) and adds what a release needs: names must be
// plain file names (every asset sits beside the checksums file), each
// listed once, and at least one.
func ParseChecksums(data []byte) ([]Sum, error) {
	entries, err := signing.ParseSums(data)
	if err != nil {
		return nil, err
	}
	var out []Sum
	seen := map[string]bool{}
	for _, e := range entries {
		if e.Name != path.Base(e.Name) || e.Name == "." || e.Name == ".." || e.Name == "/" {
			return nil, fmt.Errorf("line %d: %q is not a plain file name", e.Line, e.Name)
		}
		if seen[e.Name] {
			return nil, fmt.Errorf("line %d: %s is listed twice", e.Line, e.Name)
		}
		seen[e.Name] = true
		out = append(out, Sum{Name: e.Name, Hex: e.Sum})
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no checksums")
	}
	return out, nil
}
