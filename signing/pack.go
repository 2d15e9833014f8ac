package signing

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"math/bits"
	"os"

	"github.com/edsrzf/mmap-go"
)

// pack is one mapped pack file with its version-2 index.
type pack struct {
	name    string
	idx     []byte // whole .idx file
	data    mmap.MMap
	file    *os.File
	size    int    // object id size: 20 (SHA-1) or 32 (SHA-256)
	n       int    // objects
	fanout  []byte // 256 big-endian uint32
	ids     []byte // n*size, sorted
	offsets []byte // n uint32
	large   []byte // 64-bit offsets
}

var errCorrupt = errors.New("corrupt pack")

// openPack maps base+".pack" and reads base+".idx", whose ids are of
// format f.
func openPack(base string, f ObjectFormat) (*pack, error) {
	idx, err := readRegular(base + ".idx")
	if err != nil {
		return nil, err
	}
	p := &pack{name: base, idx: idx, size: f.Size()}
	if err := p.parseIndex(); err != nil {
		return nil, fmt.Errorf("%s.idx: %w", base, err)
	}
	if p.file, err = openRegular(base + ".pack"); err != nil {
		return nil, err
	}
	if p.data, err = mmap.Map(p.file, mmap.RDONLY, 0); err != nil {
		p.file.Close()
		return nil, err
	}
	if err := p.checkPack(); err != nil {
		p.close()
		return nil, fmt.Errorf("%s.pack: %w", base, err)
	}
	return p, nil
}

// checkPack matches the pack with its index as git does: the header's
// object count, and the pack checksum the index records. An index read
// with the wrong id size (a repository whose extensions.objectFormat does
// not match its objects) fails here instead of yielding garbage ids.
func (p *pack) checkPack() error {
	d := p.data
	if len(d) < 12+p.size || string(d[:4]) != "PACK" {
		return errCorrupt
	}
	if v := binary.BigEndian.Uint32(d[4:]); v != 2 && v != 3 {
		return fmt.Errorf("%w: version %d", errCorrupt, v)
	}
	if n := binary.BigEndian.Uint32(d[8:]); int64(n) != int64(p.n) {
		return fmt.Errorf("%w: %d objects, its index lists %d", errCorrupt, n, p.n)
	}
	sum := p.idx[len(p.idx)-2*p.size : len(p.idx)-p.size]
	if !bytes.Equal(sum, d[len(d)-p.size:]) {
		return fmt.Errorf("%w: does not match its index", errCorrupt)
	}
	return nil
}

// parseIndex slices the version-2 index into its tables: the fanout,
// n ids of p.size bytes, n CRCs, n offsets, the 64-bit offsets, and the
// pack and index checksums (p.size bytes each). SHA-256 repositories use
// the same layout with 32-byte ids. Version 1 indexes (git before 1.5.2)
// are refused. The sizes are checked as git's check_packed_git_idx does,
// and the fanout must not decrease: find trusts it to stay in the table.
func (p *pack) parseIndex() error {
	b := p.idx
	if len(b) < 8+1024 || !bytes.Equal(b[:4], []byte("\xfftOc")) || binary.BigEndian.Uint32(b[4:]) != 2 {
		return errors.New("not a version-2 pack index")
	}
	p.fanout = b[8 : 8+1024]
	prev := uint32(0)
	for i := 0; i < 1024; i += 4 {
		v := binary.BigEndian.Uint32(p.fanout[i:])
		if v < prev {
			return fmt.Errorf("%w: decreasing fanout", errCorrupt)
		}
		prev = v
	}
	n, size := int64(prev), int64(p.size)
	minSize := 8 + 1024 + n*(size+8) + 2*size
	maxSize := minSize
	if n > 0 {
		maxSize += (n - 1) * 8
	}
	if l := int64(len(b)); l < minSize || l > maxSize || (l-minSize)%8 != 0 {
		return fmt.Errorf("%w: index size %d does not fit %d objects with %d-byte ids", errCorrupt, l, n, size)
	}
	p.n = int(n)
	rest := b[8+1024:]
	p.ids = rest[:p.n*p.size]
	off := p.n * (p.size + 4) // past the CRCs
	p.offsets = rest[off : off+p.n*4]
	p.large = rest[off+p.n*4 : len(rest)-2*p.size]
	return nil
}

func (p *pack) close() {
	if p.data != nil {
		p.data.Unmap()
	}
	if p.file != nil {
		p.file.Close()
	}
}

