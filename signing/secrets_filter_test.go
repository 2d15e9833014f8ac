package signing

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/tauriaudit/tauriaudit/internal/testenv"
)

// The identifier filter never hides a hit of the assignment pattern: on
// every line of the real-app corpus and the test data, and on crafted
// lines, a line the pattern reports passes the filter.
func TestNamesSecretVariableKeepsHits(t *testing.T) {
	lines := [][]byte{
		[]byte(`  "APPLE_PASSWORD": "hunter2",`),
		[]byte(`env: { CODE_SIGNING_PASSWORD: 'x1', TAURI_ENV_PLATFORM: 'y' }`),
		[]byte(`FOO=1 APPLE_PASSWORD=x`),
		[]byte(`XAPPLE_PASSWORD=x`),
		[]byte(`APPLE_PASSWORDs=x`),
		[]byte(`export WINDOWS_CERTIFICATE_PASSWORD="abc"`),
		[]byte(`SM_CLIENT_CERT_PASSWORD = "p"`),
		[]byte(`TAURI_ENV_DEBUG=true TAURI_ENV_ARCH=x64`),
		[]byte(`(ANDROID_KEY_PASSWORD:"k",`),
	}
	lines = append(lines, treeLines("../testdata")...)
	if hits, filtered := filterKeepsHits(t, lines); hits < 5 || filtered == 0 {
		t.Errorf("%d hits, %d lines filtered: the comparison proves little", hits, filtered)
	}
	t.Run("corpus", func(t *testing.T) { filterKeepsHits(t, treeLines(testenv.Shared(t, "corpus"))) })
}

// treeLines returns the lines of every file under root smaller than 4 MiB.
func treeLines(root string) [][]byte {
	var lines [][]byte
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		if data, err := os.ReadFile(p); err == nil && len(data) < 4<<20 {
			lines = append(lines, bytes.Split(data, []byte("\n"))...)
		}
		return nil
	})
	return lines
}

// filterKeepsHits reports every line the pattern hits but the filter
// hides, and counts hits and lines with a secret prefix the filter spares.
func filterKeepsHits(t *testing.T, lines [][]byte) (hits, filtered int) {
	t.Helper()
	for _, l := range lines {
		_, hit := assignedSecret(l)
		pass := namesSecretVariable(l, secretVarPrefixes)
		if hit && !pass {
			t.Errorf("the filter hides a hit: %q", l)
		}
		if hit {
			hits++
		}
		if !pass && presentIn(l, secretVarPrefixes) != nil {
			filtered++
		}
	}
	t.Logf("%d lines, %d hits, %d lines with a secret prefix spared the pattern", len(lines), hits, filtered)
	return hits, filtered
}

// presentVarPrefixes answers as presentIn does, on crafted text (prefixes
// at the start and end, inside identifiers, after lower case) and on
// every line of the test data and the corpus.
func TestPresentVarPrefixesAgrees(t *testing.T) {
	if len(secretVarPrefixes) > 32 {
		t.Fatalf("%d prefixes do not fit the one-pass search's mask", len(secretVarPrefixes))
	}
	texts := [][]byte{nil, []byte("_"), []byte("SM_"), []byte("xSM_"), []byte("sm_ Sm_ SM"), []byte("A_APPLE_X TAURI__"),
		[]byte("__SIGNTOOL_ SIGNING_CODESIGN_"), []byte("KEYSTORE"), []byte("android_ ANDROID_")}
	texts = append(texts, treeLines("../testdata")...)
	texts = append(texts, treeLines(testenv.Shared(t, "corpus"))...)
	found := 0
	for _, text := range texts {
		got, want := presentVarPrefixes(text), presentIn(text, secretVarPrefixes)
		if !slices.EqualFunc(got, want, bytes.Equal) {
			t.Fatalf("%q: got %q, want %q", text, got, want)
		}
		found += len(got)
	}
	if found < 10 {
		t.Errorf("only %d prefixes found: the comparison proves little", found)
	}
}

// Every secret marker starts with a comment marker, so text without one
// skips the marker search.
func TestSecretMarkersStartWithACommentMarker(t *testing.T) {
	for _, m := range secretMarkers {
		if !commentMarked(m) || !slices.ContainsFunc(commentMarkers, func(c []byte) bool { return bytes.HasPrefix(m, c) }) {
			t.Errorf("secret marker %q starts with no comment marker", m)
		}
	}
	if commentMarked([]byte("untrusted comment")) || !commentMarked([]byte("x\nuntrusted comment: minisign public key")) {
		t.Error("commentMarked")
	}
}
