package signing

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"os"

	"github.com/edsrzf/mmap-go"
)

// pack is one mapped pack file with its version-2 index.
type pack struct {
	name    string
	idx     []byte // whole .idx file
	data    mmap.MMap
	file    *os.File
	n       int    // objects
	fanout  []byte // 256 big-endian uint32
	ids     []byte // n*20, sorted
	offsets []byte // n uint32
	large   []byte // 64-bit offsets
}

var errCorrupt = errors.New("corrupt pack")

// openPack maps base+".pack" and reads base+".idx".
func openPack(base string) (*pack, error) {
	idx, err := os.ReadFile(base + ".idx")
	if err != nil {
		return nil, err
	}
	p := &pack{name: base, idx: idx}
	if err := p.parseIndex(); err != nil {
		return nil, fmt.Errorf("%s.idx: %w", base, err)
	}
	if p.file, err = os.Open(base + ".pack"); err != nil {
		return nil, err
	}
	if p.data, err = mmap.Map(p.file, mmap.RDONLY, 0); err != nil {
		p.file.Close()
		return nil, err
	}
	if len(p.data) < 12 || string(p.data[:4]) != "PACK" {
		p.close()
		return nil, fmt.Errorf("%s.pack: %w", base, errCorrupt)
	}
	return p, nil
}

// parseIndex slices the version-2 index into its tables. Version 1
// indexes (git before 1.5.2) are refused.
func (p *pack) parseIndex() error {
	b := p.idx
	if len(b) < 8+1024 || !bytes.Equal(b[:4], []byte("\xfftOc")) || binary.BigEndian.Uint32(b[4:]) != 2 {
		return errors.New("not a version-2 pack index")
	}
	p.fanout = b[8 : 8+1024]
	p.n = int(binary.BigEndian.Uint32(p.fanout[1020:]))
	rest := b[8+1024:]
	need := p.n*20 + p.n*4 + p.n*4 + 40
	if p.n < 0 || len(rest) < need {
		return errCorrupt
	}
	p.ids = rest[:p.n*20]
	p.offsets = rest[p.n*24 : p.n*28]
	p.large = rest[p.n*28 : len(rest)-40]
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

// find returns the pack offset of h, or -1.
func (p *pack) find(h Hash) int64 {
	lo := 0
	if h[0] > 0 {
		lo = int(binary.BigEndian.Uint32(p.fanout[(int(h[0])-1)*4:]))
	}
	hi := int(binary.BigEndian.Uint32(p.fanout[int(h[0])*4:]))
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		switch c := bytes.Compare(p.ids[m*20:m*20+20], h[:]); {
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
		var h Hash
		copy(h[:], p.ids[i*20:])
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
