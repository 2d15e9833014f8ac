package source

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func TestJSON5ManyKeys(t *testing.T) {
	// A hostile object with very many keys must stay linear, repeats too.
	var b strings.Builder
	b.WriteString("{")
	for i := range 200_000 {
		fmt.Fprintf(&b, "k%d: %d, ", i, i)
	}
	b.WriteString("k7: 'last'}")
	start := time.Now()
	root, warns, err := parseJSON5String(t, b.String())
	if err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("200k keys took %v", d)
	}
	if len(root.Members()) != 200_000 || root.Get("k7").String() != "last" || len(warns) != 1 {
		t.Errorf("%d members, k7 = %q, %d warnings", len(root.Members()), root.Get("k7").String(), len(warns))
	}
}

func TestJSON5Hostile(t *testing.T) {
	deep := func(open, close string, n int) string {
		return strings.Repeat(open, n) + "1" + strings.Repeat(close, n)
	}
	tests := []struct {
		name, src, msg string
	}{
		{"100k nested arrays", deep("[", "]", 100_000), "nesting deeper than 128 levels"},
		{"100k nested objects", deep("{a:", "}", 100_000), "nesting deeper than 128 levels"},
		{"100k unclosed", strings.Repeat("[", 100_000), "nesting deeper than 128 levels"},
		// precheck's quick scan sees one long comment; only the parser's
		// own depth count sees the brackets after U+2028.
		{"depth hidden from precheck", "// x\u2028" + deep("[", "]", 200), "nesting deeper than 128 levels"},
		{"depth hidden by CR", "// x\r" + deep("[", "]", 200), "nesting deeper than 128 levels"},
		{"invalid UTF-8", "{a: 'x\xc3\x28'}", "invalid UTF-8 at byte 6"},
		{"encoded surrogate", "'\xed\xa0\x80'", "invalid UTF-8 at byte 1"},
		{"unterminated comment", "{a: 1 /* " + strings.Repeat("*", 1000), "invalid JSON5: unterminated comment"},
		{"unterminated string", "'" + strings.Repeat("\\'", 1000), "invalid JSON5: unterminated string"},
		{"NUL outside string", "{\x00}", "invalid JSON5: unexpected character '\\x00'"},
		{"only NULs", "\x00\x00", "invalid JSON5: unexpected character '\\x00'"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var e *Error
			_, _, err := parseJSON5String(t, tt.src)
			if !errors.As(err, &e) || e.Msg != tt.msg {
				t.Fatalf("got %v, want %q", err, tt.msg)
			}
		})
	}
	// Exactly MaxDepth levels is fine.
	if _, _, err := parseJSON5String(t, deep("[", "]", MaxDepth)); err != nil {
		t.Errorf("%d levels: %v", MaxDepth, err)
	}
	// NUL and lone surrogates inside strings are values, not errors.
	root, _, err := parseJSON5String(t, "['a\x00b', \"\\uD800\", '\\uDFFF\\uD800', /*\x00*/ 1]")
	if err != nil {
		t.Fatal(err)
	}
	want := []any{"a\x00b", "\uFFFD", "\uFFFD\uFFFD", 1.0}
	if got := json5Any(root); !json5Equal(got, want) {
		t.Errorf("got %q", got)
	}
	for _, it := range root.Items() {
		if s, ok := it.Str(); ok && !utf8.ValidString(s) {
			t.Errorf("invalid UTF-8 in decoded %q", s)
		}
	}
}

// TestJSON5Big parses a 50 MB array of objects to show the parser is
// linear and cheap enough for the largest file a repository might hold.
func TestJSON5Big(t *testing.T) {
	if testing.Short() {
		t.Skip("50 MB input")
	}
	const size = 50 << 20
	pad := strings.Repeat("padding ", 50)
	var b bytes.Buffer
	b.Grow(size + 1024)
	b.WriteString("// generated\n[\n")
	n := 0
	for ; b.Len() < size; n++ {
		fmt.Fprintf(&b, "  {id: %d, \"name\": 'it\\'s item %d', v: %d.5e-1, ok: true, pad: '%s'}, // %d\n",
			n, n, n, pad, n)
	}
	b.WriteString("]\n")
	f := NewFile("big.json5", b.Bytes())
	start := time.Now()
	root, _, err := ParseJSON5(f)
	d := time.Since(start)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d bytes, %d objects in %v", b.Len(), n, d)
	if d > 30*time.Second {
		t.Errorf("50 MB took %v", d)
	}
	last := root.Index(n - 1)
	if len(root.Items()) != n || last.Get("name").String() != fmt.Sprintf("it's item %d", n-1) ||
		last.Pointer != fmt.Sprintf("/%d", n-1) || last.Location().End.Line != n+2 {
		t.Errorf("%d items, last %q at line %d", len(root.Items()), last.Get("name").String(), last.Location().End.Line)
	}
}
