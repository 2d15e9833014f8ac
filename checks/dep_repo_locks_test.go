package checks

import (
	"context"
	"testing"
	"testing/fstest"

	"github.com/tauriaudit/tauriaudit/rules"
)

// TestRepoLockfilesOnceAtRepoLevel: findings in a lockfile no app builds
// with name no app, come once with two apps, and Tauri advisories there are
// notes.
func TestRepoLockfilesOnceAtRepoLevel(t *testing.T) {
	fsys := fstest.MapFS{
		"a/tauri.conf.json": {Data: []byte(`{"identifier":"com.example.a"}`)},
		"b/tauri.conf.json": {Data: []byte(`{"identifier":"com.example.b"}`)},
		"tools/package-lock.json": {Data: []byte(`{"lockfileVersion":3,"packages":{"node_modules/@tauri-apps/plugin-shell":
			{"version":"2.0.0","resolved":"https://registry.npmjs.org/@tauri-apps/plugin-shell/-/plugin-shell-2.0.0.tgz","integrity":"sha512-a"}}}`)},
	}
	ps, err := rules.LoadFS(context.Background(), fsys, rules.LoadOptions{})
	if err != nil || len(ps) != 2 {
		t.Fatalf("load: %v, %d apps", err, len(ps))
	}
	res := rules.Run(context.Background(), ps, []*rules.Rule{ShellOpenProtocolBypass})
	if len(res.Findings) != 1 {
		t.Fatalf("findings = %+v, want one", res.Findings)
	}
	f := res.Findings[0]
	if f.App != "" || f.Level != rules.Note || f.Location.File != "tools/package-lock.json" {
		t.Errorf("finding app %q level %s file %s, want repository level, note, tools/package-lock.json", f.App, f.Level, f.Location.File)
	}
}
