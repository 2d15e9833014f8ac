package rules

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// ReadHead never blocks on a FIFO, never leaves the root, reads at most
// n bytes, and records no problem.
func TestReadHeadRefusesWhatReadRefuses(t *testing.T) {
	root, outside := t.TempDir(), t.TempDir()
	write(t, root, "src-tauri/tauri.conf.json", []byte(`{"identifier": "com.example.app"}`))
	write(t, root, "src-tauri/bin/tool", bytes.Repeat([]byte("x"), 10000))
	write(t, outside, "secret", []byte("outside the root"))
	if err := os.Symlink(filepath.Join(outside, "secret"), filepath.Join(root, "src-tauri", "bin", "link")); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(root, "src-tauri", "bin", "fifo"), 0o644); err != nil {
		t.Fatal(err)
	}
	ps, err := Load(context.Background(), root, LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	p := ps[0]
	done := make(chan struct{})
	go func() {
		defer close(done)
		if got := p.ReadHead("src-tauri/bin/tool", 16); string(got) != "xxxxxxxxxxxxxxxx" {
			t.Errorf("tool: got %q, want the first 16 bytes", got)
		}
		for _, rel := range []string{"src-tauri/bin/link", "src-tauri/bin/fifo", "src-tauri/bin/absent", "../secret"} {
			if got := p.ReadHead(rel, 100); got != nil {
				t.Errorf("%s: read %q", rel, got)
			}
		}
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("ReadHead blocked")
	}
	if probs := p.Problems(); len(probs) != 0 {
		t.Errorf("ReadHead recorded problems: %v", probs)
	}
}
