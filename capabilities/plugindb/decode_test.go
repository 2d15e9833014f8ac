package plugindb

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"reflect"
	"testing"
)

func gz(t *testing.T, s string) []byte {
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	w.Write([]byte(s))
	w.Close()
	return b.Bytes()
}

func TestDecodeRejectsBadData(t *testing.T) {
	for name, data := range map[string][]byte{
		"not gzip":     []byte("{}"),
		"not json":     gz(t, "{"),
		"other format": gz(t, `{"format": 99}`),
	} {
		if _, err := decode(data); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	if _, err := decode(compressed); err != nil {
		t.Fatalf("embedded data: %v", err)
	}
}

func TestChooseAmongReleases(t *testing.T) {
	rels := []Release{{Version: "2.0.0"}, {Version: "2.1.0"}, {Version: "2.3.0"}}
	for v, want := range map[string]string{
		"2.0.0": "2.0.0 " + Exact, "2.2.9": "2.1.0 " + NearestLower, "2.3.1": "2.3.0 " + Newest,
		"1.9.0": "2.0.0 " + Oldest, "2.1.0-rc.1": "2.0.0 " + NearestLower, "v2.1.0": "2.1.0 " + Exact,
	} {
		r, how := choose(rels, v)
		if got := r.Version + " " + how; got != want {
			t.Errorf("%s: got %s, want %s", v, got, want)
		}
	}
}

func TestIdentifier(t *testing.T) {
	for obj, want := range map[string]string{
		`{"commands":{"allow":[],"deny":[]},"description":"say \"identifier\":\"x\"","identifier":"allow-a","scope":{"allow":[{"identifier":"no"}]}}`: "allow-a",
		`{"description":"d","identifier":"with\"quote","permissions":[]}`:                                                                             `with"quote`,
		`{"identifier":"set-b","permissions":["x"]}`:                                                                                                  "set-b",
	} {
		if got := identifier([]byte(obj)); got != want {
			t.Errorf("%s: %q, want %q", obj, got, want)
		}
	}
}

// TestEmbeddedPoolsAreValidJSON does once, here, the validation decode
// skips at run time, and checks the fast decode against encoding/json's.
func TestEmbeddedPoolsAreValidJSON(t *testing.T) {
	zr, err := gzip.NewReader(bytes.NewReader(compressed))
	if err != nil {
		t.Fatal(err)
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	var whole struct {
		Data
		Permissions []json.RawMessage `json:"permissions"`
		Sets        []json.RawMessage `json:"sets"`
		Schemas     []json.RawMessage `json:"schemas"`
	}
	if err := json.Unmarshal(raw, &whole); err != nil {
		t.Fatalf("embedded data is not valid JSON: %v", err)
	}
	got, err := decode(compressed)
	if err != nil {
		t.Fatal(err)
	}
	want := whole.Data
	want.Permissions, want.Sets, want.Schemas = whole.Permissions, whole.Sets, whole.Schemas
	if len(want.Permissions) < 100 || len(want.Keys) < 20 {
		t.Fatalf("embedded data looks empty: %d permissions, %d keys", len(want.Permissions), len(want.Keys))
	}
	if !reflect.DeepEqual(got, &want) {
		t.Fatal("fast decode differs from encoding/json's")
	}
}

func TestSplitRejectsUnbalanced(t *testing.T) {
	for _, in := range []string{`{"a":[1}`, `{"a":"x}`, `{"a":1]]}`, `{x:1}`, `[]`, `{"a"}`} {
		if _, err := splitObject([]byte(in)); err == nil {
			t.Errorf("%s: accepted", in)
		}
	}
	got, err := splitObject([]byte(` {"a": [1, {"b": "],"}], "c" : "\"}" } `))
	if err != nil || string(got["a"]) != `[1, {"b": "],"}]` || string(got["c"]) != `"\"}"` {
		t.Fatalf("splitObject = %q, %v", got, err)
	}
}
