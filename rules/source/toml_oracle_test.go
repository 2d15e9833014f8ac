package source

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
)

// checkSpans checks that every span lies in the file and keys precede values.
func checkSpans(t *testing.T, n *Node, size int) {
	t.Helper()
	if n.Start < 0 || n.Start > n.End || n.End > size || n.KeyStart < 0 || n.KeyStart > n.KeyEnd || n.KeyEnd > size {
		t.Fatalf("%s: bad span %d-%d key %d-%d in %d bytes", n.Pointer, n.Start, n.End, n.KeyStart, n.KeyEnd, size)
	}
	for _, m := range n.members {
		if m.Value.Pointer != Child(n.Pointer, m.Name) {
			t.Fatalf("%s: member %q has pointer %q", n.Pointer, m.Name, m.Value.Pointer)
		}
		checkSpans(t, m.Value, size)
	}
	for i, it := range n.items {
		if it.Pointer != Child(n.Pointer, strconv.Itoa(i)) {
			t.Fatalf("%s: item %d has pointer %q", n.Pointer, i, it.Pointer)
		}
		checkSpans(t, it, size)
	}
}

// toAny converts a Node to the values BurntSushi/toml decodes to.
func toAny(n *Node) any {
	switch n.Kind {
	case Object:
		m := map[string]any{}
		for _, mb := range n.members {
			m[mb.Name] = toAny(mb.Value)
		}
		return m
	case Array:
		out := []any{}
		for _, it := range n.items {
			out = append(out, toAny(it))
		}
		return out
	case Number:
		if i, err := strconv.ParseInt(n.text, 10, 64); err == nil {
			return i
		}
		f, _ := n.Float()
		return f
	case Bool:
		return n.boolean
	}
	return n.text
}

// oracleEqual compares a toAny value with what BurntSushi decoded, and
// returns where they differ. Date/times are strings here and time.Time
// there: only the kind is compared.
func oracleEqual(path string, got, want any) string {
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok || len(g) != len(w) {
			return fmt.Sprintf("%s: got %#v, want %#v", path, got, want)
		}
		for k, wv := range w {
			if d := oracleEqual(path+"/"+k, g[k], wv); d != "" {
				return d
			}
		}
		return ""
	case []map[string]any:
		items := make([]any, len(w))
		for i := range w {
			items[i] = w[i]
		}
		return oracleEqual(path, got, items)
	case []any:
		g, ok := got.([]any)
		if !ok || len(g) != len(w) {
			return fmt.Sprintf("%s: got %#v, want %#v", path, got, want)
		}
		for i := range w {
			if d := oracleEqual(fmt.Sprintf("%s/%d", path, i), g[i], w[i]); d != "" {
				return d
			}
		}
		return ""
	case time.Time:
		if _, ok := got.(string); !ok {
			return fmt.Sprintf("%s: got %#v, want a date/time", path, got)
		}
		return ""
	case float64:
		if g, ok := got.(float64); ok && (g == w || math.IsNaN(g) && math.IsNaN(w)) {
			return ""
		}
	default:
		if got == want {
			return ""
		}
	}
	return fmt.Sprintf("%s: got %#v, want %#v", path, got, want)
}

// checkOracle decodes data with BurntSushi/toml and compares: both must
// agree on the values, and what BurntSushi rejects ParseTOML must reject.
// With a nil mismatch any difference fails the test.
func checkOracle(t *testing.T, data []byte, root *Node, mismatch func(string)) {
	t.Helper()
	if mismatch == nil {
		mismatch = func(s string) { t.Helper(); t.Error(s) }
	}
	want, oerr := decodeOracle(data)
	switch {
	case oerr != nil && root != nil:
		mismatch(fmt.Sprintf("BurntSushi rejects (%v), ParseTOML accepts %q", oerr, data))
	case oerr == nil && root != nil:
		if d := oracleEqual("", toAny(root), want); d != "" {
			mismatch(fmt.Sprintf("values differ at %s for %q", d, data))
		}
	}
}

