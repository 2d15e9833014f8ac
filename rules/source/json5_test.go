package source

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"
	"unicode/utf8"
)

func parseJSON5String(t testing.TB, src string) (*Node, []*Error, error) {
	t.Helper()
	return ParseJSON5(NewFile("app/tauri.conf.json5", []byte(src)))
}

func TestJSON5Values(t *testing.T) {
	inf, nan := math.Inf(1), math.NaN()
	type obj = map[string]any
	type arr = []any
	tests := []struct {
		name, src string
		want      any
	}{
		{"scalar string", `'hi'`, "hi"},
		{"scalar number", ` 42 `, 42.0},
		{"null", `null`, nil},
		{"bools", `[true,false]`, arr{true, false}},
		{"empty", `[{}, [], {/*c*/}, [ // c
		]]`, arr{obj{}, arr{}, obj{}, arr{}}},
		{"trailing commas", `{a: [1, 2,], b: {c: 3,},}`, obj{"a": arr{1.0, 2.0}, "b": obj{"c": 3.0}}},
		{"comments everywhere", "/*a*/{/*b*/a/*c*/:/*d*/1/*e*/,/*f*/}/*g*/ // end", obj{"a": 1.0}},
		{"line comment ends at CR", "[1, // c\r2]", arr{1.0, 2.0}},
		{"line comment ends at LS", "[1, // c\u2028 2]", arr{1.0, 2.0}},
		{"line comment ends at PS", "[1, // c\u2029 2]", arr{1.0, 2.0}},
		{"block comment stars", "[/* * ** / **/1]", arr{1.0}},
		{"comment chars in string", `['/* not // a comment */']`, arr{"/* not // a comment */"}},
		{"whitespace set", "\t\n\v\f\r \u00a0\u2028\u2029\ufeff\u1680\u2000\u200a\u202f\u205f\u3000[\u00a01\u3000]\u2029",
			arr{1.0}},
		{"identifier keys", `{$: 1, _: 2, a1: 3, $a_b$: 4, null: 5, true: 6, Infinity: 7, NaN: 8}`,
			obj{"$": 1.0, "_": 2.0, "a1": 3.0, "$a_b$": 4.0, "null": 5.0, "true": 6.0, "Infinity": 7.0, "NaN": 8.0}},
		{"unicode keys", "{ünï: 1, 名前: 2, 𝒜b: 3, a‿b: 4, a\u0345: 5, Ⅻ: 6, a\u200cb: 7, x٣: 8}",
			obj{"ünï": 1.0, "名前": 2.0, "𝒜b": 3.0, "a‿b": 4.0, "a\u0345": 5.0, "Ⅻ": 6.0, "a\u200cb": 7.0, "x٣": 8.0}},
		{"escaped keys", `{\u0061: 1, a\u0062c: 2, \u00fc\u0041: 3, \u0024: 4}`,
			obj{"a": 1.0, "abc": 2.0, "üA": 3.0, "$": 4.0}},
		{"quoted keys", `{"a b": 1, 'c"d': 2, "": 3}`, obj{"a b": 1.0, `c"d`: 2.0, "": 3.0}},
		{"quotes", `["it's", 'say "hi"', '\'', "\""]`, arr{"it's", `say "hi"`, "'", `"`}},
		{"single escapes", `'\b\f\n\r\t\v\0\\\/'`, "\b\f\n\r\t\v\x00\\/"},
		{"other chars escape to themselves", `'\a\c\z\é\$'`, "acz\u00e9$"},
		{"\\0 then letter", `'\0a'`, "\x00a"},
		{"hex escapes", `'\x41\x7e\xe9\xFF'`, "A~\u00e9\u00ff"},
		{"unicode escapes", `"\u00e9\u20AC\u0000"`, "é€\x00"},
		{"surrogate pair", `"\uD83D\uDE00!"`, "😀!"},
		{"raw astral", `"😀"`, "😀"},
		{"lone high surrogate", `"\uD83D"`, "\uFFFD"},
		{"lone low surrogate", `"\uDE00x"`, "\uFFFDx"},
		{"reversed pair", `"\uDE00\uD83D"`, "\uFFFD\uFFFD"},
		{"high then BMP escape", `"\uD83D\u0041"`, "\uFFFDA"},
		{"continuation LF", "'a\\\nb'", "ab"},
		{"continuation CRLF", "'a\\\r\nb'", "ab"},
		{"continuation CR", "'a\\\rb'", "ab"},
		{"continuation LS", "'a\\\u2028b'", "ab"},
		{"raw LS PS tab NUL in string", "'a\u2028b\u2029c\td\x00e'", "a\u2028b\u2029c\td\x00e"},
		{"decimals", `[0, -0, 1.5, .5, 5., +.5, -.5, 1e3, 1E-3, 1.e+3, .5e1, 0.e1, 0e5]`,
			arr{0.0, math.Copysign(0, -1), 1.5, .5, 5.0, .5, -.5, 1e3, 1e-3, 1e3, 5.0, 0.0, 0.0}},
		{"hex", `[0x1F, 0XaB, -0x10, +0x10, 0x0, 0x10000000000000000]`,
			arr{31.0, 171.0, -16.0, 16.0, 0.0, 18446744073709551616.0}},
		{"specials", `[Infinity, -Infinity, +Infinity, NaN, -NaN, +NaN]`,
			arr{inf, -inf, inf, nan, nan, nan}},
		{"big integer", `123456789012345678901234567890`, 123456789012345678901234567890.0},
		{"json5.org example", `{
  // comments
  unquoted: 'and you can quote me on that',
  singleQuotes: 'I can use "double quotes" here',
  lineBreaks: "Look, Mom! \
No \\n's!",
  hexadecimal: 0xdecaf,
  leadingDecimalPoint: .8675309, andTrailing: 8675309.,
  positiveSign: +1,
  trailingComma: 'in objects', andIn: ['arrays',],
  "backwardsCompatible": "with JSON",
}`, obj{"unquoted": "and you can quote me on that", "singleQuotes": `I can use "double quotes" here`,
			"lineBreaks": `Look, Mom! No \n's!`, "hexadecimal": 912559.0, "leadingDecimalPoint": .8675309,
			"andTrailing": 8675309.0, "positiveSign": 1.0, "trailingComma": "in objects", "andIn": arr{"arrays"},
			"backwardsCompatible": "with JSON"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := NewFile("x.json5", []byte(tt.src))
			root, warns, err := ParseJSON5(f)
			if err != nil {
				t.Fatalf("ParseJSON5(%q): %v", tt.src, err)
			}
			if len(warns) != 0 {
				t.Errorf("warnings: %v", warns)
			}
			json5CheckTree(t, f, root)
			if got := json5Any(root); !json5Equal(got, tt.want) {
				t.Errorf("ParseJSON5(%q)\n got %#v\nwant %#v", tt.src, got, tt.want)
			}
		})
	}
}

