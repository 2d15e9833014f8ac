package capabilities

import (
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/tauriaudit/tauriaudit/internal/testenv"
)

func TestGlobMatch(t *testing.T) {
	cases := []struct {
		pattern string
		yes, no []string
	}{
		// tauri-acl §9.3 and §12.19.
		{"main-*", []string{"main-2", "main-", "main-a/b"}, []string{"main", "Main-2", "xmain-2"}},
		{"a*", []string{"a", "a/b", "abc"}, []string{"ba", ""}},
		{"[!m]*", []string{"other", "x"}, []string{"main", ""}},
		{"main", []string{"main"}, []string{"Main", "main ", "mai"}},
		{"?", []string{"é", "a", "/"}, []string{"", "ab"}},
		{"*", []string{"", "anything/at/all"}, nil},
		{"[a-c]x", []string{"ax", "bx", "cx"}, []string{"dx", "Bx", "x"}},
		{"[abc]", []string{"a", "c"}, []string{"d", "ab"}},
		{"[]a]", []string{"]", "a"}, []string{"b"}},
		{"[]]", []string{"]"}, []string{"a"}},
		{"[!]a]", []string{"b", "-"}, []string{"]", "a"}},
		{"[!]]", []string{"a"}, []string{"]"}},
		{"[z-a]", nil, []string{"m", "a", "z"}},
		{"[a-]", []string{"a", "-"}, []string{"b"}},
		{"[!a-c]", []string{"d"}, []string{"b"}},
		{"[*?]", []string{"*", "?"}, []string{"a"}},
		{"[^a]", []string{"^", "a"}, []string{"b"}},      // '^' is no negation
		{`\*`, []string{`\`, `\x`}, []string{"*x", "x"}}, // no escapes
		{"{a,b}", []string{"{a,b}"}, []string{"a", "b"}},
		{"a/**/b", []string{"a/b", "a/x/b", "a/x/y/b"}, []string{"a/xb", "ab", "a/x/c"}},
		{"a/**", []string{"a/", "a/x", "a/x/y"}, []string{"a", "b/x"}},
		{"**", []string{"", "x", "x/y"}, nil},
		{"**/", []string{"", "x"}, nil},
		{"**/b", []string{"b", "x/b", "x/y/b"}, []string{"xb", "x/bc"}},
		{"**/*", []string{"", "x", "x/y"}, nil},
		{"a/**/**/b", []string{"a/b", "a/x/b"}, []string{"a/xb"}},
		{"x?y*", []string{"x/y", "xay/z"}, []string{"xy"}},
	}
	for _, c := range cases {
		g, err := CompileGlob(c.pattern, false)
		if err != nil {
			t.Errorf("CompileGlob(%q): %v", c.pattern, err)
			continue
		}
		for _, s := range c.yes {
			if !g.Match(s) {
				t.Errorf("%q should match %q", c.pattern, s)
			}
		}
		for _, s := range c.no {
			if g.Match(s) {
				t.Errorf("%q should not match %q", c.pattern, s)
			}
		}
	}
}

func TestGlobErrors(t *testing.T) {
	cases := []struct {
		pattern string
		pos     int
		msg     string
	}{
		{"main**", 3, errRecursive},
		{"**x", 2, errRecursive},
		{"a/**b", 4, errRecursive},
		{"a**/b", 0, errRecursive},
		{"***", 2, errWildcards},
		{"a/****", 4, errWildcards},
		{"[", 0, errInvalidRange},
		{"[a", 0, errInvalidRange},
		{"[]", 0, errInvalidRange},
		{"[!]", 0, errInvalidRange},
		{"[!a", 0, errInvalidRange},
		{"[!ab", 0, errInvalidRange},
		{"ab[c", 2, errInvalidRange},
		{"[]a", 0, errInvalidRange},
	}
	for _, c := range cases {
		_, err := CompileGlob(c.pattern, false)
		ge, ok := err.(*GlobError)
		if !ok {
			t.Errorf("CompileGlob(%q) = %v, want an error", c.pattern, err)
			continue
		}
		if ge.Pos != c.pos || ge.Msg != c.msg {
			t.Errorf("CompileGlob(%q) = %v, want pos %d %q", c.pattern, err, c.pos, c.msg)
		}
	}
	want := "Pattern syntax error near position 3: recursive wildcards must form a single path component"
	if _, err := CompileGlob("main**", false); err.Error() != want {
		t.Errorf("message %q", err)
	}
}

func TestGlobWindowsSeparator(t *testing.T) {
	if _, err := CompileGlob(`a\**`, false); err == nil {
		t.Error(`a\** compiled without Windows separators`)
	}
	g, err := CompileGlob(`a\**\b`, true)
	if err != nil {
		t.Fatal(err)
	}
	if !g.Match(`a\x\b`) || !g.Match(`a\x/y\b`) || g.Match(`a\xb`) {
		t.Error(`a\**\b with Windows separators`)
	}
}

func TestGlobNoBlowUp(t *testing.T) {
	g, err := CompileGlob(strings.Repeat("*a", 40)+"b", false)
	if err != nil {
		t.Fatal(err)
	}
	cpu := testenv.StartCPU()
	if g.Match(strings.Repeat("a", 2000)) {
		t.Error("matched")
	}
	if d := cpu.Elapsed(); d > 20*time.Second { // CPU time: generous, and immune to machine load
		t.Errorf("took %v", d)
	}
}

func TestGlobInvalidMatchesNothing(t *testing.T) {
	var nilGlob *Glob
	if nilGlob.Match("x") || (&Glob{Pattern: "*", Err: &GlobError{}}).Match("x") {
		t.Error("an invalid glob matched")
	}
}

// TestGlobMemoGrowsWithStars: only star tokens branch, so matching a
// long pattern with one star needs a memo of one row, not tokens ×
// characters (fuzzing found long URL globs spending their time clearing
// such a memo: 16 MB per call for this pattern).
func TestGlobMemoGrowsWithStars(t *testing.T) {
	long := strings.Repeat("a", 4000)
	g, err := CompileGlob(long+"*", false)
	if err != nil {
		t.Fatal(err)
	}
	label := long + "tail"
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for range 10 {
		if !g.Match(label) {
			t.Fatal("no match")
		}
	}
	runtime.ReadMemStats(&after)
	// The label's runes (16 KB) and one memo row (4 KB) per call.
	if per := (after.TotalAlloc - before.TotalAlloc) / 10; per > 64<<10 {
		t.Errorf("Match allocated %d bytes per call, want at most 64 KB", per)
	}
}