// decodeOracle runs BurntSushi/toml, which re-panics its internal "BUG"
// panics: those count as a rejection.
func decodeOracle(data []byte) (want map[string]any, err error) {
	defer func() {
		if r := recover(); r != nil {
			want, err = nil, fmt.Errorf("BurntSushi panicked: %v", r)
		}
	}()
	_, err = toml.Decode(string(data), &want)
	return want, err
}

// tomlTestCorpus returns the toml-test corpus that ships inside the
// BurntSushi/toml module, or "" when it is not in the module cache.
func tomlTestCorpus() string {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/BurntSushi/toml").Output()
	dir := filepath.Join(strings.TrimSpace(string(out)), "internal", "toml-test", "tests")
	if _, serr := os.Stat(dir); err != nil || serr != nil {
		return ""
	}
	return dir
}

// toml10Only are toml-test's invalid files that TOML 1.1 made valid:
// ParseTOML reads 1.1, like go-toml and the toml crate since 0.9.10.
var toml10Only = map[string]bool{
	"invalid/datetime/no-secs.toml":            true,
	"invalid/local-datetime/no-secs.toml":      true,
	"invalid/local-time/no-secs.toml":          true,
	"invalid/inline-table/linebreak-01.toml":   true,
	"invalid/inline-table/linebreak-02.toml":   true,
	"invalid/inline-table/linebreak-03.toml":   true,
	"invalid/inline-table/linebreak-04.toml":   true,
	"invalid/inline-table/trailing-comma.toml": true,
	"invalid/string/basic-byte-escapes.toml":   true,
}

// TestParseTOMLConformance runs toml-test: valid files must parse to the
// values of their .json twin, invalid ones must be rejected.
func TestParseTOMLConformance(t *testing.T) {
	dir := tomlTestCorpus()
	if dir == "" {
		t.Skip("toml-test corpus not found in the module cache")
	}
	n := 0
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		rel, _ := filepath.Rel(dir, path)
		rel = filepath.ToSlash(rel)
		if err != nil || !strings.HasSuffix(rel, ".toml") || !strings.Contains(rel, "/") {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		n++
		root, _, perr := ParseTOML(NewFile(rel, data))
		switch {
		case strings.HasPrefix(rel, "valid/") && perr != nil:
			t.Errorf("%s: %v", rel, perr)
		case strings.HasPrefix(rel, "valid/"):
			checkSpans(t, root, len(data))
			checkTagged(t, rel, root, strings.TrimSuffix(path, ".toml")+".json")
		case perr == nil && !toml10Only[rel]:
			t.Errorf("%s: accepted %q", rel, data)
		}
		return nil
	})
	if err != nil || n < 500 {
		t.Fatalf("walked %d files: %v", n, err)
	}
}

func checkTagged(t *testing.T, rel string, root *Node, jsonPath string) {
	t.Helper()
	raw, err := os.ReadFile(jsonPath)
	if err != nil {
		t.Errorf("%s: %v", rel, err)
		return
	}
	var want any
	if err := json.Unmarshal(raw, &want); err != nil {
		t.Errorf("%s: %v", jsonPath, err)
		return
	}
	if d := taggedEqual("", root, want); d != "" {
		t.Errorf("%s: %s", rel, d)
	}
}

