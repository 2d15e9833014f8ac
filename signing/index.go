package signing

import (
	"bytes"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"strings"
)

// IndexEntry is one path of the staging area (git's index).
type IndexEntry struct {
	Path  string // slash path from the top of the work tree
	Mode  uint32 // 0100644, 0100755, 0120000 (symlink), 0160000 (gitlink)
	ID    Hash
	Stage uint8 // 0, or 1-3 for an unmerged path
	// IntentToAdd marks `git add -N` entries: listed, but not committed.
	IntentToAdd bool
	// sparseDir marks a sparse-index directory entry (Path ends in "/"):
	// ID names a tree that stands for everything under it.
	sparseDir bool
}

// Entry modes git writes in trees and the index.
const (
	ModeDir     = 0o040000
	ModeFile    = 0o100644
	ModeExec    = 0o100755
	ModeSymlink = 0o120000
	ModeGitlink = 0o160000
)

// indexFile is one parsed index file: the index itself, or the shared
// index a split index names.
type indexFile struct {
	version uint32
	entries []IndexEntry
	link    *splitLink // "link" extension: this is a split index
	sparse  bool       // "sdir" extension: directory entries stand for trees
}

// splitLink is the "link" extension: the shared index's id and which of
// its entries this file deletes and replaces (EWAH bitmaps).
type splitLink struct {
	shared       Hash
	del, replace []byte // raw EWAH bitmaps; nil when absent
}

// entryStatSize is the stat data before an entry's object id: ctime,
// mtime, dev, ino, mode, uid, gid, size (32-bit each, times 2×32).
const entryStatSize = 40

// errIndex wraps every malformed-index error.
var errIndex = errors.New("malformed index")

func indexErr(format string, args ...any) error {
	return fmt.Errorf("%w: %s", errIndex, fmt.Sprintf(format, args...))
}

// parseIndex decodes an index file (versions 2, 3 and 4; index-format.txt)
// whose ids are of format f. It checks the trailing checksum (all zeros,
// written with index.skipHash, is accepted as git accepts it), skips
// optional extensions and refuses mandatory ones it does not know. It
// allocates in proportion to len(data), whatever the header claims.
func parseIndex(data []byte, f ObjectFormat) (*indexFile, error) {
	hsz := f.Size()
	if len(data) < 12+hsz {
		return nil, indexErr("%d bytes, shorter than a header and checksum", len(data))
	}
	if string(data[:4]) != "DIRC" {
		return nil, indexErr("no DIRC signature")
	}
	if err := checkIndexSum(data, f); err != nil {
		return nil, err
	}
	ix := &indexFile{version: binary.BigEndian.Uint32(data[4:])}
	if ix.version < 2 || ix.version > 4 {
		return nil, indexErr("version %d (git writes 2, 3 and 4)", ix.version)
	}
	count := binary.BigEndian.Uint32(data[8:])
	body := data[:len(data)-hsz]
	minEntry := entryStatSize + hsz + 2 + 1 // stat, id, flags, at least a NUL
	if uint64(count) > uint64(len(body)/minEntry) {
		return nil, indexErr("%d entries cannot fit in %d bytes", count, len(body))
	}
	ix.entries = make([]IndexEntry, 0, count)
	off := 12
	prev := ""
	for i := uint32(0); i < count; i++ {
		e, next, err := parseEntry(body, off, ix.version, hsz, prev)
		if err != nil {
			return nil, fmt.Errorf("entry %d: %w", i, err)
		}
		ix.entries = append(ix.entries, e)
		prev, off = e.Path, next
	}
	return ix, ix.parseExtensions(body[off:], hsz, f)
}

// checkIndexSum verifies the trailing hash over everything before it.
func checkIndexSum(data []byte, f ObjectFormat) error {
	hsz := f.Size()
	body, sum := data[:len(data)-hsz], data[len(data)-hsz:]
	if bytes.Count(sum, []byte{0}) == hsz {
		return nil // index.skipHash (feature.manyFiles) writes no checksum
	}
	var got []byte
	if f == SHA256 {
		s := sha256.Sum256(body)
		got = s[:]
	} else {
		s := sha1.Sum(body)
		got = s[:]
	}
	if !bytes.Equal(got, sum) {
		return indexErr("checksum mismatch (a torn write, or not a %s index)", f)
	}
	return nil
}

