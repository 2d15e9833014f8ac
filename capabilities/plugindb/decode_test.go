package plugindb

import (
	"bytes"
	"compress/gzip"
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
