package plugindb

import "encoding/json"

// FormatVersion is the version of the data layout below.
const FormatVersion = 1

// Data is the embedded database, written by internal/plugindbgen. Every
// distinct permission, set and global scope schema is stored once; a
// manifest is a list of indexes into those pools, and releases of one key
// that ship the same permissions share one manifest.
type Data struct {
	Format int `json:"format"`
	// Sources name where releases were read: "repo@commit (what)".
	Sources     []string          `json:"sources"`
	Permissions []json.RawMessage `json:"permissions"`
	Sets        []json.RawMessage `json:"sets"`
	Schemas     []json.RawMessage `json:"schemas"`
	Manifests   []Manifest        `json:"manifests"`
	// Keys are manifest keys ("fs", "core", "core:window"...) with their
	// known releases in ascending version order. Core keys are versioned
	// by the tauri crate, plugin keys by the plugin crate.
	Keys map[string][]Release `json:"keys"`
	// Empty are official plugins whose releases define no permission
	// (single-instance...): tauri-build gives them no manifest.
	Empty []string `json:"empty,omitempty"`
}

// Manifest is one manifest as indexes into the pools; -1 means none.
type Manifest struct {
	Default     int   `json:"d"`
	Permissions []int `json:"p,omitempty"`
	Sets        []int `json:"s,omitempty"`
	Schema      int   `json:"g"`
}

// Release is one version of a key and the sources that showed it.
type Release struct {
	Version  string `json:"v"`
	Manifest int    `json:"m"`
	Sources  []int  `json:"s"`
}
