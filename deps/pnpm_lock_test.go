package deps

import (
	"strings"
	"testing"
)

const pnpmV5 = `
lockfileVersion: 5.4

specifiers:
  '@tauri-apps/api': ^1.0.0
  react: ^18.0.0

dependencies:
  '@tauri-apps/api': 1.0.2
  react: 18.2.0

packages:

  /@tauri-apps/api/1.0.2:
    resolution: {integrity: sha512-yuM=}
    engines: {node: '>= 12.22.0'}
    dev: false

  /react-dom/18.2.0_react@18.2.0:
    resolution: {integrity: sha512-6IM=}
    peerDependencies:
      react: ^18.2.0
    dependencies:
      loose-envify: 1.4.0
      react: 18.2.0
    dev: true

  github.com/user/repo/97edff6f525f192a3f83cea1944765f769ae2678:
    resolution: {tarball: https://codeload.github.com/user/repo/tar.gz/97edff6f525f192a3f83cea1944765f769ae2678}
    name: repo-pkg
    version: 1.0.0
    dev: false
`

const pnpmV6 = `
lockfileVersion: '6.0'

settings:
  autoInstallPeers: true

dependencies:
  '@tauri-apps/cli':
    specifier: 2.0.0-alpha.10
    version: 2.0.0-alpha.10

packages:

  /@tauri-apps/cli@2.0.0-alpha.10:
    resolution: {integrity: sha512-Abc=}
    engines: {node: '>= 10'}
    hasBin: true
    dev: false

  /react-dom@18.2.0(react@18.2.0):
    resolution: {integrity: sha512-6IM=}
    dependencies:
      react: 18.2.0
    dev: true

  /local@file:../local:
    resolution: {directory: ../local, type: directory}
    name: local
    dev: false

  /g@git+https://github.com/x/g.git#0123456789abcdef0123456789abcdef01234567:
    resolution: {commit: 0123456789abcdef0123456789abcdef01234567, repo: https://github.com/x/g.git, type: git}
    name: g
    version: 0.3.0
`

const pnpmV9 = `
lockfileVersion: '9.0'

settings:
  autoInstallPeers: true
  excludeLinksFromLockfile: false

importers:

  .:
    dependencies:
      '@tauri-apps/api':
        specifier: ^2.11.1
        version: 2.11.1

packages:

  '@CuriousCorrelation/plugin-appload@https://codeload.github.com/CuriousCorrelation/tauri-plugin-appload/tar.gz/9d4528be4f385bccbe46859631d31aa2ee1ec0b6':
    resolution: {gitHosted: true, integrity: sha512-fH4=, tarball: https://codeload.github.com/CuriousCorrelation/tauri-plugin-appload/tar.gz/9d4528be4f385bccbe46859631d31aa2ee1ec0b6}
    version: 0.1.0

  '@tauri-apps/api@2.11.1':
    resolution: {integrity: sha512-gyP=}

  '@tauri-apps/plugin-window@2.0.0-alpha.1':
    resolution: {integrity: sha512-laJ=}

  left-pad@1.3.0:
    resolution: {tarball: http://evil.example.com/left-pad-1.3.0.tgz}

  react-dom@18.2.0:
    resolution: {integrity: sha512-6IM=}
    peerDependencies:
      react: ^18.2.0

snapshots:

  react-dom@18.2.0(react@18.2.0):
    dependencies:
      react: 18.2.0
`

func TestPnpmLockV5(t *testing.T) {
	f := file("pnpm-lock.yaml", pnpmV5)
	lk, err := ParsePnpmLock(f)
	if err != nil {
		t.Fatal(err)
	}
	noDiags(t, "v5", lk.Diagnostics)
	if lk.Version != "5.4" || len(lk.Entries) != 3 {
		t.Fatalf("version %q, %d entries", lk.Version, len(lk.Entries))
	}
	api := entry(t, lk, "@tauri-apps/api", "1.0.2")
	if api.Source != SourceRegistry || api.Integrity != "sha512-yuM=" || at(api.Loc) != "13:3" || text(f, api.Loc) != "/@tauri-apps/api/1.0.2" {
		t.Errorf("api = %+v", api)
	}
	rd := entry(t, lk, "react-dom", "18.2.0")
	if !rd.Dev || strings.Join(rd.Dependencies, ",") != "loose-envify,react" {
		t.Errorf("react-dom = %+v", rd)
	}
	repo := entry(t, lk, "repo-pkg", "1.0.0")
	if repo.Source != SourceGit || repo.Git().Commit != "97edff6f525f192a3f83cea1944765f769ae2678" || at(repo.VersionLoc) != "30:14" {
		t.Errorf("repo = %+v", repo)
	}
}

