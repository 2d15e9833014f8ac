package source

// Parsers allocate one Node per value and one Member per object member;
// a lockfile has tens of thousands. Taking them from chunks instead of
// one heap object each cuts the allocator's share of a scan. Chunks grow
// from small, so a tiny file wastes little, and are never shared between
// files: a tree keeps only its own chunks alive.
const (
	firstChunk = 16
	maxChunk   = 1024
)

// slab hands out pointers to zeroed T from chunks of growing size.
type slab[T any] struct {
	free []T
	next int // size of the next chunk
}

func (s *slab[T]) get() *T {
	if len(s.free) == 0 {
		s.next = min(max(s.next*2, firstChunk), maxChunk)
		s.free = make([]T, s.next)
	}
	p := &s.free[0]
	s.free = s.free[1:]
	return p
}
