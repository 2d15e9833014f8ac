package rules

import (
	"context"
	"slices"
	"testing"
	"testing/fstest"

	"github.com/tauriaudit/tauriaudit/rules/source"
)

// Sidecars resolve each externalBin entry once, to the "<name>-*" files
// beside it, sorted by the platform their triple builds for.
func TestSidecarsResolveFilesPerPlatform(t *testing.T) {
	conf := `{"identifier": "com.example.app", "bundle": {"externalBin": ["bin/tool", "bin/tool", "bin/absent", ""]}}`
	fsys := fstest.MapFS{
		"tauri.conf.json":                       {Data: []byte(conf)},
		"bin/tool-x86_64-pc-windows-msvc.exe":   {Data: []byte("MZ")},
		"bin/tool-aarch64-apple-darwin":         {Data: []byte("x")},
		"bin/tool-custom":                       {Data: []byte("x")},
		"bin/toolbox-x86_64-unknown-linux-gnu":  {Data: []byte("x")},
		"bin/sub/tool-x86_64-unknown-linux-gnu": {Data: []byte("x")},
	}
	ps, err := LoadFS(context.Background(), fsys, LoadOptions{})
	if err != nil || len(ps) != 1 {
		t.Fatalf("LoadFS: %v, %d apps", err, len(ps))
	}
	got := Sidecars.Of(ps[0])
	if len(got) != 2 {
		t.Fatalf("got %d sidecars, want 2 (bin/tool once, bin/absent)", len(got))
	}
	tool, absent := got[0], got[1]
	if tool.Base != "bin/tool" || absent.Base != "bin/absent" {
		t.Fatalf("bases %q, %q", tool.Base, absent.Base)
	}
	wantFiles := []string{"bin/tool-aarch64-apple-darwin", "bin/tool-custom", "bin/tool-x86_64-pc-windows-msvc.exe"}
	if !slices.Equal(tool.Files, wantFiles) {
		t.Errorf("files = %q, want %q", tool.Files, wantFiles)
	}
	if w := tool.ByOS[source.Windows]; !slices.Equal(w, []string{"bin/tool-x86_64-pc-windows-msvc.exe"}) {
		t.Errorf("windows = %q", w)
	}
	if m := tool.ByOS[source.MacOS]; !slices.Equal(m, []string{"bin/tool-aarch64-apple-darwin"}) {
		t.Errorf("macos = %q", m)
	}
	if l := tool.ByOS[source.Linux]; len(l) != 0 {
		t.Errorf("linux = %q, want none", l)
	}
	if len(absent.Files) != 0 {
		t.Errorf("absent files = %q", absent.Files)
	}
}
