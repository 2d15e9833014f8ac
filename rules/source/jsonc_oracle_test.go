package source

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tauriaudit/tauriaudit/internal/testenv"
	"golang.org/x/tools/txtar"
)

// jsoncCases are inputs where JWCC parsers tend to differ: comments in
// every position, trailing commas, escapes, surrogates, literals hujson
// takes as one run, and each way a document can end early.
var jsoncCases = []string{
	``, ` `, `null`, `true`, `false`, `0`, `-0`, `1.5e+10`, `-1E-2`, `01`, `1.`, `.5`, `+1`, `-`, `1e`, `0x10`,
	`nul`, `True`, `NaN`, `Infinity`, `1a`, `truex`, `"a"`, `"a\"b"`, `"\u00e9\n\t\/"`, `"\ud83d\ude00"`,
	`"\ud83d"`, `"\ud83dx"`, `"\ud83d\u0041"`, `"\ude00\ud83d"`, `"\x41"`, `"\'"`, `"\u12"`, `"\u12g4"`,
	"\"a\tb\"", "\"a\nb\"", "\"\x01\"", `"abc`, `"abc\`, `'a'`, `{}`, `[]`, `{,}`, `[,]`, `[1,,]`,
	`[1,]`, `{"a":1,}`, `[1 2]`, `{"a" 1}`, `{"a":1 "b":2}`, `{a:1}`, `{1:2}`, `{[1]:2}`, `{tru:1}`,
	`{"a":}`, `{"a":1`, `{"a"`, `{"a":`, `[`, `[1`, `{`, `]`, `}`, `[}`, `{]`, `{"a":[}`,
	`// c` + "\n" + `1`, `// c`, `1 // c`, `1 /* c */`, `/* c */ 1`, `1 /* c`, `/* c`, `/`, `1 /`,
	"[1, // c\n 2, /* d */ ]", "{\"a\" /* x */ : /* y */ 1 /* z */, // w\n}", "// a\u2028b\n1",
	"1 // a\u2029b", "[1,\n]", "{\"a\":1,\n}", `{"a":1,"a":2}`, `{"a":{"b":[1,{"c":null}]}}`,
	"\t\r\n 1 \t\r\n", "\u00a01", "1\u00a0", `{"é":"ü"}`, `{"a/b~c":1}`, `[[[[]]]]`, `{"":0}`,
	"\xef\xbb\xbf{}", `"\/\b\f\r"`, `"\u0000"`, `{"a":1}x`, `1 2`, `[1]]`,
}

func TestJSONCAgreesWithHujson(t *testing.T) {
	for _, in := range jsoncCases {
		for _, strict := range []bool{false, true} {
			if d := jsoncDiff("case.json", []byte(in), strict); d != "" {
				t.Errorf("%q strict=%v: %s", in, strict, d)
			}
		}
	}
}

// The real files: every JSON file of the repository's fixtures, and of
// the corpus of real apps.
func TestJSONCAgreesOnFixtures(t *testing.T) { jsoncAgreeUnder(t, "../../testdata", 400) }

func TestJSONCAgreesOnCorpus(t *testing.T) { jsoncAgreeUnder(t, testenv.Shared(t, "corpus"), 50) }

func jsoncAgreeUnder(t *testing.T, root string, atLeast int) {
	n := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		files, err := jsonFilesIn(path)
		for name, data := range files {
			n++
			for _, strict := range []bool{false, true} {
				if d := jsoncDiff(name, data, strict); d != "" {
					t.Errorf("%s strict=%v: %s", name, strict, d)
				}
			}
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < atLeast {
		t.Fatalf("only %d JSON files under %s", n, root)
	}
}

func FuzzJSONCAgreesWithHujson(f *testing.F) {
	for _, in := range jsoncCases {
		f.Add([]byte(in), false)
	}
	f.Fuzz(func(t *testing.T, data []byte, strict bool) {
		if len(data) > 4096 {
			return
		}
		if d := jsoncDiff("fuzz.json", data, strict); d != "" {
			t.Fatalf("%q strict=%v: %s", data, strict, d)
		}
	})
}

// jsoncDiff parses data with ParseJSON and with the hujson oracle and
// describes the first difference: acceptance, error position and text,
// warnings, or any field of any node.
func jsoncDiff(name string, data []byte, strict bool) string {
	got, gotW, gotErr := ParseJSON(NewFile(name, data), strict)
	want, wantW, wantErr := parseJSONWithHujson(NewFile(name, data), strict)
	switch {
	case (gotErr == nil) != (wantErr == nil):
		return fmt.Sprintf("error %v, hujson %v", gotErr, wantErr)
	case gotErr != nil:
		if gotErr.Error() != wantErr.Error() {
			return fmt.Sprintf("error %q, hujson %q", gotErr, wantErr)
		}
		return ""
	}
	if len(gotW) != len(wantW) {
		return fmt.Sprintf("%d warnings, hujson %d", len(gotW), len(wantW))
	}
	for i := range gotW {
		if gotW[i].Error() != wantW[i].Error() {
			return fmt.Sprintf("warning %q, hujson %q", gotW[i], wantW[i])
		}
	}
	return nodeDiff(got, want)
}

func nodeDiff(a, b *Node) string {
	if a.Kind != b.Kind || a.Pointer != b.Pointer || a.Start != b.Start || a.End != b.End ||
		a.KeyStart != b.KeyStart || a.KeyEnd != b.KeyEnd || a.text != b.text || a.boolean != b.boolean {
		return fmt.Sprintf("node %s: %+v, hujson %+v", b.Pointer, *a, *b)
	}
	if len(a.members) != len(b.members) || len(a.items) != len(b.items) {
		return fmt.Sprintf("node %s: %d members %d items, hujson %d and %d", b.Pointer, len(a.members), len(a.items), len(b.members), len(b.items))
	}
	for i := range a.members {
		if a.members[i].Name != b.members[i].Name {
			return fmt.Sprintf("node %s: member %q, hujson %q", b.Pointer, a.members[i].Name, b.members[i].Name)
		}
		if d := nodeDiff(a.members[i].Value, b.members[i].Value); d != "" {
			return d
		}
	}
	for i := range a.items {
		if d := nodeDiff(a.items[i], b.items[i]); d != "" {
			return d
		}
	}
	return ""
}

// jsonFilesIn returns path itself when it is a JSON file, and the JSON
// files a txtar fixture holds.
func jsonFilesIn(path string) (map[string][]byte, error) {
	if !strings.HasSuffix(path, ".json") && !strings.HasSuffix(path, ".txtar") {
		return nil, nil
	}
	data, err := os.ReadFile(path)
	if err != nil || strings.HasSuffix(path, ".json") {
		return map[string][]byte{path: data}, err
	}
	out := map[string][]byte{}
	for _, f := range txtar.Parse(data).Files {
		if strings.HasSuffix(f.Name, ".json") {
			out[path+":"+f.Name] = f.Data
		}
	}
	return out, nil
}
