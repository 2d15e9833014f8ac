package signing

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	// klauspost's inflate reads a bytes.Reader without an interface call
	// per byte: ~8% of the CPU of a history audit, same bytes out.
	"github.com/klauspost/compress/zlib"
)

// ErrNotFound means the object is in no pack and not loose (a shallow
// clone's cut-off parents, or a broken repository).
var ErrNotFound = errors.New("object not found")

// ErrTooLarge means the object is bigger than the caller's limit; it was
// not inflated.
var ErrTooLarge = errors.New("object too large")

// odb reads objects from packs and loose files, its own and those of its
// alternates. It is safe for concurrent use.
//
// The pack set may change under a running audit: "git gc" beside it
// writes a new pack, then deletes the old packs and the loose objects it
// packed. Packs already mapped stay readable, so a miss rescans the pack
// directories for new packs, as git does, before it reports ErrNotFound.
type odb struct {
	format ObjectFormat // every id has its size
	dirs   []string     // objects directories, own first
	packs  atomic.Pointer[[]*pack]
	last   atomic.Int64 // index of the pack that answered last (a hint only)
	cache  deltaCache

	rescanMu sync.Mutex      // one rescan at a time; guards opened
	opened   map[string]bool // pack names already in packs
}

func openODB(dir string, f ObjectFormat) (*odb, error) {
	o := &odb{format: f, cache: deltaCache{max: 32 << 20, m: map[cacheKey]cached{}}, opened: map[string]bool{}}
	o.packs.Store(&[]*pack{})
	o.addDir(dir, 0)
	if _, err := o.rescan(true); err != nil {
		o.close()
		return nil, err
	}
	return o, nil
}

// addDir records one objects directory and follows its alternates (a few
// levels deep, as git allows).
func (o *odb) addDir(dir string, depth int) {
	if depth > 5 {
		return
	}
	o.dirs = append(o.dirs, dir)
	alt, err := readMeta(filepath.Join(dir, "info", "alternates"))
	if err != nil {
		return
	}
	for _, l := range strings.Split(string(alt), "\n") {
		l = strings.TrimSpace(l)
		if l == "" || l[0] == '#' {
			continue
		}
		if !filepath.IsAbs(l) {
			l = filepath.Join(dir, l)
		}
		o.addDir(l, depth+1)
	}
}

// packList is the current pack set; it only grows.
func (o *odb) packList() []*pack { return *o.packs.Load() }

// rescan opens the packs that appeared since the last scan and reports
// whether there were any. At open (strict) a pack that cannot be opened is
// an error; later it is skipped, as git may still be writing or removing
// it.
func (o *odb) rescan(strict bool) (bool, error) {
	o.rescanMu.Lock()
	defer o.rescanMu.Unlock()
	packs := o.packList()
	added := false
	for _, dir := range o.dirs {
		idxs, _ := filepath.Glob(filepath.Join(dir, "pack", "*.idx"))
		for _, idx := range idxs {
			base := strings.TrimSuffix(idx, ".idx")
			if o.opened[base] {
				continue
			}
			p, err := openPack(base, o.format)
			if err != nil {
				if strict && !os.IsNotExist(err) { // .idx without .pack: a pack being written or removed
					return added, err
				}
				continue
			}
			if !added {
				packs = slices.Clone(packs)
				added = true
			}
			o.opened[base] = true
			packs = append(packs, p)
		}
	}
	if added {
		o.packs.Store(&packs)
	}
	return added, nil
}

func (o *odb) close() error {
	for _, p := range o.packList() {
		p.close()
	}
	return nil
}

// Read returns the object's type and content. Objects larger than limit
// bytes (limit > 0) give ErrTooLarge; an id of the other object format
// gives ErrNotFound.
func (o *odb) Read(h Hash, limit int64) (ObjectType, []byte, error) {
	return o.ReadInto(h, limit, nil)
}

