// Command gen builds internal/tauriconfig/data (index.json and one gzip
// file per distinct schema or alias table, so a scan decompresses only the
// one it uses), the
// table of Tauri's config schemas and serde key aliases per tauri release,
// from two inputs collected once (see internal/tauriconfig/data/NOTICE.md):
//
//   - -schemas DIR: the @tauri-apps/cli npm tarballs' config.schema.json,
//     one per CLI release (DIR/<cli-version>/package/config.schema.json);
//     the tauri version each describes is the last path element of $id.
//   - -configrs DIR: tauri-utils' src/config.rs at each tauri release
//     commit (DIR/<tauri-version>.rs), for the aliases serde accepts but
//     JSON schemas cannot express.
//
// Schemas are reduced to what validation needs (descriptions, titles,
// defaults and examples dropped) and identical tables are stored once with
// the list of versions they cover, so the output is deterministic and small.
package main

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/mod/semver"

	"github.com/tauriaudit/tauriaudit/internal/tauriconfig"
)

func main() {
	schemas := flag.String("schemas", "", "folder of <cli-version>/package/config.schema.json")
	configRS := flag.String("configrs", "", "folder of <tauri-version>.rs (tauri-utils config.rs)")
	out := flag.String("o", "internal/tauriconfig/data", "output folder")
	flag.Parse()
	if *schemas == "" || *configRS == "" {
		log.Fatal("usage: gen -schemas DIR -configrs DIR [-o FILE]")
	}
	db := table{}
	if err := db.addSchemas(*schemas); err != nil {
		log.Fatal(err)
	}
	if err := db.addAliases(*configRS); err != nil {
		log.Fatal(err)
	}
	if err := write(*out, db); err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%d schemas for %d versions, %d alias tables for %d versions -> %s\n",
		len(db.Schemas), countVersions(db.Schemas), len(db.Aliases), countAliasVersions(db.Aliases), *out)
}

// table is the data file's format; internal/tauriconfig reads the same shape.
type table struct {
	Schemas []schemaEntry `json:"schemas"`
	Aliases []aliasEntry  `json:"aliases"`
}

type schemaEntry struct {
	Tauri  []string        `json:"tauri"`
	Schema json.RawMessage `json:"schema"`
}

type aliasEntry struct {
	Tauri []string                     `json:"tauri"`
	Types map[string]map[string]string `json:"types"` // type -> alias -> canonical
}

func (db *table) addSchemas(dir string) error {
	files, err := filepath.Glob(filepath.Join(dir, "*", "package", "config.schema.json"))
	if err != nil || len(files) == 0 {
		return fmt.Errorf("no schemas under %s", dir)
	}
	byVersion := map[string][]byte{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		var doc map[string]any
		if err := json.Unmarshal(data, &doc); err != nil {
			return fmt.Errorf("%s: %w", f, err)
		}
		id, _ := doc["$id"].(string)
		v := id[strings.LastIndexByte(id, '/')+1:]
		if !semver.IsValid("v" + v) {
			return fmt.Errorf("%s: $id %q names no version", f, id)
		}
		delete(doc, "$id")
		b, err := json.Marshal(reduce(doc, false))
		if err != nil {
			return err
		}
		byVersion[v] = b
	}
	for _, v := range sortedVersions(byVersion) {
		b := byVersion[v]
		if n := len(db.Schemas); n > 0 && bytes.Equal(db.Schemas[n-1].Schema, b) {
			db.Schemas[n-1].Tauri = append(db.Schemas[n-1].Tauri, v)
			continue
		}
		db.Schemas = append(db.Schemas, schemaEntry{Tauri: []string{v}, Schema: b})
	}
	return nil
}

func (db *table) addAliases(dir string) error {
	files, err := filepath.Glob(filepath.Join(dir, "*.rs"))
	if err != nil || len(files) == 0 {
		return fmt.Errorf("no config.rs files under %s", dir)
	}
	byVersion := map[string]map[string]map[string]string{}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		v := strings.TrimSuffix(filepath.Base(f), ".rs")
		types := map[string]map[string]string{}
		for name, tk := range parseConfigRS(string(src)) {
			if len(tk.Aliases) > 0 {
				types[name] = tk.Aliases
			}
		}
		if len(types) == 0 {
			return fmt.Errorf("%s: no aliases found; has the file's shape changed?", f)
		}
		byVersion[v] = types
	}
	for _, v := range sortedVersions(byVersion) {
		types := byVersion[v]
		if n := len(db.Aliases); n > 0 && equalTypes(db.Aliases[n-1].Types, types) {
			db.Aliases[n-1].Tauri = append(db.Aliases[n-1].Tauri, v)
			continue
		}
		db.Aliases = append(db.Aliases, aliasEntry{Tauri: []string{v}, Types: types})
	}
	return nil
}

// dropped are schema keywords that only document; validation ignores them.
var dropped = map[string]bool{"description": true, "markdownDescription": true, "title": true,
	"default": true, "examples": true, "$comment": true, "deprecated": true}

// reduce removes documentation keywords, keeping members of name maps
// (properties, definitions) whatever they are called.
func reduce(v any, names bool) any {
	switch x := v.(type) {
	case map[string]any:
		out := map[string]any{}
		for k, val := range x {
			if !names && dropped[k] {
				continue
			}
			out[k] = reduce(val, !names && (k == "properties" || k == "definitions" || k == "patternProperties"))
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i := range x {
			out[i] = reduce(x[i], false)
		}
		return out
	}
	return v
}

func equalTypes(a, b map[string]map[string]string) bool {
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	return bytes.Equal(ja, jb)
}

func sortedVersions[T any](m map[string]T) []string {
	vs := make([]string, 0, len(m))
	for v := range m {
		vs = append(vs, v)
	}
	slices.SortFunc(vs, func(a, b string) int { return semver.Compare("v"+a, "v"+b) })
	return vs
}

// write replaces dir's generated files: index.json and the gzip files it
// names, each named after a hash of its content.
func write(dir string, db table) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	old, _ := filepath.Glob(filepath.Join(dir, "*.json.gz"))
	for _, f := range old {
		os.Remove(f)
	}
	var idx tauriconfig.Index
	for _, s := range db.Schemas {
		name, err := writeGz(dir, "schema", s.Schema)
		if err != nil {
			return err
		}
		idx.Schemas = append(idx.Schemas, tauriconfig.IndexEntry{Tauri: s.Tauri, File: name})
	}
	for _, a := range db.Aliases {
		raw, err := json.Marshal(a.Types)
		if err != nil {
			return err
		}
		name, err := writeGz(dir, "aliases", raw)
		if err != nil {
			return err
		}
		idx.Aliases = append(idx.Aliases, tauriconfig.IndexEntry{Tauri: a.Tauri, File: name})
	}
	raw, err := json.MarshalIndent(idx, "", " ")
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "index.json"), append(raw, '\n'), 0o644)
}

func writeGz(dir, kind string, raw []byte) (string, error) {
	sum := sha256.Sum256(raw)
	name := fmt.Sprintf("%s-%x.json.gz", kind, sum[:4])
	var gz bytes.Buffer
	zw, err := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	if err != nil {
		return "", err
	}
	zw.Write(raw)
	if err := zw.Close(); err != nil {
		return "", err
	}
	return name, os.WriteFile(filepath.Join(dir, name), gz.Bytes(), 0o644)
}

func countVersions(s []schemaEntry) (n int) {
	for _, e := range s {
		n += len(e.Tauri)
	}
	return n
}

func countAliasVersions(s []aliasEntry) (n int) {
	for _, e := range s {
		n += len(e.Tauri)
	}
	return n
}
