package checks

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"slices"

	"github.com/tauriaudit/tauriaudit/rules"
	"github.com/tauriaudit/tauriaudit/rules/source"
)

// binBundle returns t's bundle section: bundle, or tauri.bundle in a v1
// (and 2.0 alpha) config, where deb and appimage sit directly under it.
func binBundle(t *rules.Target) *source.Node {
	if b := t.Config.Field("bundle"); b != nil {
		return b
	}
	return t.Config.Field("tauri").Field("bundle")
}

// bundleTargets returns bundle.targets as a list ("all" when absent, as
// Tauri defaults it).
func binTargets(t *rules.Target) []string {
	n := binBundle(t).Field("targets")
	if s, ok := n.Str(); ok {
		return []string{s}
	}
	var out []string
	for _, it := range n.Items() {
		out = append(out, it.String())
	}
	if n == nil {
		return []string{"all"}
	}
	return out
}

// buildsBundle reports whether t bundles any of kinds (or "all").
func binBuilds(t *rules.Target, kinds ...string) bool {
	if !binBundle(t).Field("active").IsTrue() {
		return false
	}
	for _, k := range binTargets(t) {
		if k == "all" || slices.Contains(kinds, k) {
			return true
		}
	}
	return false
}

// binField follows camelCase config keys from n (kebab-case accepted).
func binField(n *source.Node, keys ...string) *source.Node {
	for _, k := range keys {
		n = n.Field(k)
	}
	return n
}

// binAbsentLoc locates a finding about a missing key: the deepest
// existing object on the path, with the absent key's pointer.
func binAbsentLoc(root *source.Node, keys ...string) source.Location {
	n, i := root, 0
	for ; i < len(keys) && n.Field(keys[i]) != nil; i++ {
		n = n.Field(keys[i])
	}
	loc := n.Location()
	ptr := n.Pointer
	for _, k := range keys[i:] {
		ptr = source.Child(ptr, k)
	}
	loc.Pointer = ptr
	return loc
}

// sha256Hex hashes data ("" for nil).
func sha256Hex(data []byte) string {
	if data == nil {
		return ""
	}
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// lineSpan locates a whole 1-based line of f.
func lineSpan(f *source.File, line int) source.Location {
	off := 0
	for l := 1; l < line; l++ {
		i := bytes.IndexByte(f.Data[off:], '\n')
		if i < 0 {
			break
		}
		off += i + 1
	}
	end := bytes.IndexByte(f.Data[off:], '\n')
	if end < 0 {
		end = len(f.Data) - off
	}
	return f.Span(off, off+end)
}