// TestJSON5NumberText checks numbers keep their literal and Float reads it.
func TestJSON5NumberText(t *testing.T) {
	root, _, err := parseJSON5String(t, `[+.5, 0xFF, -0X1f, 5., -Infinity, -NaN, 1e400, 0x8000000000000001]`)
	if err != nil {
		t.Fatal(err)
	}
	wantText := []string{"+.5", "0xFF", "-0X1f", "5.", "-Infinity", "-NaN", "1e400", "0x8000000000000001"}
	wantOK := []bool{true, true, true, true, true, true, false, true}
	wantF := []float64{.5, 255, -31, 5, math.Inf(-1), math.NaN(), 0, 0x8000000000000001}
	for i, it := range root.Items() {
		s, _ := it.Number()
		f, ok := it.Float()
		if s != wantText[i] || ok != wantOK[i] || ok && !json5Equal(f, wantF[i]) {
			t.Errorf("item %d: text %q Float %v %v, want %q %v %v", i, s, f, ok, wantText[i], wantF[i], wantOK[i])
		}
	}
}

const json5PosDoc = `{
  // comment
  name: 'app',
  "nested": {
    list: [1, 0x1F, .5,],
  },
  ünïcødé: true,
  'a/b~c': null,
}
`

func TestJSON5Positions(t *testing.T) {
	f := NewFile("src-tauri/tauri.conf.json5", []byte(json5PosDoc))
	root, _, err := ParseJSON5(f)
	if err != nil {
		t.Fatal(err)
	}
	json5CheckTree(t, f, root)
	tests := []struct {
		ptr, start, end, key string // key "" when the value is no member
	}{
		{"", "1:1", "9:2", ""},
		{"/name", "3:9", "3:14", "3:3-3:7"},
		{"/nested", "4:13", "6:4", "4:3-4:11"},
		{"/nested/list", "5:11", "5:25", "5:5-5:9"},
		{"/nested/list/0", "5:12", "5:13", ""},
		{"/nested/list/1", "5:15", "5:19", ""},
		{"/nested/list/2", "5:21", "5:23", ""},
		{"/ünïcødé", "7:12", "7:16", "7:3-7:10"},
		{"/a~1b~0c", "8:12", "8:16", "8:3-8:10"},
	}
	lc := func(p Pos) string { return fmt.Sprintf("%d:%d", p.Line, p.Col) }
	for _, tt := range tests {
		n := root.Lookup(tt.ptr)
		if n == nil {
			t.Errorf("no node at %q", tt.ptr)
			continue
		}
		loc := n.Location()
		if n.Pointer != tt.ptr || loc.Pointer != tt.ptr || loc.File != f.Path {
			t.Errorf("%q: pointer %q, location %+v", tt.ptr, n.Pointer, loc)
		}
		if lc(loc.Start) != tt.start || lc(loc.End) != tt.end {
			t.Errorf("%q: value at %s-%s, want %s-%s", tt.ptr, lc(loc.Start), lc(loc.End), tt.start, tt.end)
		}
		key := ""
		if n.KeyEnd > n.KeyStart {
			kl := n.KeyLocation()
			key = lc(kl.Start) + "-" + lc(kl.End)
		}
		if key != tt.key {
			t.Errorf("%q: key at %q, want %q", tt.ptr, key, tt.key)
		}
	}
	if v := root.Get("nested").Get("list").Index(1); v.Location().Start.Offset != strings.Index(json5PosDoc, "0x1F") {
		t.Errorf("offset of 0x1F: %d", v.Location().Start.Offset)
	}
}

