package buildvariant

import (
	"slices"
	"testing"

	"github.com/tauriaudit/tauriaudit/internal/shell"
)

func TestFindBuild(t *testing.T) {
	scripts := map[string]string{
		"tauri":         "tauri",
		"build:release": "npm run tauri build -- -c src-tauri/release.conf.json",
		"build:beta":    "pnpm tauri build --config beta.json && echo done",
		"dev":           "tauri dev -c dev.json",
		"loop":          "npm run loop",
	}
	look := func(name string) (string, bool) { s, ok := scripts[name]; return s, ok }
	cases := []struct {
		line    string
		want    []string
		script  string
		isBuild bool
	}{
		{line: "tauri build --config release.json", want: []string{"release.json"}, isBuild: true},
		{line: "tauri build -c a.json -c b.json", want: []string{"a.json", "b.json"}, isBuild: true},
		{line: "tauri build --config=a.json", want: []string{"a.json"}, isBuild: true},
		{line: `tauri build --config '{"bundle":{"active":false}}'`, want: []string{`{"bundle":{"active":false}}`}, isBuild: true},
		{line: "cargo tauri build -c x.json", want: []string{"x.json"}, isBuild: true},
		{line: "cargo +nightly tauri build --config x.json", want: []string{"x.json"}, isBuild: true},
		{line: "npx tauri build -c x.json", want: []string{"x.json"}, isBuild: true},
		{line: "npx -y @tauri-apps/cli@2.1.0 build -c x.json", want: []string{"x.json"}, isBuild: true},
		{line: "bunx tauri build --config x.json", want: []string{"x.json"}, isBuild: true},
		{line: "pnpm exec tauri build --config x.json", want: []string{"x.json"}, isBuild: true},
		{line: "npm run tauri build -- -c x.json", want: []string{"x.json"}, script: "tauri", isBuild: true},
		{line: "npm run tauri -- build -c x.json", want: []string{"x.json"}, script: "tauri", isBuild: true},
		{line: "pnpm tauri build --config x.json", want: []string{"x.json"}, script: "tauri", isBuild: true},
		{line: "pnpm --filter app tauri build --config x.json", want: []string{"x.json"}, script: "tauri", isBuild: true},
		{line: "yarn tauri build --config x.json", want: []string{"x.json"}, script: "tauri", isBuild: true},
		{line: "yarn run tauri build -c x.json", want: []string{"x.json"}, script: "tauri", isBuild: true},
		{line: "bun run tauri build -c x.json", want: []string{"x.json"}, script: "tauri", isBuild: true},
		{line: "bun tauri build -c x.json", want: []string{"x.json"}, script: "tauri", isBuild: true},
		{line: "deno task tauri build -c x.json", want: []string{"x.json"}, script: "tauri", isBuild: true},
		{line: "npm run build:release", want: []string{"src-tauri/release.conf.json"}, script: "build:release", isBuild: true},
		{line: "pnpm build:beta", want: []string{"beta.json"}, script: "build:beta", isBuild: true},
		{line: "tauri android build -c m.json", want: []string{"m.json"}, isBuild: true},
		{line: "tauri build", isBuild: true},
		{line: "tauri build -- --config not-tauris.json", isBuild: true},
		// npm without -- keeps the flags for itself.
		{line: "npm run tauri build -c x.json", script: "tauri", isBuild: true},
		// Not builds.
		{line: "tauri dev -c x.json"},
		{line: "npm run dev"},
		{line: "npm run loop"},
		{line: "cargo build --config x.toml"},
		{line: "pnpm install --frozen-lockfile"},
		{line: "echo tauri build -c x.json"},
	}
	for _, c := range cases {
		cmds := shell.Split(c.line)
		b, ok := FindBuild(cmds[0].Words, look)
		if ok != c.isBuild || !slices.Equal(b.Configs, c.want) || b.Script != c.script {
			t.Errorf("%s: got %v %q script %q, want %v %q script %q", c.line, ok, b.Configs, b.Script, c.isBuild, c.want, c.script)
		}
	}
}

func TestFindBuildNoScripts(t *testing.T) {
	// Without a script named tauri, pnpm runs node_modules/.bin/tauri.
	b, ok := FindBuild(shell.Split("pnpm tauri build -c x.json")[0].Words, nil)
	if !ok || !slices.Equal(b.Configs, []string{"x.json"}) {
		t.Fatalf("got %v %v", b, ok)
	}
}

func TestIsInline(t *testing.T) {
	if !IsInline(`{"a":1}`) || IsInline("a.json") || IsInline(" {") {
		t.Fatal("IsInline follows tauri-cli's starts_with('{')")
	}
}
