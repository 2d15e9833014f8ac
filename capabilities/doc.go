// Package capabilities is tauriaudit's model of Tauri v2 access control:
// capability files and inline capabilities, permission manifests (plugin,
// app, core built-ins and the committed gen/schemas/acl-manifests.json),
// the build-time resolution of both into allowed and denied commands with
// scopes, and the runtime matching of an IPC call against that result.
//
// It follows ../shared/spec/tauri-acl.md (cited as "tauri-acl §N") and is
// pure: it reads no files. A loader discovers and parses the documents
// (keeping positions in source.Node trees) and hands them in; everything
// returned keeps the nodes it came from, so findings point at file and
// line. Problems never stop the work: each is reported with its position
// and the Tauri stage it breaks, and the rest is still resolved.
//
// Typical use, per app and then per build target:
//
//	model := capabilities.Load(capabilities.Inputs{...})
//	t := model.Resolve(source.Linux, mergedConfig.Get("app").Get("security").Get("capabilities"))
//	hits := t.Resolved.ResolveAccess("plugin:fs|read_file", "main", "main", capabilities.LocalOrigin())
//
// Building blocks:
//
//   - ParseIdentifier: permission identifiers (§4).
//   - DiscoverCapabilityFiles, DiscoverPermissionFiles, CapabilityExtensions:
//     which files tauri-build reads (§3.4, §5.3).
//   - ParseCapabilityDoc, ParseCapabilityFiles, ParseGeneratedCapabilities,
//     ParseConfigCapabilities, Select: capabilities and which ones a build
//     enables (§3).
//   - ParsePermissionFile, NewManifest, PluginManifest, AppManifest,
//     ParseACLManifests, CoreManifests, LoadACL: the manifests (§5, §6, §10).
//   - Validate and Resolve: tauri-build's check and codegen's resolution
//     for one target (§7, §8).
//   - Resolved.ResolveAccess, Resolved.Allows, ACLChecked, IsLocalURL,
//     CompileGlob, CompileRemoteURL: runtime matching (§9).
//
// Results share slices (a capability's compiled globs are shared by all
// its grants); callers must not modify them.
package capabilities
