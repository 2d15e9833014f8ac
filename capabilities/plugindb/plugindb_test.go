package plugindb_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/tauriaudit/tauriaudit/capabilities"
	"github.com/tauriaudit/tauriaudit/capabilities/plugindb"
	"github.com/tauriaudit/tauriaudit/rules/source"
	"golang.org/x/mod/semver"
)

func TestLookupChoosesRelease(t *testing.T) {
	known := plugindb.Versions("fs")
	newest := known[len(known)-1]
	for _, tc := range []struct {
		version, want, how, note string
	}{
		{"2.0.3", "2.0.3", plugindb.Exact, ""},
		// 2.4.3 was never seen: 2.4.2 is the nearest lower release held.
		{"2.4.3", "2.4.2", plugindb.NearestLower, "fs 2.4.3 is not in the embedded database; using the nearest lower known release 2.4.2"},
		{"9.1.0", newest, plugindb.Newest, "fs 9.1.0 is newer than the embedded database; using the newest known release " + newest},
		{"", newest, plugindb.Newest, "fs version unknown; using the newest known release " + newest},
		{"not-a-version", newest, plugindb.Newest, "fs version unknown"},
		{"1.0.0", "2.0.0", plugindb.Oldest, "fs 1.0.0 is older than the embedded database; using the oldest known release 2.0.0"},
	} {
		m, ok := plugindb.Lookup("fs", tc.version)
		if !ok {
			t.Fatalf("fs %q: not found", tc.version)
		}
		if m.Version != tc.want || m.How != tc.how {
			t.Errorf("fs %q: got %s (%s), want %s (%s)", tc.version, m.Version, m.How, tc.want, tc.how)
		}
		if !strings.HasPrefix(m.Note(), tc.note) || (tc.note == "") != (m.Note() == "") {
			t.Errorf("fs %q: note %q, want %q", tc.version, m.Note(), tc.note)
		}
		if len(m.Sources) == 0 {
			t.Errorf("fs %q: no source named", tc.version)
		}
	}
	if _, ok := plugindb.Lookup("tauri-plugin-unknown", "1.0.0"); ok {
		t.Error("an unknown key was found")
	}
}

// TestEveryReleaseParses loads every manifest the way the scanner does:
// as an acl-manifests.json document, without a problem.
func TestEveryReleaseParses(t *testing.T) {
	keys := []string{"core", "core:window", "fs", "shell", "dialog", "opener", "http", "updater", "log"}
	for _, key := range keys {
		vs := plugindb.Versions(key)
		if len(vs) == 0 {
			t.Fatalf("%s: no release", key)
		}
		for i, v := range vs {
			if i > 0 && semver.Compare("v"+vs[i-1], "v"+v) >= 0 {
				t.Errorf("%s: releases out of order: %s before %s", key, vs[i-1], v)
			}
			m, _ := plugindb.Lookup(key, v)
			root, _, err := source.ParseJSON(source.NewFile(key+".json", m.JSON), true)
			if err != nil {
				t.Fatalf("%s %s: %v", key, v, err)
			}
			ms, probs := capabilities.ParseACLManifests(root)
			if len(probs) > 0 || len(ms) != 1 || ms[0].Key != key || ms[0].Empty() && key != "core" {
				t.Fatalf("%s %s: %d manifests, problems %v", key, v, len(ms), probs)
			}
		}
	}
}

// TestFsWriteFile checks facts every fs release holds: allow-write-file
// and the write-all permission allow write_file.
func TestFsWriteFile(t *testing.T) {
	for _, v := range plugindb.Versions("fs") {
		m, _ := plugindb.Lookup("fs", v)
		root, _, _ := source.ParseJSON(source.NewFile("fs.json", m.JSON), true)
		ms, _ := capabilities.ParseACLManifests(root)
		fs := ms[0]
		for _, id := range []string{"allow-write-file", "write-all"} {
			if p := fs.Permissions[id]; p == nil || !slices.Contains(p.Commands.Allow, "write_file") {
				t.Errorf("fs %s: %s is %+v", v, id, p)
			}
		}
		if fs.Default == nil || fs.Sets["read-all"] != nil && len(fs.Sets["read-all"].Permissions) == 0 {
			t.Errorf("fs %s: no default set", v)
		}
	}
}

func TestNoPermissions(t *testing.T) {
	if !plugindb.NoPermissions("single-instance") || plugindb.NoPermissions("fs") {
		t.Error("single-instance should define no permissions, fs should")
	}
}

func TestCoreRelease(t *testing.T) {
	m, ok := plugindb.Core("2.8.2")
	if !ok || m.Version != "2.8.2" || m.How != plugindb.Exact || m.Note() != "" {
		t.Fatalf("core 2.8.2: %+v", m)
	}
	root, _, err := source.ParseJSON(source.NewFile("core.json", m.JSON), true)
	if err != nil {
		t.Fatal(err)
	}
	ms, probs := capabilities.ParseACLManifests(root)
	if len(probs) > 0 || len(ms) != 10 {
		t.Fatalf("%d core manifests, problems %v", len(ms), probs)
	}
	if m, _ := plugindb.Core("99.0.0"); m.How != plugindb.Newest || !strings.HasPrefix(m.Note(), "tauri 99.0.0 is newer") {
		t.Errorf("newer tauri: %+v %q", m, m.Note())
	}
}
