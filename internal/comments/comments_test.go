package comments

import (
	"strings"
	"testing"
)

// in reports whether the first "X" in src is in a comment.
func in(t *testing.T, name, src string) bool {
	t.Helper()
	m := For(StyleOf(name), src)
	if m == nil {
		return false
	}
	return m(strings.Index(src, "X"))
}

func TestMasks(t *testing.T) {
	for _, c := range []struct {
		name, src string
		want      bool
	}{
		{"a.json5", "{ // X\n}", true},
		{"a.json5", "{ /* X */ }", true},
		{"a.json5", `{ "u": "http://X" }`, false},
		{"a.json", `{ "a": 1 } // X`, false}, // JSON has no comments
		{"vite.config.ts", "const a = '//'; X", false},
		{"vite.config.ts", "const a = 1; // X", true},
		{"main.rs", "fn f<'a>(x: &'a str) {} // X", true},
		{"main.rs", `let s = "// X";`, false},
		{"main.rs", "/* outer /* inner */ X */", true},
		{"main.rs", `let s = r#"// X"#;`, false},
		{"Cargo.toml", "a = 1 # X", true},
		{"Cargo.toml", `a = "#X"`, false},
		{"Cargo.toml", "a = '''\n# X\n'''", false},
		{"Cargo.toml", `a = "\"#" # X`, true},
		{"ci.yml", "key: value # X", true},
		{"ci.yml", "key: value#X", false},
		{"ci.yml", `key: "a # X"`, false},
		{"ci.yml", "name: it's # X", true},
		{"ci.yml", "# X", true},
	} {
		if got := in(t, c.name, c.src); got != c.want {
			t.Errorf("%s %q: in comment = %v, want %v", c.name, c.src, got, c.want)
		}
	}
}
