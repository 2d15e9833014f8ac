package signing

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
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
