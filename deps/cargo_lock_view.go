package deps

// LockedCrate returns the Cargo.lock entry of crate name that the app
// crate builds with, or nil when the crate is not locked. This is the one
// answer to "which tauri (or plugin) version does the app use" when a
// lockfile holds several versions of a crate (a workspace with two apps,
// a stale tool crate):
//
//  1. the version the app crate's own entry lists in its `dependencies`
//     ("tauri" when only one is locked, "tauri 2.1.0" or
//     "tauri 2.1.0 (source)" when several are);
//  2. otherwise (the app crate is not in the lock, or reaches the crate
//     only through another crate) the highest locked version, by Cargo's
//     order.
//
// app is the app crate's [package] name; "" skips step 1. lk may be nil.
func (lk *Lockfile) LockedCrate(app, name string) *LockEntry {
	if lk == nil {
		return nil
	}
	all := lk.Packages(name)
	if len(all) <= 1 {
		if len(all) == 1 {
			return all[0]
		}
		return nil
	}
	if e := lk.appDependency(app, name, all); e != nil {
		return e
	}
	return highestCargo(all)
}

// appDependency reads the dependency on name from the app crate's own
// entry: a workspace or path package (no source) called app.
func (lk *Lockfile) appDependency(app, name string, cands []*LockEntry) *LockEntry {
	if app == "" {
		return nil
	}
	for _, e := range lk.Packages(app) {
		if e.Resolved != "" {
			continue // a registry crate of the same name, not the app
		}
		for _, s := range e.Dependencies {
			d := ParseCargoLockDep(s)
			if d.Name != name || d.Version == "" {
				continue
			}
			for _, c := range cands {
				if c.Version == d.Version && (d.Source == "" || d.Source == c.Resolved) {
					return c
				}
			}
		}
	}
	return nil
}

// highestCargo returns the highest version of entries by Cargo's order;
// versions Cargo could not parse rank lowest, and ties keep file order.
func highestCargo(entries []*LockEntry) *LockEntry {
	var best *LockEntry
	for _, e := range entries {
		if best == nil {
			best = e
			continue
		}
		c, ok := CompareCargo(e.Version, best.Version)
		if ok && c > 0 || !ok && validVersion(e.Version) {
			best = e
		}
	}
	return best
}

func validVersion(s string) bool {
	_, err := ParseVersion(s)
	return err == nil
}
