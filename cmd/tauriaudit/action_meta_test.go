package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// Checks of the GitHub Action's metadata (action.yml) and of the example
// workflow users copy (docs/example-workflow.yml).

const (
	actionPath        = "../../action.yml"
	examplePath       = "../../docs/example-workflow.yml"
	actionTableStart  = "<!-- action:start -->\n"
	actionTableFinish = "<!-- action:end -->"
)

type ghStep struct {
	Name string            `yaml:"name"`
	Uses string            `yaml:"uses"`
	Run  string            `yaml:"run"`
	With map[string]string `yaml:"with"`
	Env  map[string]string `yaml:"env"`
}

type actionMeta struct {
	Inputs  yaml.Node `yaml:"inputs"`
	Outputs yaml.Node `yaml:"outputs"`
	Runs    struct {
		Steps []ghStep `yaml:"steps"`
	} `yaml:"runs"`
}

type workflow struct {
	Permissions any `yaml:"permissions"`
	Jobs        map[string]struct {
		Permissions map[string]string `yaml:"permissions"`
		Steps       []ghStep          `yaml:"steps"`
	} `yaml:"jobs"`
}

// field is one input or output of the action, in file order.
type field struct {
	name, description, def string
}

func readYAML(t *testing.T, path string, v any) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(data, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return data
}

// fields lists a mapping of inputs or outputs in the order it is written.
func fields(t *testing.T, m *yaml.Node) []field {
	t.Helper()
	var out []field
	for i := 0; i+1 < len(m.Content); i += 2 {
		var attrs struct {
			Description string `yaml:"description"`
			Default     string `yaml:"default"`
		}
		if err := m.Content[i+1].Decode(&attrs); err != nil {
			t.Fatalf("%s: %v", m.Content[i].Value, err)
		}
		out = append(out, field{m.Content[i].Value, attrs.Description, attrs.Default})
	}
	return out
}

var (
	usesLine   = regexp.MustCompile(`(?m)^\s*(?:-\s+)?uses:\s*(\S+)(.*)$`)
	shaPinned  = regexp.MustCompile(`^[\w.-]+/[\w./-]+@[0-9a-f]{40}$`)
	versionTag = regexp.MustCompile(`^\s+# v\d+\.\d+\.\d+$`)
	inputsExpr = regexp.MustCompile(`\$\{\{[^}]*\binputs\.`)
	inputsRef  = regexp.MustCompile(`\binputs\.([\w-]+)`)
)

// checkPins: every uses: names a repository at a full commit SHA, with the
// release it is as a comment, and none is a local path.
func checkPins(t *testing.T, name string, data []byte) {
	t.Helper()
	uses := usesLine.FindAllSubmatch(data, -1)
	if len(uses) == 0 {
		t.Fatalf("%s: no uses: lines", name)
	}
	for _, m := range uses {
		if !shaPinned.Match(m[1]) {
			t.Errorf("%s: uses: %s is not owner/repo@<40-hex commit>", name, m[1])
		}
		if !versionTag.Match(m[2]) {
			t.Errorf("%s: uses: %s lacks a \"# vX.Y.Z\" comment naming its release", name, m[1])
		}
	}
}

// checkRuns: no run: script splices an input in; inputs reach scripts
// only through env:, which the shell does not re-parse.
func checkRuns(t *testing.T, name string, steps []ghStep) {
	t.Helper()
	for _, s := range steps {
		if inputsExpr.MatchString(s.Run) || strings.Contains(s.Run, "${{") {
			t.Errorf("%s: step %q expands an expression inside run:", name, s.Name)
		}
	}
}

func TestActionMetadata(t *testing.T) {
	var meta actionMeta
	data := readYAML(t, actionPath, &meta)
	checkPins(t, "action.yml", data)
	checkRuns(t, "action.yml", meta.Runs.Steps)

	declared := map[string]bool{}
	for _, in := range fields(t, &meta.Inputs) {
		declared[in.name] = true
		if in.description == "" {
			t.Errorf("input %s has no description", in.name)
		}
	}
	used := map[string]bool{}
	for _, m := range inputsRef.FindAllSubmatch(data, -1) {
		used[string(m[1])] = true
		if !declared[string(m[1])] {
			t.Errorf("action.yml reads inputs.%s, which it does not declare", m[1])
		}
	}
	for name := range declared {
		if !used[name] {
			t.Errorf("input %s is declared but never used", name)
		}
	}

	// Every TA_* variable handed to a script is one the script reads.
	for _, s := range meta.Runs.Steps {
		script := regexp.MustCompile(`scripts/[\w.-]+\.sh`).FindString(s.Run)
		if script == "" {
			continue
		}
		body, err := os.ReadFile("../../" + script)
		if err != nil {
			t.Fatal(err)
		}
		for env := range s.Env {
			if strings.HasPrefix(env, "TA_") && !strings.Contains(string(body), env) {
				t.Errorf("step %q sets %s, which %s never reads", s.Name, env, script)
			}
		}
	}
	for _, want := range []string{"contents: read", "security-events: write", "actions: read"} {
		if !strings.Contains(string(data), want) {
			t.Errorf("action.yml does not document the %q permission", want)
		}
	}
}

