package release

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func testEntries(t *testing.T) []Entry {
	dir := t.TempDir()
	for name, body := range map[string]string{"bin": "\x7fELF binary", "README.md": "# readme\n", "LICENSE": "license\n"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return []Entry{
		{Name: "tauriaudit", Path: filepath.Join(dir, "bin"), Exec: true},
		{Name: "README.md", Path: filepath.Join(dir, "README.md")},
		{Name: "LICENSE", Path: filepath.Join(dir, "LICENSE")},
	}
}

var commitDate = time.Date(2026, 12, 6, 10, 30, 0, 0, time.FixedZone("CET", 3600))

func TestTarGzIsReproducible(t *testing.T) {
	es := testEntries(t)
	var a, b bytes.Buffer
	if err := WriteTarGz(&a, es, commitDate); err != nil {
		t.Fatal(err)
	}
	reversed := []Entry{es[2], es[1], es[0]}
	if err := WriteTarGz(&b, reversed, commitDate); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("the archive depends on the order of the entries")
	}
	gz, err := gzip.NewReader(&a)
	if err != nil {
		t.Fatal(err)
	}
	if !gz.ModTime.IsZero() || gz.Name != "" {
		t.Errorf("gzip header carries a time or name: %v %q", gz.ModTime, gz.Name)
	}
	tr := tar.NewReader(gz)
	var names []string
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, h.Name)
		if !h.ModTime.Equal(commitDate) || h.Uid != 0 || h.Uname != "" {
			t.Errorf("%s: mtime %v uid %d uname %q", h.Name, h.ModTime, h.Uid, h.Uname)
		}
		if want := map[bool]int64{true: 0o755, false: 0o644}[h.Name == "tauriaudit"]; h.Mode != want {
			t.Errorf("%s: mode %o, want %o", h.Name, h.Mode, want)
		}
	}
	if got := fmtList(names); got != "LICENSE,README.md,tauriaudit" {
		t.Errorf("entries %s", got)
	}
}

func TestZipIsReproducible(t *testing.T) {
	es := testEntries(t)
	var a, b bytes.Buffer
	if err := WriteZip(&a, es, commitDate); err != nil {
		t.Fatal(err)
	}
	if err := WriteZip(&b, []Entry{es[1], es[0], es[2]}, commitDate); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("the zip depends on the order of the entries")
	}
	zr, err := zip.NewReader(bytes.NewReader(a.Bytes()), int64(a.Len()))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
		if !f.Modified.Equal(commitDate) {
			t.Errorf("%s: modified %v", f.Name, f.Modified)
		}
		if f.Name == "tauriaudit" && f.Mode().Perm() != 0o755 {
			t.Errorf("binary mode %v", f.Mode())
		}
	}
	if got := fmtList(names); got != "LICENSE,README.md,tauriaudit" {
		t.Errorf("entries %s", got)
	}
}

func fmtList(s []string) string {
	var b bytes.Buffer
	for i, x := range s {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(x)
	}
	return b.String()
}