// ReadInto is Read building a packed object in dst's storage when it is
// large enough: the content may then alias dst, and is the caller's only
// until it passes dst again. A scratch buffer reused so spares the
// allocation and clearing of every object a search reads and drops.
func (o *odb) ReadInto(h Hash, limit int64, dst []byte) (ObjectType, []byte, error) {
	if h.Format() != o.format {
		return 0, nil, ErrNotFound
	}
	if typ, data, found, err := o.readFromPacks(h, limit, dst); found {
		return typ, data, err
	}
	typ, data, err := o.readLoose(h, limit)
	if errors.Is(err, ErrNotFound) {
		if added, _ := o.rescan(false); added {
			if typ, data, found, err := o.readFromPacks(h, limit, dst); found {
				return typ, data, err
			}
		}
	}
	return typ, data, err
}

// readFromPacks reads h from the first pack holding it; found is false
// when none does.
func (o *odb) readFromPacks(h Hash, limit int64, dst []byte) (typ ObjectType, data []byte, found bool, err error) {
	packs := o.packList()
	start := int(o.last.Load())
	for i := range packs {
		j := (start + i) % len(packs)
		if off := packs[j].find(&h); off >= 0 {
			if i != 0 {
				o.last.Store(int64(j))
			}
			typ, data, err = o.readPackedInto(packs[j], off, limit, 0, dst)
			return typ, data, true, err
		}
	}
	return 0, nil, false, nil
}

// Has reports whether the object exists.
func (o *odb) Has(h Hash) bool {
	if h.Format() != o.format {
		return false
	}
	if o.hasPacked(h) || o.hasLoose(h) {
		return true
	}
	added, _ := o.rescan(false)
	return added && o.hasPacked(h)
}

func (o *odb) hasPacked(h Hash) bool {
	for _, p := range o.packList() {
		if p.find(&h) >= 0 {
			return true
		}
	}
	return false
}

func (o *odb) hasLoose(h Hash) bool {
	hx := h.String()
	for _, d := range o.dirs {
		if _, err := os.Stat(filepath.Join(d, hx[:2], hx[2:])); err == nil {
			return true
		}
	}
	return false
}

func (o *odb) readLoose(h Hash, limit int64) (ObjectType, []byte, error) {
	hx := h.String()
	for _, d := range o.dirs {
		f, err := openRegular(filepath.Join(d, hx[:2], hx[2:]))
		if err != nil {
			continue
		}
		defer f.Close()
		return parseLoose(f, limit)
	}
	return 0, nil, ErrNotFound
}

// parseLoose inflates a loose object: "type size\0content".
func parseLoose(r io.Reader, limit int64) (ObjectType, []byte, error) {
	z, err := zlib.NewReader(r)
	if err != nil {
		return 0, nil, err
	}
	defer z.Close()
	var head [64]byte
	n, _ := io.ReadFull(z, head[:])
	nul := bytes.IndexByte(head[:n], 0)
	if nul < 0 {
		return 0, nil, errors.New("malformed loose object")
	}
	typName, sizeText, _ := strings.Cut(string(head[:nul]), " ")
	typ, ok := typeNames[typName]
	size, err := strconv.ParseInt(sizeText, 10, 64)
	if !ok || err != nil || size < 0 {
		return 0, nil, errors.New("malformed loose object header")
	}
	if limit > 0 && size > limit {
		return typ, nil, ErrTooLarge
	}
	buf := make([]byte, size)
	have := copy(buf, head[nul+1:n])
	if _, err := io.ReadFull(z, buf[have:]); err != nil {
		return 0, nil, fmt.Errorf("loose object: %w", err)
	}
	return typ, buf, nil
}

// readPacked reads the object at off, resolving delta chains.
func (o *odb) readPacked(p *pack, off, limit int64, depth int) (ObjectType, []byte, error) {
	return o.readPackedInto(p, off, limit, depth, nil)
}

