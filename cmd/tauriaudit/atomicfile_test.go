package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// killHelperEnv names the report file the helper process writes.
const killHelperEnv = "TAURIAUDIT_TEST_KILL_MID_WRITE"

// -o FILE interrupted by SIGKILL leaves the old report intact: a helper
// process (this test binary) starts writing a report, says so, and is
// killed while its render is blocked halfway.
func TestOutputSurvivesKillMidWrite(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no SIGKILL")
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "report.json")
	old := []byte(`{"old": "report"}` + "\n")
	if err := os.WriteFile(out, old, 0o640); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestKillMidWriteHelper$")
	cmd.Env = append(os.Environ(), killHelperEnv+"="+out)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil || line != "mid-write\n" {
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatalf("helper said %q (%v), want mid-write", line, err)
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	if got, err := os.ReadFile(out); err != nil || !bytes.Equal(got, old) {
		t.Fatalf("after the kill the report holds %.60q (%v), want the old report", got, err)
	}
	// The half-written temporary file is what the kill left: proof it
	// came mid-write.
	temps, _ := filepath.Glob(filepath.Join(dir, ".tauriaudit-*"))
	if len(temps) != 1 {
		t.Fatalf("%d temporary files beside the report, want the one being written", len(temps))
	}
	if data, _ := os.ReadFile(temps[0]); !bytes.HasPrefix(data, []byte(`{"new":`)) {
		t.Errorf("the temporary file holds %.40q, not the half report", data)
	}
}

// TestKillMidWriteHelper is the process killed above; it does nothing in
// a normal test run.
func TestKillMidWriteHelper(t *testing.T) {
	out := os.Getenv(killHelperEnv)
	if out == "" {
		t.Skip("helper process only")
	}
	writeFileAtomic(out, func(w io.Writer) error {
		fmt.Fprintf(w, `{"new": "%s`, strings.Repeat("x", 1<<16))
		fmt.Println("mid-write")
		select {} // killed here
	})
	t.Fatal("the write returned")
}

func TestWriteFileAtomic(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "r.txt")
	write := func(s string) error {
		return writeFileAtomic(out, func(w io.Writer) error { _, err := io.WriteString(w, s); return err })
	}
	// A new file gets os.Create's permissions.
	if err := write("one"); err != nil {
		t.Fatal(err)
	}
	ref, err := os.Create(filepath.Join(dir, "ref"))
	if err != nil {
		t.Fatal(err)
	}
	ref.Close()
	if a, b := modeOf(t, out), modeOf(t, ref.Name()); a != b {
		t.Errorf("new report has mode %v, os.Create gives %v", a, b)
	}
	// A replaced file keeps its own.
	if err := os.Chmod(out, 0o604); err != nil {
		t.Fatal(err)
	}
	if err := write("two"); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(out); string(got) != "two" || modeOf(t, out) != 0o604 {
		t.Errorf("replaced report: %q, mode %v; want \"two\", 0604", got, modeOf(t, out))
	}
	// A failed render leaves the old file and no temporary file.
	boom := errors.New("boom")
	if err := writeFileAtomic(out, func(w io.Writer) error { io.WriteString(w, "three"); return boom }); !errors.Is(err, boom) {
		t.Fatalf("render error: %v", err)
	}
	if got, _ := os.ReadFile(out); string(got) != "two" {
		t.Errorf("after a failed render the report holds %q", got)
	}
	if temps, _ := filepath.Glob(filepath.Join(dir, ".tauriaudit-*")); len(temps) != 0 {
		t.Errorf("temporary files left: %v", temps)
	}
}

func modeOf(t *testing.T, p string) os.FileMode {
	t.Helper()
	fi, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Mode().Perm()
}