func TestJSON5Errors(t *testing.T) {
	tests := []struct{ src, at, msg string }{
		{``, "1:1", "invalid JSON5: unexpected end of input"},
		{`// only a comment`, "1:18", "invalid JSON5: unexpected end of input"},
		{`{a:1,,}`, "1:6", "invalid JSON5: unexpected character ','"},
		{`[,]`, "1:2", "invalid JSON5: unexpected character ','"},
		{`{,}`, "1:2", "invalid JSON5: unexpected character ','"},
		{`[1 2]`, "1:4", "invalid JSON5: unexpected character '2', expected ',' or ']'"},
		{`{"a":1 "b":2}`, "1:8", `invalid JSON5: unexpected character '"', expected ',' or '}'`},
		{`{a 1}`, "1:4", "invalid JSON5: unexpected character '1', expected ':'"},
		{`{a-b: 1}`, "1:3", "invalid JSON5: unexpected character '-', expected ':'"},
		{"{\n  a: 1,\n  b: [1, 2\n}", "4:1", "invalid JSON5: unexpected character '}', expected ',' or ']'"},
		{`[1, 2`, "1:6", "invalid JSON5: unexpected end of input, expected ',' or ']'"},
		{`{a: 1`, "1:6", "invalid JSON5: unexpected end of input, expected ',' or '}'"},
		{`{a`, "1:3", "invalid JSON5: unexpected end of input, expected ':'"},
		{`[1,]]`, "1:5", "invalid JSON5: unexpected character ']'"},
		{"{a:1}\n}", "2:1", "invalid JSON5: unexpected character '}'"},
		{`["ü", x]`, "1:7", "invalid JSON5: unexpected character 'x'"},
		{`"abc`, "1:1", "invalid JSON5: unterminated string"},
		{`['abc\`, "1:2", "invalid JSON5: unterminated string"},
		{"['ab\ncd']", "1:5", "invalid JSON5: line break in string"},
		{"'ab\rcd'", "1:4", "invalid JSON5: line break in string"},
		{"'a\\b\ncd'", "1:5", "invalid JSON5: line break in string"},
		{`/* abc`, "1:1", "invalid JSON5: unterminated comment"},
		{"[1,\n /* x", "2:2", "invalid JSON5: unterminated comment"},
		{`/`, "1:1", "invalid JSON5: unexpected character '/'"},
		{`[1 / 2]`, "1:4", "invalid JSON5: unexpected character '/'"},
		{`01`, "1:2", "invalid JSON5: unexpected character '1'"},
		{`[007e0]`, "1:3", "invalid JSON5: unexpected character '0'"},
		{`0x`, "1:3", "invalid JSON5: unexpected end of input"},
		{`0xg`, "1:3", "invalid JSON5: unexpected character 'g'"},
		{`0x1g`, "1:4", "invalid JSON5: unexpected character 'g'"},
		{`1a`, "1:2", "invalid JSON5: unexpected character 'a'"},
		{`1.5.3`, "1:4", "invalid JSON5: unexpected character '.'"},
		{`.`, "1:2", "invalid JSON5: unexpected end of input"},
		{`.e1`, "1:2", "invalid JSON5: unexpected character 'e'"},
		{`1e`, "1:3", "invalid JSON5: unexpected end of input"},
		{`1e+x`, "1:4", "invalid JSON5: unexpected character 'x'"},
		{`+`, "1:2", "invalid JSON5: unexpected end of input"},
		{`--1`, "1:2", "invalid JSON5: unexpected character '-'"},
		{`tru`, "1:4", "invalid JSON5: unexpected end of input"},
		{`trux`, "1:4", "invalid JSON5: unexpected character 'x'"},
		{`truex`, "1:5", "invalid JSON5: unexpected character 'x'"},
		{`nan`, "1:2", "invalid JSON5: unexpected character 'a'"},
		{`NaNa`, "1:4", "invalid JSON5: unexpected character 'a'"},
		{`-Infinit`, "1:9", "invalid JSON5: unexpected end of input"},
		{`infinity`, "1:1", "invalid JSON5: unexpected character 'i'"},
		{`undefined`, "1:1", "invalid JSON5: unexpected character 'u'"},
		{`"\x4"`, "1:2", "invalid JSON5: invalid escape sequence"},
		{`"\u12G4"`, "1:2", "invalid JSON5: invalid escape sequence"},
		{`"\u12`, "1:2", "invalid JSON5: invalid escape sequence"},
		{`"\1"`, "1:2", "invalid JSON5: invalid escape sequence"},
		{`"ab\01"`, "1:4", "invalid JSON5: invalid escape sequence"},
		{`{1a: 2}`, "1:2", "invalid JSON5: unexpected character '1'"},
		{`{ü-: 2}`, "1:3", "invalid JSON5: unexpected character '-', expected ':'"},
		{`{a\u0020b: 1}`, "1:3", "invalid JSON5: invalid escape sequence in identifier"},
		{`{\u0031a: 1}`, "1:2", "invalid JSON5: invalid escape sequence in identifier"},
		{`{\uD83D\uDE00: 1}`, "1:2", "invalid JSON5: invalid escape sequence in identifier"},
		{`{a\x41: 1}`, "1:3", "invalid JSON5: invalid escape sequence in identifier"},
		{`{a\u004: 1}`, "1:3", "invalid JSON5: invalid escape sequence in identifier"},
		{`{ü\u0020: 1}`, "1:3", "invalid JSON5: invalid escape sequence in identifier"},
		{"{\u0345a: 1}", "1:2", "invalid JSON5: unexpected character '\u0345'"},
		{"{\u200cab: 1}", "1:2", "invalid JSON5: unexpected character '\\u200c'"},
		{"[\x00]", "1:2", `invalid JSON5: unexpected character '\x00'`},
		{"[\u0085]", "1:2", `invalid JSON5: unexpected character '\u0085'`},
		{"[1\u200b]", "1:3", `invalid JSON5: unexpected character '\u200b', expected ',' or ']'`},
		{"[\\u0031]", "1:2", `invalid JSON5: unexpected character '\\'`},
		{"[1]\x00", "1:4", `invalid JSON5: unexpected character '\x00'`},
		{"{'a\xff': 1}", "1:4", "invalid UTF-8 at byte 3"},
		{strings.Repeat("[", 129) + strings.Repeat("]", 129), "1:129", "nesting deeper than 128 levels"},
	}
	for _, tt := range tests {
		root, _, err := parseJSON5String(t, tt.src)
		var e *Error
		if !errors.As(err, &e) {
			t.Errorf("ParseJSON5(%q) = %v, want *Error %s %s", tt.src, err, tt.at, tt.msg)
			continue
		}
		if root != nil {
			t.Errorf("ParseJSON5(%q): root with error", tt.src)
		}
		at := fmt.Sprintf("%d:%d", e.Loc.Start.Line, e.Loc.Start.Col)
		if at != tt.at || e.Msg != tt.msg {
			t.Errorf("ParseJSON5(%q) error %s %q, want %s %q", tt.src, at, e.Msg, tt.at, tt.msg)
		}
		if want := "app/tauri.conf.json5:" + tt.at + ": " + tt.msg; err.Error() != want {
			t.Errorf("Error() = %q, want %q", err.Error(), want)
		}
	}
}

func TestJSON5DuplicateKeys(t *testing.T) {
	root, warns, err := parseJSON5String(t, `{a: 1, b: 2, 'a': 3, "\u0061": 4}`)
	if err != nil {
		t.Fatal(err)
	}
	if got := root.Keys(); strings.Join(got, ",") != "a,b" {
		t.Errorf("keys %v", got)
	}
	a := root.Get("a")
	if f, _ := a.Float(); f != 4 {
		t.Errorf("a = %v, want the last value 4", f)
	}
	if kl := a.KeyLocation(); kl.Start.Col != 22 || kl.End.Col != 30 || kl.Pointer != "/a" {
		t.Errorf("key location of a: %+v", kl)
	}
	if len(warns) != 2 {
		t.Fatalf("warnings %v, want 2", warns)
	}
	for i, col := range []int{14, 22} {
		w := warns[i]
		if w.Loc.Start.Col != col || w.Msg != `duplicate key "a": Tauri keeps only the last value` || w.Severe {
			t.Errorf("warning %d: %v (severe %v), want column %d", i, w, w.Severe, col)
		}
	}
}

func TestJSON5ByteOrderMark(t *testing.T) {
	root, warns, err := parseJSON5String(t, "\ufeff{a: 1, b:\ufeff2}")
	if err != nil {
		t.Fatal(err)
	}
	if len(warns) != 1 || !warns[0].Severe || warns[0].Loc.Start.Offset != 0 {
		t.Errorf("warnings %v", warns)
	}
	if f, _ := root.Get("b").Float(); f != 2 || root.Start != 3 {
		t.Errorf("b = %v, root at %d", f, root.Start)
	}
}

func FuzzParseJSON5(f *testing.F) {
	for _, s := range []string{
		json5PosDoc,
		`{a: [1, .5, 5., +1, 0x1F, -Infinity, NaN], 'b': "\x41\u00e9\uD83D\uDE00\0", c: null,}`,
		"/* c */ [1, // x\r\n 2, 'a\\\nb', \u00a0 true]",
		`{\u0061b: 1, ünï: 'x', $_: {}, a: 2}`,
		`"\uD800\uDC00\uDBFF"`,
		"[[[[[[[[[[]]]]]]]]]]",
		"\ufeff{}",
		"{a:1,,}",
		"'\\",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		file := NewFile("fuzz.json5", data)
		root, _, err := ParseJSON5(file)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || root != nil {
				t.Fatalf("error %T %v with root %v", err, err, root != nil)
			}
			if off := e.Loc.Start.Offset; off < 0 || off > len(data) {
				t.Fatalf("error offset %d outside %d bytes", off, len(data))
			}
		} else {
			json5CheckTree(t, file, root)
		}
		if !utf8.Valid(data) || titanousMisreads(data) {
			return
		}
		want, terr := titanousDecode(data)
		if terr != nil {
			return
		}
		if err != nil {
			if strings.Contains(err.Error(), "nesting deeper") {
				return
			}
			t.Fatalf("titanous/json5 reads %q as %#v, ParseJSON5 fails: %v", data, want, err)
		}
		if got := json5Any(root); !json5Equal(got, want) {
			t.Fatalf("%q:\nParseJSON5 %#v\n  titanous %#v", data, got, want)
		}
	})
}
