package capabilities

import (
	"testing"

	"github.com/tauriaudit/tauriaudit/rules/source"
)

// FuzzResolve parses a capability document and a permission file (JSON,
// else TOML) and runs selection, validation, resolution and runtime
// matching on them: nothing may panic or hang.
func FuzzResolve(f *testing.F) {
	f.Add(`{"identifier":"main","windows":["main-*"],"remote":{"urls":["https://*.a.com"]},"permissions":["x:s",{"identifier":"x:allow-a","allow":[1]},"core:default","allow-greet"]}`,
		`{"default":{"permissions":["allow-a","y:default"]},"permission":[{"identifier":"allow-a","commands":{"allow":["a"]},"scope":{"deny":["d"]}},{"identifier":"g","scope":{"allow":[]}}],"set":[{"identifier":"s","description":"","permissions":["allow-a","s","default","g"]}]}`)
	f.Add(`[{"identifier":"a","permissions":["x:default"],"platforms":["linux"]},{"capabilities":[]}]`,
		"[[set]]\nidentifier = \"default\"\ndescription = \"d\"\npermissions = [\"default\"]\n[default]\npermissions = [\"x:default\"]\n")
	f.Add(`{"capabilities":[{"identifier":"b","local":false,"webviews":["[!a]*","**"],"remote":{"urls":["*","http://[::1]"]},"permissions":["y:p"]}]}`,
		`{"permission":[{"identifier":"p","platforms":["windows"],"commands":{"deny":["p"]}}]}`)
	f.Fuzz(func(t *testing.T, capText, permText string) {
		capRoot, _, err := source.ParseJSON(source.NewFile("cap.json", []byte(capText)), false)
		if err != nil {
			return
		}
		permFile := source.NewFile("perm.json", []byte(permText))
		permRoot, _, err := source.ParseJSON(permFile, false)
		if err != nil {
			permRoot, _, _ = source.ParseTOML(source.NewFile("perm.toml", []byte(permText)))
		}
		v := Version{}
		docs := []Doc{{Path: "perm", Root: permRoot}}
		acl, _ := LoadACL(ManifestInputs{Version: v, Core: CoreBuiltin,
			Plugins: map[string][]Doc{"x": docs, "y": docs}, App: &AppInputs{Files: docs, Commands: []string{"greet"}}})
		files, _ := ParseCapabilityFiles([]Doc{{Path: "cap.json", Root: capRoot}}, v)
		cfg, _ := ParseConfigCapabilities(capRoot, v)
		for _, target := range []source.Platform{source.Linux, source.Windows} {
			Validate(acl, files, target)
			enabled, _ := Select(files, cfg, nil)
			r := Resolve(acl, enabled, target, v)
			for cmd := range r.Allowed {
				for _, o := range []Origin{LocalOrigin(), RemoteOrigin("https://x.a.com")} {
					r.CommandScopes(r.ResolveAccess(cmd, "main-1", "w", o))
					r.Allows(cmd, "main", "main", o, v)
				}
			}
			for _, s := range r.Scopes {
				Values(s.Allow)
			}
		}
	})
}

// FuzzGlob compiles and matches label patterns, comparing the memoized
// matcher with a direct transcription of the glob crate's backtracking.
func FuzzGlob(f *testing.F) {
	for _, s := range [][2]string{{"main-*", "main-1"}, {"a/**/b", "a/x/y/b"}, {"[!]a-c]?*", "d/e"}, {"**/*", "x"},
		{"[", "["}, {"a**", "a"}, {`a\**\b`, `a\x\b`}, {"*a*a*b", "aaaaaaab"}, {"**/**", "x/y"}} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, pattern, label string) {
		for _, win := range []bool{false, true} {
			g, err := CompileGlob(pattern, win)
			if err != nil {
				if _, ok := err.(*GlobError); !ok {
					t.Fatalf("error of type %T", err)
				}
				continue
			}
			got := g.Match(label)
			if len(pattern) > 24 || len(label) > 24 {
				continue
			}
			want := refGlob(g, []rune(label), 0, 0, true) == refMatch
			if got != want {
				t.Fatalf("CompileGlob(%q, %v).Match(%q) = %v, reference %v", pattern, win, label, got, want)
			}
		}
	})
}

type refResult uint8

const (
	refMatch refResult = iota
	refSubNoMatch
	refEntireNoMatch
)

// refGlob follows the glob crate's matches_from step by step, including
// its early "entire pattern cannot match" exit.
func refGlob(g *Glob, s []rune, ti, pos int, followsSep bool) refResult {
	for ; ti < len(g.tokens); ti++ {
		t := g.tokens[ti]
		switch t.kind {
		case gAnySeq, gAnyRecSeq:
			if r := refGlob(g, s, ti+1, pos, followsSep); r != refSubNoMatch {
				return r
			}
			for pos < len(s) {
				c := s[pos]
				pos++
				followsSep = g.isSep(c)
				if t.kind == gAnyRecSeq && !followsSep {
					continue
				}
				if r := refGlob(g, s, ti+1, pos, followsSep); r != refSubNoMatch {
					return r
				}
			}
		default:
			if pos >= len(s) {
				return refEntireNoMatch
			}
			c := s[pos]
			pos++
			var ok bool
			switch t.kind {
			case gChar:
				ok = c == t.c
			case gAnyChar:
				ok = true
			case gWithin:
				ok = inSpecs(t.specs, c)
			case gExcept:
				ok = !inSpecs(t.specs, c)
			}
			if !ok {
				return refSubNoMatch
			}
			followsSep = g.isSep(c)
		}
	}
	if pos == len(s) {
		return refMatch
	}
	return refSubNoMatch
}