// parseEntry decodes the entry at off; prev is the previous entry's path,
// which version 4 compresses against.
func parseEntry(body []byte, off int, version uint32, hsz int, prev string) (IndexEntry, int, error) {
	fixed := entryStatSize + hsz + 2
	if off+fixed > len(body) {
		return IndexEntry{}, 0, indexErr("truncated")
	}
	b := body[off:]
	e := IndexEntry{Mode: binary.BigEndian.Uint32(b[24:]), ID: hashFrom(b[entryStatSize : entryStatSize+hsz])}
	flags := binary.BigEndian.Uint16(b[entryStatSize+hsz:])
	e.Stage = uint8(flags >> 12 & 3)
	p := fixed
	if flags&0x4000 != 0 { // extended flags follow
		if version < 3 {
			return e, 0, indexErr("extended flags in a version %d index", version)
		}
		if p+2 > len(b) {
			return e, 0, indexErr("truncated")
		}
		ext := binary.BigEndian.Uint16(b[p:])
		e.IntentToAdd = ext&0x2000 != 0
		p += 2
	}
	name, p, err := entryName(b, p, flags, version, prev)
	if err != nil {
		return e, 0, err
	}
	e.Path = name
	return e, off + p, nil
}

// entryName reads the path at b[p:]: NUL-padded to a multiple of 8 in
// versions 2 and 3, prefix-compressed against prev in version 4.
func entryName(b []byte, p int, flags uint16, version uint32, prev string) (string, int, error) {
	if version == 4 {
		strip, n := indexVarint(b[p:])
		if n == 0 || strip > uint64(len(prev)) {
			return "", 0, indexErr("bad path prefix length")
		}
		p += n
		nul := bytes.IndexByte(b[p:], 0)
		if nul < 0 {
			return "", 0, indexErr("path without NUL")
		}
		name := prev[:len(prev)-int(strip)] + string(b[p:p+nul])
		return name, p + nul + 1, nil
	}
	n := int(flags & 0xfff)
	if n == 0xfff { // long path: its length is where the NUL is
		n = bytes.IndexByte(b[p:], 0)
		if n < 0 {
			return "", 0, indexErr("path without NUL")
		}
	}
	// The entry is padded with 1-8 NULs to a multiple of 8 bytes.
	size := (p + n + 8) &^ 7
	if size > len(b) || p+n >= len(b) || b[p+n] != 0 {
		return "", 0, indexErr("truncated or unterminated path")
	}
	return string(b[p : p+n]), size, nil
}

// checkEntry refuses paths git itself would not write (verify_path): a
// hostile index must not name files outside the tree. It runs on the
// final entries: a split index's replacing entries have empty names.
func checkEntry(e *IndexEntry) error {
	name := e.Path
	if e.Mode == ModeDir && strings.HasSuffix(name, "/") {
		e.sparseDir = true
		name = strings.TrimSuffix(name, "/")
	}
	if !fs.ValidPath(name) || name == "." || hasGitComponent(name) {
		return indexErr("invalid path %q", e.Path)
	}
	return nil
}

func hasGitComponent(p string) bool {
	for c := range strings.SplitSeq(p, "/") {
		if strings.EqualFold(c, ".git") {
			return true
		}
	}
	return false
}

// indexVarint decodes git's offset varint (varint.c); n is 0 on overflow
// or truncation.
func indexVarint(b []byte) (v uint64, n int) {
	if len(b) == 0 {
		return 0, 0
	}
	c := b[0]
	v = uint64(c & 0x7f)
	n = 1
	for c&0x80 != 0 {
		if n >= len(b) || v >= 1<<56 {
			return 0, 0
		}
		v++
		c = b[n]
		v = v<<7 | uint64(c&0x7f)
		n++
	}
	return v, n
}

// parseExtensions reads the extensions after the entries.
func (ix *indexFile) parseExtensions(b []byte, hsz int, f ObjectFormat) error {
	for len(b) > 0 {
		if len(b) < 8 {
			return indexErr("truncated extension header")
		}
		sig, size := string(b[:4]), binary.BigEndian.Uint32(b[4:])
		if uint64(size) > uint64(len(b)-8) {
			return indexErr("extension %q overruns the file", sig)
		}
		data := b[8 : 8+size]
		b = b[8+size:]
		switch {
		case sig == "link":
			l, err := parseLink(data, hsz)
			if err != nil {
				return err
			}
			ix.link = l
		case sig == "sdir":
			ix.sparse = true
		case sig[0] >= 'A' && sig[0] <= 'Z':
			// Optional (cache tree, resolve undo, untracked cache, ...):
			// it only speeds git up.
		default:
			return fmt.Errorf("index extension %q is not supported (git marks it as required to read the index)", sig)
		}
	}
	return nil
}

// parseLink decodes the "link" extension: the shared index id, then the
// delete and replace bitmaps.
func parseLink(b []byte, hsz int) (*splitLink, error) {
	if len(b) < hsz {
		return nil, indexErr("short link extension")
	}
	l := &splitLink{shared: hashFrom(b[:hsz])}
	b = b[hsz:]
	if len(b) == 0 {
		return l, nil
	}
	n, err := ewahSize(b)
	if err != nil {
		return nil, err
	}
	l.del, b = b[:n], b[n:]
	if n, err = ewahSize(b); err != nil {
		return nil, err
	}
	l.replace = b[:n]
	return l, nil
}