// readPackedInto is readPacked building the object in dst's storage when
// it is large enough (see ReadInto).
func (o *odb) readPackedInto(p *pack, off, limit int64, depth int, dst []byte) (ObjectType, []byte, error) {
	if depth > 64 {
		return 0, nil, errors.New("delta chain too long")
	}
	typ, size, at, err := p.entryHeader(off)
	if err != nil {
		return 0, nil, err
	}
	switch typ {
	case ObjCommit, ObjTree, ObjBlob, ObjTag:
		if limit > 0 && size > limit {
			return typ, nil, ErrTooLarge
		}
		data, err := inflateAt(p, at, size, dst)
		return typ, data, err
	case objOfs, objRef:
		return o.readDelta(p, off, typ, size, at, limit, depth, dst)
	}
	return 0, nil, fmt.Errorf("%w: object type %d at %d", errCorrupt, typ, off)
}

func (o *odb) readDelta(p *pack, off int64, typ ObjectType, size, at, limit int64, depth int, dst []byte) (ObjectType, []byte, error) {
	var baseType ObjectType
	var base []byte
	var err error
	if typ == objOfs {
		var baseOff int64
		if baseOff, at, err = p.ofsBase(off, at); err != nil {
			return 0, nil, err
		}
		baseType, base, err = o.cachedBase(p, baseOff, depth)
	} else {
		n := int64(p.size)
		if at+n > int64(len(p.data)) {
			return 0, nil, errCorrupt
		}
		h := hashFrom(p.data[at : at+n])
		at += n
		if boff := p.find(&h); boff >= 0 {
			baseType, base, err = o.cachedBase(p, boff, depth)
		} else {
			baseType, base, err = o.Read(h, 0)
		}
	}
	if err != nil {
		return 0, nil, err
	}
	scratch := deltaScratch.Get().(*[]byte)
	defer putDeltaScratch(scratch)
	delta, err := inflateAt(p, at, size, *scratch)
	if err != nil {
		return 0, nil, err
	}
	*scratch = delta
	if limit > 0 && deltaTargetSize(delta) > limit {
		return baseType, nil, ErrTooLarge
	}
	out, err := applyDeltaInto(dst, base, delta)
	return baseType, out, err
}

// deltaScratch holds buffers for delta instructions, which live only
// until the delta is applied.
var deltaScratch = sync.Pool{New: func() any { return new([]byte) }}

// putDeltaScratch returns a buffer to the pool unless it grew too large
// to keep around.
func putDeltaScratch(b *[]byte) {
	if cap(*b) <= 1<<20 {
		deltaScratch.Put(b)
	}
}

// cachedBase reads a delta base through the cache: trees and blobs are
// often stored as long delta chains against the same bases.
func (o *odb) cachedBase(p *pack, off int64, depth int) (ObjectType, []byte, error) {
	k := cacheKey{p, off}
	if c, ok := o.cache.get(k); ok {
		return c.typ, c.data, nil
	}
	typ, data, err := o.readPacked(p, off, 0, depth+1)
	if err == nil {
		o.cache.put(k, cached{typ, data})
	}
	return typ, data, err
}

// inflaters are reused: a fresh zlib reader allocates tens of kilobytes.
var inflaters sync.Pool

// inflateAt inflates size bytes of zlib data starting at pack offset at,
// into dst's storage when it is large enough.
func inflateAt(p *pack, at, size int64, dst []byte) ([]byte, error) {
	if at >= int64(len(p.data)) || size < 0 || size > int64(len(p.data))*1032 {
		return nil, errCorrupt // deflate expands at most ~1032:1
	}
	src := bytes.NewReader(p.data[at:])
	var z io.ReadCloser
	if v := inflaters.Get(); v != nil {
		z = v.(io.ReadCloser)
		if err := z.(zlib.Resetter).Reset(src, nil); err != nil {
			return nil, err
		}
	} else {
		var err error
		if z, err = zlib.NewReader(src); err != nil {
			return nil, err
		}
	}
	defer inflaters.Put(z)
	buf := sized(dst, int(size))
	if _, err := io.ReadFull(z, buf); err != nil {
		return nil, fmt.Errorf("inflate at %d: %w", at, err)
	}
	return buf, nil
}

// sized returns n bytes: dst's when it can hold them, else new ones.
func sized(dst []byte, n int) []byte {
	if cap(dst) >= n {
		return dst[:n]
	}
	return make([]byte, n)
}
