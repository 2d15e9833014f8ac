package signing

import (
	"errors"
	"sync"
)

var errBadDelta = errors.New("malformed delta")

// deltaVarint reads the little-endian base-128 sizes of a delta header.
func deltaVarint(d []byte) (v int64, n int) {
	for shift := uint(0); n < len(d) && shift < 63; shift += 7 {
		c := d[n]
		n++
		v |= int64(c&0x7f) << shift
		if c&0x80 == 0 {
			return v, n
		}
	}
	return -1, n
}

// deltaTargetSize returns the size the delta produces, or -1.
func deltaTargetSize(d []byte) int64 {
	_, n := deltaVarint(d)
	v, _ := deltaVarint(d[n:])
	return v
}

// applyDelta rebuilds an object from its base and a git delta.
func applyDelta(base, d []byte) ([]byte, error) { return applyDeltaInto(nil, base, d) }

// applyDeltaInto is applyDelta building the object in dst's storage when
// it is large enough.
func applyDeltaInto(dst, base, d []byte) ([]byte, error) {
	srcSize, n := deltaVarint(d)
	if srcSize != int64(len(base)) {
		return nil, errBadDelta
	}
	d = d[n:]
	dstSize, n := deltaVarint(d)
	if dstSize < 0 || dstSize > int64(len(d))*0x10000+int64(len(base)) {
		return nil, errBadDelta
	}
	d = d[n:]
	out := sized(dst, int(dstSize))[:0]
	for len(d) > 0 {
		op := d[0]
		d = d[1:]
		if op&0x80 == 0 {
			if op == 0 || int(op) > len(d) {
				return nil, errBadDelta
			}
			out = append(out, d[:op]...)
			d = d[op:]
			continue
		}
		var off, size int64
		for i := uint(0); i < 7; i++ {
			if op&(1<<i) == 0 {
				continue
			}
			if len(d) == 0 {
				return nil, errBadDelta
			}
			if i < 4 {
				off |= int64(d[0]) << (8 * i)
			} else {
				size |= int64(d[0]) << (8 * (i - 4))
			}
			d = d[1:]
		}
		if size == 0 {
			size = 0x10000
		}
		if off+size > int64(len(base)) || int64(len(out))+size > dstSize {
			return nil, errBadDelta
		}
		out = append(out, base[off:off+size]...)
	}
	if int64(len(out)) != dstSize {
		return nil, errBadDelta
	}
	return out, nil
}

type cacheKey struct {
	p   *pack
	off int64
}

type cached struct {
	typ  ObjectType
	data []byte
}

// deltaCache keeps recently used delta bases up to max bytes, evicting
// arbitrary entries when full (cheap and good enough for chains that
// share bases).
type deltaCache struct {
	mu   sync.Mutex
	max  int
	size int
	m    map[cacheKey]cached
}

func (c *deltaCache) get(k cacheKey) (cached, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.m[k]
	return v, ok
}

func (c *deltaCache) put(k cacheKey, v cached) {
	if len(v.data) > c.max/4 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.m[k]; ok {
		return
	}
	for old, ov := range c.m {
		if c.size+len(v.data) <= c.max {
			break
		}
		delete(c.m, old)
		c.size -= len(ov.data)
	}
	c.m[k] = v
	c.size += len(v.data)
}
