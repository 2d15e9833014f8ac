package release

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Sum is one line of a checksums file.
type Sum struct {
	Name string
	Hex  string // lower-case SHA-256
}

// FileSHA256 hashes the file at p.
func FileSHA256(p string) (string, error) {
	f, err := os.Open(p)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

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

// ParseChecksums reads a sha256sum file. Names must be plain file names
// (no directories), since every asset sits beside the checksums file;
// the binary-mode marker "*" is accepted.
func ParseChecksums(data []byte) ([]Sum, error) {
	var out []Sum
	seen := map[string]bool{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" {
			continue
		}
		sum, name, ok := strings.Cut(line, " ")
		name = strings.TrimPrefix(strings.TrimPrefix(name, " "), "*")
		if !ok || len(sum) != 64 || strings.Trim(strings.ToLower(sum), "0123456789abcdef") != "" {
			return nil, fmt.Errorf("line %d: not a sha256sum line", n)
		}
		if name == "" || name != filepath.Base(name) || strings.ContainsAny(name, `/\`) || name == "." || name == ".." {
			return nil, fmt.Errorf("line %d: %q is not a plain file name", n, name)
		}
		if seen[name] {
			return nil, fmt.Errorf("line %d: %s is listed twice", n, name)
		}
		seen[name] = true
		out = append(out, Sum{Name: name, Hex: strings.ToLower(sum)})
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no checksums")
	}
	return out, nil
}
