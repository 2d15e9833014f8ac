package source

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestJSONPositionsAndPointers(t *testing.T) {
	src := "{\n  \"app\": {\n    \"security\": {\"csp\": \"default-src 'self'\"},\n    \"windows\": [{\"label\": \"main\"}, {\"label\": \"a/b~c\"}]\n  }\n}\n"
	f := NewFile("tauri.conf.json", []byte(src))
	root, warns, err := ParseJSON(f, true)
	if err != nil || len(warns) != 0 {
		t.Fatal(err, warns)
	}
	for _, tc := range []struct {
		ptr       string
		line, col int
		text      string
	}{
		{"/app/security/csp", 3, 25, `"default-src 'self'"`},
		{"/app/windows/1/label", 4, 46, `"a/b~c"`},
		{"/app/windows/0", 4, 17, `{"label": "main"}`},
	} {
		n := root.Lookup(tc.ptr)
		if n == nil {
			t.Fatalf("%s not found", tc.ptr)
		}
		loc := n.Location()
		if loc.Start.Line != tc.line || loc.Start.Col != tc.col || src[n.Start:n.End] != tc.text || loc.Pointer != tc.ptr {
			t.Errorf("%s: at %d:%d %q pointer %s", tc.ptr, loc.Start.Line, loc.Start.Col, src[n.Start:n.End], loc.Pointer)
		}
	}
	if k := root.Lookup("/app/security").KeyLocation(); k.Start.Line != 3 || k.Start.Col != 5 {
		t.Errorf("key location %d:%d", k.Start.Line, k.Start.Col)
	}
	if got := root.Lookup("/app/windows/1").Get("label").Pointer; got != "/app/windows/1/label" {
		t.Errorf("pointer %s", got)
	}
	if root.Lookup("/app/windows/1/label").Pointer != "/app/windows/1/label" || root.Lookup("/app/nope") != nil {
		t.Error("lookup")
	}
	sec := root.Lookup("/app/security").Location()
	if got := root.AbsentLocation("app", "security", "freezePrototype"); got.Start != sec.Start || got.Pointer != "/app/security/freezePrototype" {
		t.Errorf("AbsentLocation must point at the deepest existing node: %+v", got)
	}
}

func TestJSONStrictAndLenient(t *testing.T) {
	withComment := "{\n  // a comment\n  \"a\": [1, 2,],\n}\n"
	f := NewFile("c.json", []byte(withComment))
	if _, _, err := ParseJSON(f, true); err == nil || !strings.HasPrefix(err.Error(), "c.json:2:3: comments and trailing commas") {
		t.Errorf("strict: %v", err)
	}
	if root, _, err := ParseJSON(f, false); err != nil || len(root.Get("a").Items()) != 2 {
		t.Errorf("lenient: %v", err)
	}
	for _, tc := range []struct{ src, want string }{
		{"{\"a\": }", "x.json:1:7: invalid JSON"},
		{"{\"a\": 1", "x.json:1:8: invalid JSON"},
		{"\xff", "x.json:1:1: invalid UTF-8"},
		{strings.Repeat("[", 200), "x.json:1:129: nesting deeper than 128"},
	} {
		_, _, err := ParseJSON(NewFile("x.json", []byte(tc.src)), true)
		if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("%q: %v, want %q", tc.src, err, tc.want)
		}
	}
}

func TestJSONCRLFColumns(t *testing.T) {
	f := NewFile("w.json", []byte("{\r\n  \"ü\": \"x\"\r\n}\r\n"))
	root, _, err := ParseJSON(f, true)
	if err != nil {
		t.Fatal(err)
	}
	loc := root.Get("ü").Location()
	if loc.Start.Line != 2 || loc.Start.Col != 8 {
		t.Errorf("CRLF/unicode position %d:%d, want 2:8 (columns count code points)", loc.Start.Line, loc.Start.Col)
	}
	if f.Line(2) != `  "ü": "x"` {
		t.Errorf("Line strips CR: %q", f.Line(2))
	}
}

