package signing

import (
	"bytes"
	"compress/zlib"
	"errors"
	"io"
	"path/filepath"
	"strconv"
	"strings"
)

// ObjectSize returns an object's type and inflated size without reading
// its content: only the pack entry header (or, for a delta, the start of
// the delta) or a loose object's header is inflated. A file system over
// git objects reports sizes this way, so a size cap is checked before a
// large blob is read.
func (r *Repo) ObjectSize(h Hash) (ObjectType, int64, error) {
	o := r.odb
	if h.Format() != o.format {
		return 0, 0, ErrNotFound
	}
	return o.typeOf(h, 0)
}

func (o *odb) packedSize(p *pack, off int64, depth int) (ObjectType, int64, error) {
	if depth > 64 {
		return 0, 0, errors.New("delta chain too long")
	}
	typ, size, at, err := p.entryHeader(off)
	if err != nil {
		return 0, 0, err
	}
	var base ObjectType
	switch typ {
	case ObjCommit, ObjTree, ObjBlob, ObjTag:
		return typ, size, nil
	case objOfs:
		var baseOff int64
		if baseOff, at, err = p.ofsBase(off, at); err != nil {
			return 0, 0, err
		}
		if base, _, err = o.packedSize(p, baseOff, depth+1); err != nil {
			return 0, 0, err
		}
	case objRef:
		if at+int64(p.size) > int64(len(p.data)) {
			return 0, 0, errCorrupt
		}
		h := hashFrom(p.data[at : at+int64(p.size)])
		at += int64(p.size)
		if base, _, err = o.typeOf(h, depth+1); err != nil {
			return 0, 0, err
		}
	default:
		return 0, 0, errCorrupt
	}
	head, err := inflateHead(p.data[at:], 20)
	if err != nil {
		return 0, 0, err
	}
	if n := deltaTargetSize(head); n >= 0 {
		return base, n, nil
	}
	return 0, 0, errBadDelta
}

// typeOf finds a delta base by id (in any pack, or loose) for its type.
func (o *odb) typeOf(h Hash, depth int) (ObjectType, int64, error) {
	for _, p := range o.packList() {
		if off := p.find(&h); off >= 0 {
			return o.packedSize(p, off, depth)
		}
	}
	hx := h.String()
	for _, d := range o.dirs {
		if f, err := openRegular(filepath.Join(d, hx[:2], hx[2:])); err == nil {
			defer f.Close()
			return looseSize(f)
		}
	}
	return 0, 0, ErrNotFound
}

// inflateHead inflates up to n bytes from the start of zlib data.
func inflateHead(b []byte, n int) ([]byte, error) {
	z, err := zlib.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	defer z.Close()
	buf := make([]byte, n)
	got, err := io.ReadFull(z, buf)
	if err != nil && err != io.ErrUnexpectedEOF {
		return nil, err
	}
	return buf[:got], nil
}

func looseSize(f io.Reader) (ObjectType, int64, error) {
	z, err := zlib.NewReader(f)
	if err != nil {
		return 0, 0, err
	}
	defer z.Close()
	var head [64]byte
	n, _ := io.ReadFull(z, head[:])
	nul := bytes.IndexByte(head[:n], 0)
	if nul < 0 {
		return 0, 0, errors.New("malformed loose object")
	}
	typName, sizeText, _ := strings.Cut(string(head[:nul]), " ")
	typ, ok := typeNames[typName]
	size, err := strconv.ParseInt(sizeText, 10, 64)
	if !ok || err != nil || size < 0 {
		return 0, 0, errors.New("malformed loose object header")
	}
	return typ, size, nil
}
