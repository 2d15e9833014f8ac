package rules

import "testing"

// BlobPath names a repository path from the scanned root: inside it
// without the prefix, outside it with one ".." per prefix segment.
func TestBlobPath(t *testing.T) {
	for _, c := range []struct{ prefix, in, want string }{
		{"", "a/b.json", "a/b.json"},
		{"apps/desktop/", "apps/desktop/src-tauri/x.json", "src-tauri/x.json"},
		{"apps/desktop/", "lib/key.txt", "../../lib/key.txt"},
		{"app/", ".env", "../.env"},
	} {
		h := &GitHistory{Prefix: c.prefix}
		if got := h.BlobPath(c.in); got != c.want {
			t.Errorf("prefix %q: BlobPath(%q) = %q, want %q", c.prefix, c.in, got, c.want)
		}
	}
}
