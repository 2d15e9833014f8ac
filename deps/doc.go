// Package deps is tauriaudit's dependency model: Cargo manifests and
// lockfiles, npm manifests and the npm, pnpm, yarn and bun lockfiles,
// GitHub workflow files, Cargo and npm version requirements, and the
// advisory data the TA-DEP rules match against.
//
// The package is pure: callers read files and hand in *source.File values
// (or already parsed *source.Node trees); nothing here touches the file
// system. Every dependency, lock entry, version, `uses:` and `run:` carries
// a source.Location so findings point at the exact line.
//
// Parsers never panic on hostile input. Problems that leave the rest of a
// file usable are returned as *source.Error diagnostics next to the
// result; a file that cannot be read at all yields a positioned
// *source.Error as the error value.
package deps
