package signing

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path"
	"strings"
)

// SumEntry is one line of a sha256sum file.
type SumEntry struct {
	Line int
	Sum  string // lower-case hex
	Name string // slash path as written (binary-mode '*' removed)
}

// ParseSums reads sha256sum output: "HEX  name" or "HEX *name". Blank
// and comment lines are skipped; other malformed lines are errors.
func ParseSums(data []byte) ([]SumEntry, error) {
	var out []SumEntry
	sc := bufio.NewScanner(bytes.NewReader(data))
	n := 0
	for sc.Scan() {
		n++
		l := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(l) == "" || strings.HasPrefix(l, "#") {
			continue
		}
		sum, name, ok := strings.Cut(l, " ")
		name = strings.TrimPrefix(strings.TrimPrefix(name, " "), "*")
		if _, err := hex.DecodeString(sum); !ok || err != nil || len(sum) != 64 || name == "" {
			return nil, fmt.Errorf("line %d: not \"SHA256  name\"", n)
		}
		out = append(out, SumEntry{Line: n, Sum: strings.ToLower(sum), Name: path.Clean(strings.ReplaceAll(name, "\\", "/"))})
	}
	return out, sc.Err()
}

// SHA256File hashes a file.
func SHA256File(p string) (string, error) {
	f, err := os.Open(p)
	if err != nil {
		return "", err
	}
	defer f.Close()
	return SHA256Reader(f)
}

// SHA256Reader hashes everything r yields.
func SHA256Reader(r io.Reader) (string, error) {
	h := sha256.New()
	if _, err := io.Copy(h, r); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
