package jssrc

import (
	"strings"
	"testing"
)

func TestBlank(t *testing.T) {
	for _, c := range []struct {
		src, comments, all string
	}{
		{`a // b`, `a     `, `a     `},
		{"a /* b\nc */ d", "a     \n     d", "a     \n     d"},
		{`x = "TAURI_" // y`, `x = "TAURI_"     `, `x = "      "     `},
		{`f('a\'b', "c")`, `f('a\'b', "c")`, `f('    ', " ")`},
		{"t = `a\n${b}` + c", "t = `a\n${b}` + c", "t = ` \n    ` + c"},
		{`s = "// not a comment"`, `s = "// not a comment"`, `s = "                "`},
		{`'unterminated` + "\nnext", `'unterminated` + "\nnext", `'            ` + "\nnext"},
		{`a /* open`, `a        `, `a        `},
	} {
		if got := BlankComments(c.src); got != c.comments {
			t.Errorf("BlankComments(%q) = %q, want %q", c.src, got, c.comments)
		}
		if got := BlankCommentsAndStrings(c.src); got != c.all {
			t.Errorf("BlankCommentsAndStrings(%q) = %q, want %q", c.src, got, c.all)
		}
	}
}

// FuzzBlank: blanking never panics, keeps the length and keeps every line
// break where it was, so offsets and line numbers stay true.
func FuzzBlank(f *testing.F) {
	for _, s := range []string{`a // b`, "/* \n */", `"\`, "`${`", `'\'`, "/*"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, out := range []string{BlankComments(s), BlankCommentsAndStrings(s)} {
			if len(out) != len(s) || strings.Count(out, "\n") != strings.Count(s, "\n") {
				t.Fatalf("blank(%q) = %q: length or line breaks changed", s, out)
			}
		}
	})
}