// taggedEqual compares n with toml-test's JSON, where every scalar is
// {"type": ..., "value": ...}. Date/times are only checked to be strings,
// as toml-test normalises their text.
func taggedEqual(path string, n *Node, want any) string {
	switch w := want.(type) {
	case []any:
		if len(n.Items()) != len(w) {
			return fmt.Sprintf("%s: got %s with %d items, want %d", path, n.Kind, len(n.Items()), len(w))
		}
		for i := range w {
			if d := taggedEqual(fmt.Sprintf("%s/%d", path, i), n.items[i], w[i]); d != "" {
				return d
			}
		}
		return ""
	case map[string]any:
		typ, ok1 := w["type"].(string)
		val, ok2 := w["value"].(string)
		if ok1 && ok2 && len(w) == 2 {
			return taggedScalar(path, n, typ, val)
		}
		if len(n.Members()) != len(w) {
			return fmt.Sprintf("%s: got %s with keys %q, want %d keys", path, n.Kind, n.Keys(), len(w))
		}
		for k, wv := range w {
			if d := taggedEqual(Child(path, k), n.Get(k), wv); d != "" {
				return d
			}
		}
		return ""
	}
	return fmt.Sprintf("%s: unexpected JSON %v", path, want)
}

func taggedScalar(path string, n *Node, typ, val string) string {
	ok := false
	switch typ {
	case "string":
		ok = n.Kind == String && n.text == val
	case "integer":
		ok = n.Kind == Number && n.text == val
	case "float":
		got, gok := n.Float()
		w, _ := strconv.ParseFloat(strings.TrimLeft(val, "+-"), 64)
		if strings.HasPrefix(val, "-") {
			w = -w
		}
		ok = gok && (got == w || math.IsNaN(got) && math.IsNaN(w))
	case "bool":
		ok = n.Kind == Bool && strconv.FormatBool(n.boolean) == val
	default: // datetime, datetime-local, date-local, time-local
		ok = n.Kind == String
	}
	if !ok {
		return fmt.Sprintf("%s: got %v %q, want %s %q", path, n.Kind, n.text, typ, val)
	}
	return ""
}

// FuzzParseTOML checks that ParseTOML never panics, keeps every span in the
// file, positions its errors, agrees with BurntSushi/toml on values and
// rejects what BurntSushi rejects, except second 60 (a leap second, which
// the toml crate accepts). Set TOML_FUZZ_STRICT=1 to also fail when only
// ParseTOML rejects, outside the cases knownStricter lists.
func FuzzParseTOML(f *testing.F) {
	for _, s := range []string{tauriTOML, cargoTOML, cargoLock, permissionTOML,
		"a = {b.c = 1, b.d = [1, {e = 2}]}\n[[x.y]]\n[x]\nz = 1979-05-27T07:32:00Z",
		"[a]\nb.c = 1\n[a.b.d]\n'' = -0x0\n", "a = [[], \"\"\"\n\\\n \"\"\"]"} {
		f.Add([]byte(s))
	}
	addCorpus(f)
	strict := os.Getenv("TOML_FUZZ_STRICT") != ""
	f.Fuzz(func(t *testing.T, data []byte) {
		root, _, err := ParseTOML(NewFile("fuzz.toml", data))
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || !e.Loc.Start.IsValid() || e.Loc.Start.Offset > len(data) {
				t.Fatalf("unpositioned error %v", err)
			}
			if _, oerr := decodeOracle(data); oerr == nil && strict && !knownStricter(e.Msg) {
				t.Errorf("only ParseTOML rejects %q: %v", data, err)
			}
			return
		}
		checkSpans(t, root, len(data))
		checkOracle(t, data, root, func(s string) {
			if leapSecond.Match(data) {
				return
			}
			t.Error(s)
		})
	})
}

var leapSecond = regexp.MustCompile(`\d\d:\d\d:60`)

// addCorpus seeds the fuzzer with toml-test, when it can be found.
func addCorpus(f *testing.F) {
	dir := tomlTestCorpus()
	if dir == "" {
		return
	}
	_ = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(path, ".toml") {
			if data, rerr := os.ReadFile(path); rerr == nil {
				f.Add(data)
			}
		}
		return nil
	})
}

// knownStricter matches errors where BurntSushi/toml is known to be laxer
// than toml-test and the toml crate: the table rules and datetime offsets
// (it takes +24:00 or +12:60).
func knownStricter(msg string) bool {
	return strings.Contains(msg, "is already") || strings.Contains(msg, "invalid datetime value")
}
