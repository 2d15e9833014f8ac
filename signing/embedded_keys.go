package signing

import (
	"bytes"
	"encoding/base64"
	"path"
	"strings"
)

// keyMarkers are the starts of a minisign/rsign secret key file: its
// comment line as text, and base64 of it (how Tauri stores the key).
var keyMarkers = func() [][]byte {
	var out [][]byte
	for _, c := range []string{"untrusted comment: rsign encrypted secret key", "untrusted comment: minisign encrypted secret key"} {
		out = append(out, []byte(c), []byte(base64.StdEncoding.EncodeToString([]byte(c))))
	}
	return out
}()

// noKeyExts are binary formats and media never searched for keys.
var noKeyExts = map[string]bool{".png": true, ".jpg": true, ".jpeg": true, ".gif": true, ".ico": true, ".icns": true,
	".webp": true, ".bmp": true, ".woff": true, ".woff2": true, ".ttf": true, ".otf": true, ".eot": true, ".mp3": true,
	".mp4": true, ".wav": true, ".ogg": true, ".webm": true, ".pdf": true, ".zip": true, ".gz": true, ".tgz": true,
	".xz": true, ".7z": true, ".exe": true, ".dll": true, ".so": true, ".dylib": true, ".wasm": true, ".node": true,
	".a": true, ".lib": true, ".o": true, ".jar": true, ".class": true, ".dmg": true, ".msi": true, ".deb": true,
	".rpm": true, ".appimage": true, ".sig": true, ".lockb": true}

// MaxKeySearch caps the bytes of a source file searched for a key.
const MaxKeySearch = 4 << 20

// KeySearchCandidate reports whether a file that TextCandidate leaves out
// (source code, docs) may still be searched for an embedded updater key:
// binary formats and media by extension are not.
func KeySearchCandidate(p string) bool { return !noKeyExts[strings.ToLower(path.Ext(p))] }

// MayHoldUpdaterKey reports whether the head of a file holds a whole
// updater secret key: text (no NUL in its first 8000 bytes) with a key
// marker followed by the key body, so documentation quoting only the
// prefix is not a key.
func MayHoldUpdaterKey(head []byte) bool {
	if len(head) == 0 || bytes.IndexByte(head[:min(len(head), 8000)], 0) >= 0 {
		return false
	}
	for _, m := range keyMarkers {
		if i := bytes.Index(head, m); i >= 0 && keyBodyFollows(head[i+len(m):]) {
			return true
		}
	}
	return secretKeyBoxes(head) != nil
}

// EmbeddedUpdaterKeys returns the whole updater secret keys in a text file
// that TextCandidate leaves out: ScanText's updater-key hits followed by
// the key body.
func EmbeddedUpdaterKeys(p string, data []byte) []SecretHit {
	var out []SecretHit
	for _, h := range ScanText(p, data) {
		if h.Kind == UpdaterKey && (h.Decoded || h.End <= len(data) && keyBodyFollows(data[h.End:])) {
			out = append(out, h)
		}
	}
	return out
}

// keyBodyFollows reports 80+ base64 characters right after a marker, or
// on the next line (a decoded key file: comment line, then the key).
func keyBodyFollows(rest []byte) bool {
	run := func(b []byte) int {
		n := 0
		for n < len(b) && (b[n] >= 'A' && b[n] <= 'Z' || b[n] >= 'a' && b[n] <= 'z' || b[n] >= '0' && b[n] <= '9' || b[n] == '+' || b[n] == '/' || b[n] == '=') {
			n++
		}
		return n
	}
	if run(rest) >= 80 {
		return true
	}
	if i := bytes.IndexByte(rest, '\n'); i >= 0 && i < 4 {
		return run(rest[i+1:]) >= 80
	}
	return false
}

// IsWorkflowPath reports a GitHub Actions workflow file, anywhere in the tree.
func IsWorkflowPath(p string) bool {
	return strings.HasPrefix(p, ".github/workflows/") || strings.Contains(p, "/.github/workflows/")
}
