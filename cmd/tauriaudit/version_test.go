package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"
)

func TestStampFallsBackToBuildInfo(t *testing.T) {
	bi := &debug.BuildInfo{Main: debug.Module{Version: "v1.4.0"}, Settings: []debug.BuildSetting{
		{Key: "vcs.revision", Value: "0123abc"}, {Key: "vcs.time", Value: "2026-01-02T03:04:05Z"},
	}}
	got := stampFrom("", "", "", bi)
	want := buildStamp{Version: "v1.4.0", Commit: "0123abc", Date: "2026-01-02T03:04:05Z"}
	if got != want {
		t.Fatalf("stampFrom = %+v, want %+v", got, want)
	}
	if got := stampFrom("2.0.0", "fff", "", bi); got.Version != "2.0.0" || got.Commit != "fff" || got.Date != "2026-01-02T03:04:05Z" {
		t.Fatalf("ldflags values must win over build info: %+v", got)
	}
	if got := stampFrom("", "", "", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}); got.line() != "tauriaudit devel" {
		t.Fatalf("no stamp: %q", got.line())
	}
}

func TestVersionFlagAndCommandAgree(t *testing.T) {
	for _, args := range [][]string{{"--version"}, {"version"}} {
		var out, errb bytes.Buffer
		if code := run(context.Background(), args, &out, &errb); code != 0 {
			t.Fatalf("%v: exit %d, stderr %q", args, code, errb.String())
		}
		if want := currentStamp().line() + "\n"; out.String() != want {
			t.Errorf("%v printed %q, want %q", args, out.String(), want)
		}
	}
}

// TestLdflagsStamp builds the binary the way the release builder does and
// checks that both forms print the stamped values.
func TestLdflagsStamp(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := filepath.Join(t.TempDir(), "tauriaudit")
	ld := "-s -w -X main.version=9.8.7 -X main.commit=deadbeefcafe -X main.date=2026-12-06T10:00:00Z"
	build := exec.Command("go", "build", "-trimpath", "-ldflags", ld, "-o", bin, ".")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	want := "tauriaudit 9.8.7 (commit deadbeefcafe, built 2026-12-06T10:00:00Z)\n"
	for _, arg := range []string{"--version", "version"} {
		out, err := exec.Command(bin, arg).Output()
		if err != nil {
			t.Fatalf("%s: %v", arg, err)
		}
		if string(out) != want {
			t.Errorf("%s printed %q, want %q", arg, out, want)
		}
	}
	if out, _ := exec.Command(bin, "--help").Output(); !strings.Contains(string(out), "--version") {
		t.Error("--help does not list --version")
	}
}
