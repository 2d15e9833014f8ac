package deps

import (
	"slices"
	"strings"
)

// App is what the dependency rules read about one Tauri app: its Cargo
// build, its frontend packages and lockfiles, and the repository's
// workflows. Files shared by several apps of a monorepo (a root
// Cargo.lock, the lockfiles, the workflows) are parsed once per scan.
type App struct {
	*Cargo
	// Packages are the frontend's package.json files; JSLocks the parsed
	// lockfiles next to (or above) them and JSLockPaths every lockfile
	// found, including the binary bun.lockb.
	Packages    []*PackageJSON
	JSLocks     []*Lockfile
	JSLockPaths []string
	// StaleJSLocks are lockfiles beside the one installs use, written by
	// another package manager (see LockChoices): no install reads them.
	StaleJSLocks []*Lockfile
	LockChoices  []*LockChoice
	// Workflows are the GitHub workflows at the scanned root (the ones
	// GitHub runs).
	Workflows []*Workflow
}

// Cargo is the app's Rust build as Cargo sees it.
type Cargo struct {
	// Manifest is the app crate's Cargo.toml (nil when there is none);
	// Root the workspace root manifest (Manifest itself outside a
	// workspace), RootDir its directory.
	Manifest *CargoManifest
	Root     *CargoManifest
	RootDir  string
	// Crates are the app crate, the local path dependencies reached from
	// it and the workspace root: every manifest that shapes the build.
	Crates []*CargoManifest
	// CargoLock is the nearest Cargo.lock (nil when none).
	CargoLock *Lockfile
}

// Locked returns the Cargo.lock entry of crate name the app builds with
// (see Lockfile.LockedCrate), or nil.
func (c *Cargo) Locked(name string) *LockEntry {
	if c == nil {
		return nil
	}
	app := ""
	if c.Manifest != nil && c.Manifest.Package != nil {
		app = c.Manifest.Package.Name
	}
	return c.CargoLock.LockedCrate(app, name)
}

// LockedVersion returns the version of Locked(name), or "".
func (c *Cargo) LockedVersion(name string) string {
	if e := c.Locked(name); e != nil {
		return e.Version
	}
	return ""
}

// WorkspaceDep returns the workspace root's [workspace.dependencies]
// entry name, or nil; paths in it are relative to RootDir.
func (c *Cargo) WorkspaceDep(name string) *CargoDep {
	if c == nil || c.Root == nil || c.Root.Workspace == nil {
		return nil
	}
	for _, d := range c.Root.Workspace.Dependencies {
		if d.Name == name {
			return d
		}
	}
	return nil
}

// WorkspaceRoot returns the directory of the app's workspace root
// manifest, or "" outside a workspace.
func (c *Cargo) WorkspaceRoot() string {
	if c == nil || c.Root == nil || c.Root.Workspace == nil {
		return ""
	}
	return c.RootDir
}

// AllLocks returns the Cargo.lock and the JS lockfiles.
func (a *App) AllLocks() []*Lockfile {
	var out []*Lockfile
	if a.CargoLock != nil {
		out = append(out, a.CargoLock)
	}
	return append(out, a.JSLocks...)
}

// CargoDeps returns every dependency declaration of the app's crates
// (their tables, [workspace.dependencies], [patch] and [replace]).
func (c *Cargo) CargoDeps() []*CargoDep {
	var out []*CargoDep
	for _, m := range c.Crates {
		out = append(out, m.Dependencies...)
		if m.Workspace != nil {
			out = append(out, m.Workspace.Dependencies...)
		}
		out = append(out, m.Patches...)
		out = append(out, m.Replace...)
	}
	return out
}

// IsExampleDir reports an app under an examples/ (or example/) folder:
// sample code that is rarely shipped.
func IsExampleDir(dir string) bool {
	return slices.ContainsFunc(strings.Split(dir, "/"), func(seg string) bool {
		return seg == "examples" || seg == "example"
	})
}
