package signing

import (
	"bytes"
	"encoding/base64"

	"github.com/tauriaudit/tauriaudit/signing/secretrules"
)

// commentMarkers start any minisign key file, whatever its comment says:
// the comment line's prefix as text and as base64 (Tauri stores the whole
// file base64-encoded; "untrusted comment:" is 18 bytes, so its base64 is
// a fixed 24-character prefix).
var commentMarkers = [][]byte{[]byte("untrusted comment:"), []byte("dW50cnVzdGVkIGNvbW1lbnQ6")}

// commentFinder looks for the comment markers in any case.
var commentFinder = secretrules.NewFinder(string(commentMarkers[0]), string(commentMarkers[1]))

// secretBoxLen is the decoded size of a minisign secret key line:
// signature algorithm (2) + KDF algorithm (2) + checksum algorithm (2)
// + KDF salt (32) + opslimit (8) + memlimit (8) + key id, secret key and
// checksum (8 + 64 + 32), as minisign and rsign write it.
const secretBoxLen = 158

// isSecretKeyBox reports a decoded key line that is a secret key: Ed25519,
// scrypt or no KDF, BLAKE2b checksum. Public keys (42 bytes) and
// signatures (74) are not.
func isSecretKeyBox(b []byte) bool {
	if len(b) != secretBoxLen || string(b[:2]) != "Ed" || string(b[4:6]) != "B2" {
		return false
	}
	kdf := string(b[2:4])
	return kdf == "Sc" || kdf == "\x00\x00"
}

func isB64(c byte) bool {
	return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/' || c == '='
}

// b64Run is the base64 text starting data, at most limit bytes.
func b64Run(data []byte, limit int) []byte {
	n := 0
	for n < len(data) && n < limit && isB64(data[n]) {
		n++
	}
	return data[:n]
}

// keyFileSecret decodes a key file's text (comment line, key line) and
// returns the key line when it holds a secret key.
func keyFileSecret(text []byte) ([]byte, bool) {
	nl := bytes.IndexByte(text, '\n')
	if nl < 0 || nl > 1024 {
		return nil, false
	}
	rest := bytes.TrimLeft(text[nl+1:], " \t") // an indented block in docs
	line := b64Run(rest, 400)
	raw, err := base64.StdEncoding.DecodeString(string(line))
	if err != nil || !isSecretKeyBox(raw) {
		return nil, false
	}
	return line, true
}

// keyBox is a secret key found by its structure.
type keyBox struct {
	start, end int    // the key in the file: comment marker to key end
	id         string // the key line, the same wherever the key is copied
}

// commentMarked reports whether data holds a comment marker, which every
// key file and every secret marker (secretMarkers) starts with.
func commentMarked(data []byte) bool {
	if !commentFinder.Any(data) { // one pass ruling out both, nearly always
		return false
	}
	for _, m := range commentMarkers {
		if bytes.Contains(data, m) {
			return true
		}
	}
	return false
}

// secretKeyBoxes finds minisign/Tauri updater secret keys by decoding
// them, whatever their comment line says: a key file's text, or base64 of
// the whole file as Tauri's signer writes it.
func secretKeyBoxes(data []byte) []keyBox {
	var out []keyBox
	for mi, m := range commentMarkers {
		for from := 0; ; {
			i := bytes.Index(data[from:], m)
			if i < 0 {
				break
			}
			i += from
			from = i + len(m)
			if mi == 0 {
				if line, ok := keyFileSecret(data[i:]); ok {
					end := bytes.Index(data[i:], line) + i + len(line)
					out = append(out, keyBox{start: i, end: end, id: string(line)})
				}
				continue
			}
			run := b64Run(data[i:], 2048)
			text := make([]byte, base64.StdEncoding.DecodedLen(len(run)))
			n, _ := base64.StdEncoding.Decode(text, run[:len(run)/4*4])
			if line, ok := keyFileSecret(text[:n]); ok {
				out = append(out, keyBox{start: i, end: i + len(run), id: string(line)})
			}
		}
	}
	return out
}