func TestMergePatch(t *testing.T) {
	parse := func(name, src string) *Node {
		root, _, err := ParseJSON(NewFile(name, []byte(src)), true)
		if err != nil {
			t.Fatal(err)
		}
		return root
	}
	base := parse("base.json", `{"a": {"b": 1, "c": [1, 2], "d": "keep"}, "e": true, "f": 1}`)
	patch := parse("linux.json", `{"a": {"b": 2, "c": [3], "n": {"x": null, "y": 1}}, "e": null, "g": [null]}`)
	got := MergePatch(base, patch)
	if s := toJSON(t, got); s != `{"a":{"b":2,"c":[3],"d":"keep","n":{"y":1}},"f":1,"g":[null]}` {
		t.Errorf("merged %s", s)
	}
	if got.Lookup("/a/b").File.Path != "linux.json" || got.Lookup("/a/d").File.Path != "base.json" {
		t.Error("merged values must keep the file that set them")
	}
	if toJSON(t, base) != `{"a":{"b":1,"c":[1,2],"d":"keep"},"e":true,"f":1}` {
		t.Error("MergePatch modified its target")
	}
	if MergePatch(base, parse("p.json", `[1]`)).Kind != Array || MergePatch(base, nil) != base {
		t.Error("a non-object patch replaces the target; a nil patch keeps it")
	}
}

// toJSON renders a Node as compact JSON with keys in source order.
func toJSON(t *testing.T, n *Node) string {
	t.Helper()
	var b strings.Builder
	var walk func(*Node)
	walk = func(n *Node) {
		switch n.Kind {
		case Object:
			b.WriteByte('{')
			for i, m := range n.Members() {
				if i > 0 {
					b.WriteByte(',')
				}
				k, _ := json.Marshal(m.Name)
				b.Write(k)
				b.WriteByte(':')
				walk(m.Value)
			}
			b.WriteByte('}')
		case Array:
			b.WriteByte('[')
			for i, it := range n.Items() {
				if i > 0 {
					b.WriteByte(',')
				}
				walk(it)
			}
			b.WriteByte(']')
		case String:
			s, _ := json.Marshal(n.String())
			b.Write(s)
		case Number:
			b.WriteString(n.text)
		case Bool:
			if n.IsTrue() {
				b.WriteString("true")
			} else {
				b.WriteString("false")
			}
		default:
			b.WriteString("null")
		}
	}
	walk(n)
	return b.String()
}

// FuzzParseJSON: no panic; input accepted in strict mode is valid JSON
// for encoding/json too; spans stay inside the file.
func FuzzParseJSON(f *testing.F) {
	for _, s := range []string{`{"a": [1, 2.5e3, "x\u00e9"]}`, "{\"a\": 1, \"a\": 2}", "[]", `"\ud800"`, "{\n// c\n\"k\": null,}"} {
		f.Add([]byte(s), false)
		f.Add([]byte(s), true)
	}
	f.Fuzz(func(t *testing.T, data []byte, strict bool) {
		file := NewFile("f.json", data)
		root, _, err := ParseJSON(file, strict)
		if err != nil {
			return
		}
		json5CheckTree(t, file, root)
		// Syntax only: decoding into any would also fail on numbers
		// out of float64 range, which are valid JSON.
		if strict && !json.Valid(data) && !strings.HasPrefix(string(data), "\xef\xbb\xbf") {
			t.Fatalf("strict parse accepted invalid JSON")
		}
	})
}

// FuzzMergePatch: merging two documents never panics and never changes
// either input.
func FuzzMergePatch(f *testing.F) {
	f.Add([]byte(`{"a": {"b": 1}}`), []byte(`{"a": {"b": null, "c": [1]}}`))
	f.Fuzz(func(t *testing.T, a, b []byte) {
		ra, _, err1 := ParseJSON(NewFile("a.json", a), false)
		rb, _, err2 := ParseJSON(NewFile("b.json", b), false)
		if err1 != nil || err2 != nil {
			return
		}
		before := toJSON(t, ra) + toJSON(t, rb)
		MergePatch(ra, rb)
		if toJSON(t, ra)+toJSON(t, rb) != before {
			t.Fatal("MergePatch modified an input")
		}
	})
}
