package rules

import (
	"context"
	"io/fs"
	"slices"
	"testing"
	"testing/fstest"
)

func TestIsTauriInput(t *testing.T) {
	for p, want := range map[string]bool{
		"src-tauri/tauri.conf.json":          true,
		"src-tauri/tauri.macos.conf.json5":   true,
		"Tauri.toml":                         true,
		"src-tauri/Tauri.windows.toml":       true,
		"src-tauri/capabilities/main.json":   true,
		"src-tauri/capabilities/sub/x.toml":  true,
		"src-tauri/permissions/p.toml":       true,
		"src-tauri/Cargo.toml":               true,
		"src-tauri/Cargo.lock":               true,
		"pnpm-lock.yaml":                     true,
		"web/package.json":                   true,
		"src-tauri/capabilities/README.md":   false,
		"dist/index.html":                    false,
		"dist/data.json":                     false,
		"src-tauri/icons/icon.png":           false,
		"src-tauri/tauri.conf.json.bak":      false,
		".github/workflows/release.yml":      false,
		"docs/capabilities-overview/x.json":  false,
		"src-tauri/gen/schemas/desktop.json": false,
	} {
		if got := isTauriInput(p); got != want {
			t.Errorf("isTauriInput(%q) = %v, want %v", p, got, want)
		}
	}
}

// A Tauri input the scan cannot read (a FIFO, a folder where a file
// belongs) is an unread input, reported as an error; other files that
// cannot be read stay ordinary problems.
func TestUnreadInputs(t *testing.T) {
	fsys := fstest.MapFS{
		"src-tauri/tauri.conf.json":             {Data: []byte(`{"identifier": "com.example.app"}`)},
		"src-tauri/Cargo.lock":                  {Mode: fs.ModeNamedPipe},
		"src-tauri/capabilities/x.json/inner":   {Data: []byte("{}")},
		"src-tauri/capabilities/ok.json":        {Data: []byte(`{"identifier": "ok", "permissions": []}`)},
		"dist/fifo.json":                        {Mode: fs.ModeNamedPipe},
		"src-tauri/permissions/dev.toml":        {Mode: fs.ModeDevice},
		"src-tauri/capabilities/notes/todo.txt": {Mode: fs.ModeNamedPipe},
	}
	ps, err := LoadFS(context.Background(), fsys, LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	ps[0].Read("dist/fifo.json")
	var got []string
	for _, pr := range ps[0].UnreadInputs() {
		if pr.Level != Error {
			t.Errorf("%s: level %s", pr.Loc.File, pr.Level)
		}
		got = append(got, pr.Loc.File+": "+pr.Msg)
	}
	slices.Sort(got)
	want := []string{
		"src-tauri/Cargo.lock: not a regular file; skipped",
		"src-tauri/capabilities/x.json: a folder, where a file belongs",
		"src-tauri/permissions/dev.toml: not a regular file; skipped",
	}
	if !slices.Equal(got, want) {
		t.Errorf("unread inputs:\n got %q\nwant %q", got, want)
	}
	for _, pr := range ps[0].Problems() {
		if pr.Loc.File == "dist/fifo.json" && pr.Input {
			t.Error("a FIFO that is no Tauri input fails the scan")
		}
	}
}
