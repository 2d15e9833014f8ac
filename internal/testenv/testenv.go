// Package testenv finds the workspace's shared folder (specs, corpus,
// SARIF schema) that some tests read. In a fresh clone it is absent and
// those tests skip, naming what is missing; CI sets RequireShared=1 so
// that a missing folder fails instead of silently skipping.
package testenv

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// RequireShared is the environment variable that turns skips into failures.
const RequireShared = "TAURIAUDIT_REQUIRE_SHARED"

// Shared returns the path of rel (slash-separated) inside the shared
// folder beside the repository (../shared from the module root). When it
// does not exist the test skips, or fails when RequireShared is "1".
func Shared(t testing.TB, rel string) string {
	t.Helper()
	p, err := sharedPath(rel)
	if err == nil {
		return p
	}
	if os.Getenv(RequireShared) == "1" {
		t.Fatalf("%v; this test needs the workspace's shared folder, which %s=1 requires", err, RequireShared)
	} else {
		t.Skipf("%v; this test needs the workspace's shared folder (set %s=1 to make this a failure)", err, RequireShared)
	}
	return ""
}

// sharedPath locates rel under ../shared of the module root, the nearest
// directory above the working directory that holds go.mod.
func sharedPath(rel string) (string, error) {
	root, err := moduleRoot()
	if err != nil {
		return "", err
	}
	p := filepath.Join(filepath.Dir(root), "shared", filepath.FromSlash(rel))
	if _, err := os.Stat(p); err != nil {
		return "", fmt.Errorf("%s is missing", p)
	}
	return p, nil
}

func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d, nil
		}
		if filepath.Dir(d) == d {
			return "", fmt.Errorf("no go.mod above %s", dir)
		}
	}
}