func TestPnpmLockV6(t *testing.T) {
	lk, err := ParsePnpmLock(file("pnpm-lock.yaml", pnpmV6))
	if err != nil {
		t.Fatal(err)
	}
	noDiags(t, "v6", lk.Diagnostics)
	if lk.Version != "6.0" || len(lk.Entries) != 4 {
		t.Fatalf("version %q, %d entries", lk.Version, len(lk.Entries))
	}
	cli := entry(t, lk, "@tauri-apps/cli", "2.0.0-alpha.10")
	if hits := Match([]*LockEntry{cli}); len(hits) != 1 || hits[0].Advisory.Rule != "TA-DEP-104" {
		t.Errorf("hits = %+v", hits)
	}
	entry(t, lk, "react-dom", "18.2.0")
	if l := entry(t, lk, "local", ""); l.Source != SourcePath || l.Resolved != "file:../local" {
		t.Errorf("local = %+v", l)
	}
	g := entry(t, lk, "g", "0.3.0")
	if g.Source != SourceGit || g.Git().Commit != "0123456789abcdef0123456789abcdef01234567" {
		t.Errorf("g = %+v", g)
	}
}

func TestPnpmLockV9(t *testing.T) {
	f := file("pnpm-lock.yaml", pnpmV9)
	lk, err := ParsePnpmLock(f)
	if err != nil {
		t.Fatal(err)
	}
	noDiags(t, "v9", lk.Diagnostics)
	if lk.Version != "9.0" || len(lk.Entries) != 5 {
		t.Fatalf("version %q, %d entries", lk.Version, len(lk.Entries))
	}
	app := entry(t, lk, "@CuriousCorrelation/plugin-appload", "0.1.0")
	if app.Source != SourceGit || app.Git().Commit != "9d4528be4f385bccbe46859631d31aa2ee1ec0b6" {
		t.Errorf("appload = %+v", app)
	}
	w := entry(t, lk, "@tauri-apps/plugin-window", "2.0.0-alpha.1")
	if !IsTauriComponent(w.Ecosystem, w.Name) || at(w.Loc) != "24:3" {
		t.Errorf("plugin-window at %s", at(w.Loc))
	}
	lp := entry(t, lk, "left-pad", "1.3.0")
	if lp.Source != SourceTarball || lp.Integrity != "" || text(f, lp.ResolvedLoc) != "http://evil.example.com/left-pad-1.3.0.tgz" {
		t.Errorf("left-pad = %+v", lp)
	}
	if hits := Match(lk.Entries); len(hits) != 0 {
		t.Errorf("hits = %+v", hits)
	}
}

func TestPnpmLockHostile(t *testing.T) {
	lk, err := ParsePnpmLock(file("pnpm-lock.yaml", "lockfileVersion: '42.0'\npackages: [1, 2]\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(lk.Diagnostics) != 2 || at(lk.Diagnostics[0].Loc) != "1:18" || at(lk.Diagnostics[1].Loc) != "2:11" {
		t.Errorf("diagnostics %v", lk.Diagnostics)
	}
	if _, err := ParsePnpmLock(file("pnpm-lock.yaml", "packages:\n  a@1:\n    resolution: {integrity: x\n")); err == nil {
		t.Error("truncated flow mapping must fail")
	} else if !strings.Contains(err.Error(), "pnpm-lock.yaml:") {
		t.Errorf("error without position: %v", err)
	}
	for n := 0; n < len(pnpmV9); n += 97 {
		ParsePnpmLock(file("pnpm-lock.yaml", pnpmV9[:n])) // must not panic
	}
}
