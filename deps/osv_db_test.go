package deps

import (
	"testing"
	"testing/fstest"
)

func TestReadOSVDB(t *testing.T) {
	rec := `{"id": "RUSTSEC-2020-0071", "affected": [{"package": {"ecosystem": "crates.io", "name": "time"},
		"ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}, {"fixed": "0.2.23"}]}]}]}`
	fsys := fstest.MapFS{
		"crates/a/RUSTSEC-2020-0071.json": {Data: []byte(rec)},
		"pypi/x.json":                     {Data: []byte(`{"id": "PYSEC-1", "affected": [{"package": {"ecosystem": "PyPI", "name": "x"}}]}`)},
		"README.md":                       {Data: []byte(rec)},
		"big.json":                        {Data: []byte(rec + string(make([]byte, 100)))},
		"broken.json":                     {Data: []byte(`{"npm`)},
	}
	recs, err := ReadOSVDB(fsys, int64(len(rec)+10))
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 1 || recs[0].ID != "RUSTSEC-2020-0071" {
		t.Errorf("records: %+v", recs)
	}
	if _, err := ReadOSVDB(fstest.MapFS{"f": {Data: nil}}, 10); err != nil {
		t.Errorf("a database without records is not an error: %v", err)
	}
}
