package deps

import (
	"testing"

	"github.com/tauriaudit/tauriaudit/rules/source"
)

func pkgJSON(t *testing.T, text string) *PackageJSON {
	t.Helper()
	pj, err := ParsePackageJSON(source.NewFile("package.json", []byte(text)))
	if err != nil {
		t.Fatal(err)
	}
	return pj
}

func runWorkflow(t *testing.T, lines ...string) *Workflow {
	t.Helper()
	text := "on: push\njobs:\n  b:\n    runs-on: x\n    steps:\n"
	for _, l := range lines {
		text += "      - run: " + l + "\n"
	}
	w, err := ParseWorkflow(source.NewFile(".github/workflows/w.yml", []byte(text)))
	if err != nil {
		t.Fatal(err)
	}
	return w
}

func TestChooseJSLock(t *testing.T) {
	two := []string{"package-lock.json", "pnpm-lock.yaml"}
	cases := []struct {
		name      string
		paths     []string
		pj        string
		workflows []*Workflow
		want      string // installed; "" for no decision
	}{
		{"packageManager", two, `{"packageManager":"pnpm@9.0.0"}`, nil, "pnpm-lock.yaml"},
		{"packageManager wins over CI", two, `{"packageManager":"npm@10.0.0"}`, []*Workflow{runWorkflow(t, "pnpm install --frozen-lockfile")}, "package-lock.json"},
		{"devEngines", two, `{"devEngines":{"packageManager":{"name":"pnpm"}}}`, nil, "pnpm-lock.yaml"},
		{"devEngines list", two, `{"devEngines":{"packageManager":[{"name":"npm"},{"name":"pnpm"}]}}`, nil, "package-lock.json"},
		{"manager without its lockfile", two, `{"packageManager":"yarn@4.0.0"}`, nil, ""},
		{"one CI manager", two, `{}`, []*Workflow{runWorkflow(t, "npm ci")}, "package-lock.json"},
		{"frozen decides between two", two, `{}`, []*Workflow{runWorkflow(t, "npm install", "pnpm i --frozen-lockfile")}, "pnpm-lock.yaml"},
		{"two unfrozen: undecided", two, `{}`, []*Workflow{runWorkflow(t, "npm install", "pnpm install")}, ""},
		{"bare yarn installs", []string{"yarn.lock", "bun.lockb"}, `{}`, []*Workflow{runWorkflow(t, "yarn")}, "yarn.lock"},
		{"one manager: nothing to decide", []string{"bun.lock", "bun.lockb"}, `{"packageManager":"bun@1.1.0"}`, nil, ""},
	}
	for _, c := range cases {
		got := ChooseJSLock(c.paths, pkgJSON(t, c.pj), c.workflows, nil)
		installed := ""
		if got != nil {
			installed = got.Installed
			if len(got.Stale) != len(c.paths)-1 {
				t.Errorf("%s: stale %v", c.name, got.Stale)
			}
		}
		if installed != c.want {
			t.Errorf("%s: installed %q, want %q", c.name, installed, c.want)
		}
	}
}
