package plugindb

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"reflect"
	"testing"
)

// TestDecodeMatchesPlainUnmarshal: splitting the pools gives exactly what
// decoding every item with encoding/json gives.
func TestDecodeMatchesPlainUnmarshal(t *testing.T) {
	zr, err := gzip.NewReader(bytes.NewReader(compressed))
	if err != nil {
		t.Fatal(err)
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	var want Data
	if err := json.Unmarshal(raw, &want); err != nil {
		t.Fatal(err)
	}
	got, err := decode(compressed)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Permissions) == 0 || len(got.Sets) == 0 || len(got.Schemas) == 0 {
		t.Fatalf("empty pools: %d %d %d", len(got.Permissions), len(got.Sets), len(got.Schemas))
	}
	if !reflect.DeepEqual(*got, want) {
		t.Error("decode differs from a plain json.Unmarshal")
	}
}

func TestSplitPool(t *testing.T) {
	for in, want := range map[string][]string{
		`null`:    nil,
		`[]`:      nil,
		` [ 1 ] `: {`1`},
		`[{"a":"x,]}\"","b":[1,{"c":2}]}, "s,\\", null ,[[]]]`: {`{"a":"x,]}\"","b":[1,{"c":2}]}`, `"s,\\"`, `null`, `[[]]`},
	} {
		items, err := splitPool(json.RawMessage(in))
		if err != nil {
			t.Fatalf("%s: %v", in, err)
		}
		var got []string
		for _, it := range items {
			got = append(got, string(it))
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: %q, want %q", in, got, want)
		}
	}
	if _, err := splitPool(json.RawMessage(`{"a":1}`)); err == nil {
		t.Error("an object is not a pool")
	}
	if _, err := decode(gz(t, `{"format":1,"permissions":{}}`)); err == nil {
		t.Error("decode accepted an object pool")
	}
}