func TestExampleWorkflow(t *testing.T) {
	var meta actionMeta
	readYAML(t, actionPath, &meta)
	declared := map[string]bool{}
	for _, in := range fields(t, &meta.Inputs) {
		declared[in.name] = true
	}

	var wf workflow
	data := readYAML(t, examplePath, &wf)
	checkPins(t, "example", data)
	ours := 0
	for jobName, job := range wf.Jobs {
		checkRuns(t, "example job "+jobName, job.Steps)
		for perm, want := range map[string]string{"contents": "read", "security-events": "write", "actions": "read"} {
			if job.Permissions[perm] != want {
				t.Errorf("job %s: permissions.%s = %q, want %q", jobName, perm, job.Permissions[perm], want)
			}
		}
		usesHistory := false
		for _, s := range job.Steps {
			if !strings.HasPrefix(s.Uses, "tauriaudit/tauriaudit@") {
				continue
			}
			ours++
			for key := range s.With {
				if !declared[key] {
					t.Errorf("the example passes %s, which action.yml does not declare", key)
				}
			}
			usesHistory = s.With["git-range"] != "" || s.With["mode"] == "release"
		}
		for _, s := range job.Steps {
			if !strings.HasPrefix(s.Uses, "actions/checkout@") {
				continue
			}
			if s.With["persist-credentials"] != "false" {
				t.Errorf("checkout keeps the token in .git/config: set persist-credentials: false")
			}
			if (s.With["fetch-depth"] == "0") != usesHistory {
				t.Errorf("fetch-depth: 0 is needed exactly when history is audited (history: %v)", usesHistory)
			}
		}
	}
	if ours != 1 {
		t.Errorf("the example uses tauriaudit/tauriaudit@<sha> %d times, want once", ours)
	}
}

// TestExamplePinMatchesRelease: once the release tag named in the example's
// comment exists, the pinned commit must be the tag's.
func TestExamplePinMatchesRelease(t *testing.T) {
	data, err := os.ReadFile(examplePath)
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`tauriaudit/tauriaudit@([0-9a-f]{40}) # (v\S+)`).FindSubmatch(data)
	if m == nil {
		t.Fatal("the example does not pin tauriaudit/tauriaudit@<sha> # v<version>")
	}
	if !bytes.Contains(data, []byte("version: "+strings.TrimPrefix(string(m[2]), "v")+"\n")) {
		t.Errorf("the example's version input does not name the pinned release %s", m[2])
	}
	out, err := exec.Command("git", "rev-parse", "--verify", "-q", string(m[2])+"^{commit}").Output()
	if err != nil {
		t.Skipf("no tag %s in this clone: the pin is checked once the release exists", m[2])
	}
	if got := strings.TrimSpace(string(out)); got != string(m[1]) {
		t.Errorf("the example pins %s as %s, but the tag is at %s", m[1], m[2], got)
	}
}

// TestReadmeActionTable keeps the README's inputs and outputs tables equal
// to action.yml.
func TestReadmeActionTable(t *testing.T) {
	var meta actionMeta
	readYAML(t, actionPath, &meta)
	var table bytes.Buffer
	table.WriteString("| Input | Default | Description |\n|---|---|---|\n")
	for _, in := range fields(t, &meta.Inputs) {
		def := "`" + in.def + "`"
		if in.def == "" {
			def = ""
		}
		fmt.Fprintf(&table, "| `%s` | %s | %s |\n", in.name, def, mdCell(strings.TrimSpace(in.description)))
	}
	table.WriteString("\n| Output | Description |\n|---|---|\n")
	for _, out := range fields(t, &meta.Outputs) {
		fmt.Fprintf(&table, "| `%s` | %s |\n", out.name, mdCell(strings.TrimSpace(out.description)))
	}

	data, err := os.ReadFile(readmePath)
	if err != nil {
		t.Fatal(err)
	}
	i := bytes.Index(data, []byte(actionTableStart))
	j := bytes.Index(data, []byte(actionTableFinish))
	if i < 0 || j < i {
		t.Fatal("README.md has no action:start/action:end markers")
	}
	if bytes.Equal(data[i+len(actionTableStart):j], table.Bytes()) {
		return
	}
	if !*update {
		t.Fatal("README.md action table is out of date; run go test ./cmd/tauriaudit -update")
	}
	out := append(append(append([]byte{}, data[:i+len(actionTableStart)]...), table.Bytes()...), data[j:]...)
	if err := os.WriteFile(readmePath, out, 0o644); err != nil {
		t.Fatal(err)
	}
}
