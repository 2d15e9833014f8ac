package deps

import (
	"bytes"
	"io"
	"io/fs"
	"path"
)

// MaxOSVFiles bounds the records read from one database.
const MaxOSVFiles = 1_000_000

// ReadOSVDB reads every .json record in fsys (an offline OSV export), at
// any depth, skipping files over maxFile bytes and files that are not
// crates.io or npm records. Only a walk that cannot start is an error.
func ReadOSVDB(fsys fs.FS, maxFile int64) ([]*OSVRecord, error) {
	recs := []*OSVRecord{}
	n := 0
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		switch {
		case err != nil && p == ".":
			return err
		case err != nil || d.IsDir() || !d.Type().IsRegular() || path.Ext(p) != ".json":
			return nil
		}
		if n++; n > MaxOSVFiles {
			return fs.SkipAll
		}
		if r := readOSVFile(fsys, p, maxFile); r != nil {
			recs = append(recs, r)
		}
		return nil
	})
	return recs, err
}

func readOSVFile(fsys fs.FS, p string, max int64) *OSVRecord {
	f, err := fsys.Open(p)
	if err != nil {
		return nil
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil || int64(len(data)) > max {
		return nil
	}
	// Cheap filter before decoding: only our two ecosystems matter.
	if !bytes.Contains(data, []byte(`"crates.io`)) && !bytes.Contains(data, []byte(`"npm`)) {
		return nil
	}
	r, err := ParseOSV(data)
	if err != nil {
		return nil
	}
	return r
}
