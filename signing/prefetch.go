package signing

import (
	"cmp"
	"runtime"
	"slices"
	"sync"
)

// A whole-history walk is a chain: a commit's parents are known only once
// it is inflated, so the walk itself cannot be split. But git writes a
// pack's commits first and in walk order, so workers that inflate the
// packed commits in pack order run just ahead of the walk, and the walk
// mostly finds its next commit already parsed. That turns inflation (most
// of a cached re-audit) into parallel work.
//
// The window caps how many parsed commits wait to be taken, so memory
// stays bounded whatever the pack holds. The walk never waits for a
// commit no worker has started: it claims it and reads it itself, and
// workers skip claimed commits. Commits the walk never takes (other
// branches' order, unreachable objects) fill the window at worst, and the
// walk then goes on reading alone.

// prefetchWindow is how many parsed commits may wait to be taken.
var prefetchWindow = 2048 // a variable for tests

type prefetchState uint8

const (
	pfPending  prefetchState = iota // queued for a worker
	pfClaimed                       // the walk reads it itself
	pfInflight                      // a worker is reading it
	pfReady                         // parsed, waiting in the window
)

type prefetchEntry struct {
	state prefetchState
	c     *Commit
	done  chan struct{} // closed when a worker finishes it
}

type prefetcher struct {
	odb   *odb
	mu    sync.Mutex
	m     map[Hash]*prefetchEntry
	slots chan struct{}
	stop  chan struct{}
	wg    sync.WaitGroup
}

// packedCommit is a commit's place in a pack.
type packedCommit struct {
	id  Hash
	p   *pack
	off int64
}

// startPrefetch lists the packed commits and starts workers on them; nil
// when there is nothing to gain (one CPU, no packs).
func (r *Repo) startPrefetch() *prefetcher {
	n := runtime.GOMAXPROCS(0)
	if n < 2 || len(r.odb.packs) == 0 {
		return nil
	}
	todo := r.odb.packedCommits()
	if len(todo) == 0 {
		return nil
	}
	pf := &prefetcher{odb: r.odb, m: make(map[Hash]*prefetchEntry, len(todo)),
		slots: make(chan struct{}, prefetchWindow), stop: make(chan struct{})}
	for _, pc := range todo {
		pf.m[pc.id] = &prefetchEntry{done: make(chan struct{})}
	}
	work := make(chan []packedCommit, n)
	go func() {
		defer close(work)
		for i := 0; i < len(todo); i += batchSize {
			select {
			case work <- todo[i:min(i+batchSize, len(todo))]:
			case <-pf.stop:
				return
			}
		}
	}()
	for range n {
		pf.wg.Add(1)
		go pf.worker(work)
	}
	return pf
}

func (pf *prefetcher) worker(work <-chan []packedCommit) {
	defer pf.wg.Done()
	for batch := range work {
		for _, pc := range batch {
			select {
			case pf.slots <- struct{}{}:
			case <-pf.stop:
				return
			}
			if !pf.read(pc) {
				<-pf.slots
			}
		}
	}
}

// read parses one queued commit into the window; false when the walk
// claimed it first or it cannot be read (the walk then reads it and
// reports what is wrong).
func (pf *prefetcher) read(pc packedCommit) bool {
	pf.mu.Lock()
	e := pf.m[pc.id]
	if e.state != pfPending {
		pf.mu.Unlock()
		return false
	}
	e.state = pfInflight
	pf.mu.Unlock()
	var c *Commit
	if typ, data, err := pf.odb.readPacked(pc.p, pc.off, 0, 0); err == nil && typ == ObjCommit {
		c, _ = ParseCommit(pc.id, data)
	}
	pf.mu.Lock()
	e.c = c
	e.state = pfReady
	if c == nil {
		delete(pf.m, pc.id)
	}
	pf.mu.Unlock()
	close(e.done)
	return c != nil
}

// take returns h's parsed commit when a worker has it (waiting only for
// one already being read), or nil: the caller reads h itself.
func (pf *prefetcher) take(h Hash) *Commit {
	if pf == nil {
		return nil
	}
	pf.mu.Lock()
	e := pf.m[h]
	if e == nil {
		pf.mu.Unlock()
		return nil
	}
	switch e.state {
	case pfPending:
		e.state = pfClaimed
		pf.mu.Unlock()
		return nil
	case pfClaimed:
		pf.mu.Unlock()
		return nil
	}
	pf.mu.Unlock()
	<-e.done
	pf.mu.Lock()
	c := e.c
	if c != nil && pf.m[h] == e {
		delete(pf.m, h)
		<-pf.slots
	}
	pf.mu.Unlock()
	return c
}

// close stops the workers and waits for them.
func (pf *prefetcher) close() {
	if pf == nil {
		return
	}
	close(pf.stop)
	pf.wg.Wait()
}

// packedCommits lists every commit stored in the packs, in pack order.
// Only object headers are read: a delta's type is its base's, and git
// writes bases before their deltas, so one pass in offset order knows
// every base's type already.
func (o *odb) packedCommits() []packedCommit {
	var out []packedCommit
	for _, p := range o.packs {
		if p.n <= maxPrefetchObjects {
			out = p.commits(out)
		}
	}
	return out
}

// maxPrefetchObjects bounds the listing's memory (~21 bytes an object):
// the commits of larger packs are read by the walk alone.
const maxPrefetchObjects = 1 << 21

func (p *pack) commits(out []packedCommit) []packedCommit {
	order := make([]int32, p.n) // index positions by pack offset
	offs := make([]int64, p.n)
	for i := range p.n {
		order[i], offs[i] = int32(i), p.offsetAt(i)
	}
	slices.SortFunc(order, func(a, b int32) int { return cmp.Compare(offs[a], offs[b]) })
	sorted := make([]int64, p.n)
	for k, i := range order {
		sorted[k] = offs[i]
	}
	types := make([]ObjectType, p.n)
	typeAt := func(off int64) ObjectType {
		if k, ok := slices.BinarySearch(sorted, off); ok {
			return types[k]
		}
		return 0
	}
	for k, i := range order {
		off := sorted[k]
		typ, _, at, err := p.entryHeader(off)
		if err != nil {
			continue
		}
		switch typ {
		case objOfs:
			typ = 0
			if base, _, err := p.ofsBase(off, at); err == nil {
				typ = typeAt(base)
			}
		case objRef:
			typ = 0
			if at+int64(p.size) <= int64(len(p.data)) {
				h := hashFrom(p.data[at : at+int64(p.size)])
				if base := p.find(&h); base >= 0 && base < off {
					typ = typeAt(base)
				}
			}
		}
		types[k] = typ
		if typ == ObjCommit {
			out = append(out, packedCommit{id: hashFrom(p.ids[int(i)*p.size : (int(i)+1)*p.size]), p: p, off: off})
		}
	}
	return out
}