// find returns the pack offset of h, or -1. h must have the pack's id
// size (the odb checks).
func (p *pack) find(h *Hash) int64 {
	key := h.b[:p.size]
	lo := 0
	if h.b[0] > 0 {
		lo = int(binary.BigEndian.Uint32(p.fanout[(int(h.b[0])-1)*4:]))
	}
	hi := int(binary.BigEndian.Uint32(p.fanout[int(h.b[0])*4:]))
	if m, found := p.interpolate(key, &lo, &hi); found {
		return p.offsetAt(m)
	}
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		switch c := bytes.Compare(p.ids[m*p.size:(m+1)*p.size], key); {
		case c == 0:
			return p.offsetAt(m)
		case c < 0:
			lo = m + 1
		default:
			hi = m
		}
	}
	return -1
}

// interpolate narrows [lo, hi), the ids sharing key's first byte, by
// interpolation: ids are uniform, so the key's next eight bytes say
// where it lies, and a few probes replace a dozen binary-search steps,
// each a cache miss in a large index. It stops after a few rounds, so
// a skewed index costs no more than the binary search that follows.
func (p *pack) interpolate(key []byte, lo, hi *int) (m int, found bool) {
	kv := binary.BigEndian.Uint64(key[1:9])
	lv, hv := uint64(0), uint64(math.MaxUint64) // bounds on the ids in [lo, hi)
	for range 4 {
		n := *hi - *lo
		if n < 16 || kv < lv || kv > hv || lv >= hv {
			return 0, false
		}
		// est = (kv-lv)·n / (hv-lv+1), in 128 bits; below n as kv ≤ hv.
		hi128, lo128 := bits.Mul64(kv-lv, uint64(n))
		est := hi128 // hv-lv+1 = 2⁶⁴
		if hv-lv < math.MaxUint64 {
			est, _ = bits.Div64(hi128, lo128, hv-lv+1)
		}
		m = *lo + int(est)
		id := p.ids[m*p.size : (m+1)*p.size]
		switch c := bytes.Compare(id, key); {
		case c == 0:
			return m, true
		case c < 0:
			*lo, lv = m+1, binary.BigEndian.Uint64(id[1:9])
		default:
			*hi, hv = m, binary.BigEndian.Uint64(id[1:9])
		}
	}
	return 0, false
}

func (p *pack) offsetAt(i int) int64 {
	o := binary.BigEndian.Uint32(p.offsets[i*4:])
	if o&0x80000000 == 0 {
		return int64(o)
	}
	j := int(o&0x7fffffff) * 8
	if j+8 > len(p.large) {
		return -1
	}
	return int64(binary.BigEndian.Uint64(p.large[j:]))
}

// withPrefix appends the ids starting with the hex prefix (even length
// handled by the caller's comparison) to out.
func (p *pack) withPrefix(prefix []byte, match func(Hash) bool, out []Hash) []Hash {
	lo := 0
	if prefix[0] > 0 {
		lo = int(binary.BigEndian.Uint32(p.fanout[(int(prefix[0])-1)*4:]))
	}
	hi := int(binary.BigEndian.Uint32(p.fanout[int(prefix[0])*4:]))
	for i := lo; i < hi; i++ {
		h := hashFrom(p.ids[i*p.size : (i+1)*p.size])
		if match(h) {
			out = append(out, h)
		}
	}
	return out
}

// entryHeader decodes the object header at off: its type, inflated size
// and where the compressed data (or delta base reference) starts.
func (p *pack) entryHeader(off int64) (typ ObjectType, size int64, next int64, err error) {
	if off < 12 || off >= int64(len(p.data)) {
		return 0, 0, 0, errCorrupt
	}
	b := p.data[off:]
	c := b[0]
	typ = ObjectType(c >> 4 & 7)
	size = int64(c & 15)
	shift := uint(4)
	i := 1
	for c&0x80 != 0 {
		if i >= len(b) || shift > 56 {
			return 0, 0, 0, errCorrupt
		}
		c = b[i]
		size |= int64(c&0x7f) << shift
		shift += 7
		i++
	}
	return typ, size, off + int64(i), nil
}

// ofsBase decodes an OFS_DELTA's base offset, relative to off.
func (p *pack) ofsBase(off, at int64) (base int64, next int64, err error) {
	b := p.data[at:]
	if len(b) == 0 {
		return 0, 0, errCorrupt
	}
	c := b[0]
	v := int64(c & 0x7f)
	i := 1
	for c&0x80 != 0 {
		if i >= len(b) || v > 1<<55 {
			return 0, 0, errCorrupt
		}
		c = b[i]
		v = (v+1)<<7 | int64(c&0x7f)
		i++
	}
	if v <= 0 || v > off {
		return 0, 0, errCorrupt
	}
	return off - v, at + int64(i), nil
}
