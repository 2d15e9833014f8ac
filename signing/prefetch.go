package signing

import (
	"cmp"
	"fmt"
	"runtime"
	"runtime/debug"
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

// Each commit id has exactly one entry, however many packs (duplicates
// after "git repack -a" without -d, alternates) store it, and the entry is
// queued once. Workers hold the entry itself, never look it up by id, so
// the walk may drop an entry from the map at any moment: the map only
// answers the walk's "is anyone reading h?".

type prefetchState uint8

const (
	pfPending  prefetchState = iota // queued for a worker
	pfClaimed                       // the walk reads it itself
	pfInflight                      // a worker is reading it
	pfReady                         // parsed, waiting in the window
	pfFailed                        // unreadable here: the walk reads it and reports why
)

type prefetchEntry struct {
	pc    packedCommit
	state prefetchState
	c     *Commit       // set with pfReady
	done  chan struct{} // closed when a worker leaves pfInflight
}

type prefetcher struct {
	odb   *odb
	mu    sync.Mutex
	m     map[Hash]*prefetchEntry // entries the walk has not taken yet
	slots chan struct{}
	stop  chan struct{}
	once  sync.Once
	wg    sync.WaitGroup
	fault error // the first worker panic; the walk fails with it
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
	if n < 2 || len(r.odb.packList()) == 0 {
		return nil
	}
	pf := &prefetcher{odb: r.odb, slots: make(chan struct{}, prefetchWindow), stop: make(chan struct{})}
	todo := pf.queue(r.odb.packedCommits())
	if len(todo) == 0 {
		return nil
	}
	work := make(chan []*prefetchEntry, n)
	pf.wg.Add(1)
	go pf.feed(todo, work)
	for range n {
		pf.wg.Add(1)
		go pf.worker(work)
	}
	return pf
}

// startPrefetchAsync runs startPrefetch on another goroutine; the
// returned function waits for its prefetcher, and re-raises a panic of
// startPrefetch on the caller's goroutine, as a direct call would.
func (r *Repo) startPrefetchAsync() func() *prefetcher {
	var pf *prefetcher
	var fault any
	done := make(chan struct{})
	go func() {
		defer close(done)
		defer func() { fault = recover() }()
		pf = r.startPrefetch()
	}()
	return func() *prefetcher {
		<-done
		if fault != nil {
			panic(fault)
		}
		return pf
	}
}

// queue makes one entry per commit id, the first pack's copy winning.
func (pf *prefetcher) queue(pcs []packedCommit) []*prefetchEntry {
	pf.m = make(map[Hash]*prefetchEntry, len(pcs))
	todo := make([]*prefetchEntry, 0, len(pcs))
	for _, pc := range pcs {
		if pf.m[pc.id] != nil {
			continue
		}
		e := &prefetchEntry{pc: pc, done: make(chan struct{})}
		pf.m[pc.id] = e
		todo = append(todo, e)
	}
	return todo
}

// feed hands the queue to the workers in batches until it ends or the
// walk stops.
func (pf *prefetcher) feed(todo []*prefetchEntry, work chan<- []*prefetchEntry) {
	defer pf.wg.Done()
	defer close(work)
	for i := 0; i < len(todo); i += batchSize {
		select {
		case work <- todo[i:min(i+batchSize, len(todo))]:
		case <-pf.stop:
			return
		}
	}
}

func (pf *prefetcher) worker(work <-chan []*prefetchEntry) {
	defer pf.wg.Done()
	for batch := range work {
		for _, e := range batch {
			select {
			case pf.slots <- struct{}{}:
			case <-pf.stop:
				return
			}
			if !pf.read(e) {
				<-pf.slots
			}
		}
	}
}

// read parses one queued commit into the window; false when the walk
// claimed it first or it cannot be read here (the walk then reads it and
// reports what is wrong).
func (pf *prefetcher) read(e *prefetchEntry) bool {
	pf.mu.Lock()
	if e.state != pfPending {
		pf.mu.Unlock()
		return false
	}
	e.state = pfInflight
	pf.mu.Unlock()
	c := pf.parse(e.pc)
	pf.mu.Lock()
	e.c, e.state = c, pfReady
	if c == nil {
		e.state = pfFailed
	}
	pf.mu.Unlock()
	close(e.done)
	return c != nil
}

// parse reads one packed commit, nil when it cannot. A panic is a bug
// here: it is kept as the walk's error instead of ending the process, and
// the walk, which may be waiting for this commit, goes on.
func (pf *prefetcher) parse(pc packedCommit) (c *Commit) {
	defer func() {
		if v := recover(); v != nil {
			c = nil
			pf.mu.Lock()
			if pf.fault == nil {
				pf.fault = fmt.Errorf("reading commit %s ahead of the walk: panic: %v\n%s", pc.id, v, debug.Stack())
			}
			pf.mu.Unlock()
		}
	}()
	if typ, data, err := pf.odb.readPacked(pc.p, pc.off, 0, 0); err == nil && typ == ObjCommit {
		c, _ = ParseCommit(pc.id, data)
	}
	return c
}

// take returns h's parsed commit when a worker has it (waiting only for
// one already being read), or nil: the caller reads h itself. The walk
// asks for each id once, so every answer drops h's entry; a worker still
// holding it sees the new state and leaves it alone.
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
	delete(pf.m, h)
	if e.state == pfPending {
		e.state = pfClaimed
	}
	state := e.state
	pf.mu.Unlock()
	switch state {
	case pfClaimed, pfFailed:
		return nil
	case pfInflight:
		<-e.done
	}
	// The entry is final now (done is closed): a parsed commit holds the
	// window slot its worker took, which the walk frees by taking it.
	if e.c != nil {
		<-pf.slots
	}
	return e.c
}

// close stops the feeder and the workers, waits for them and returns the
// first worker panic, if any. It may be called more than once.
func (pf *prefetcher) close() error {
	if pf == nil {
		return nil
	}
	pf.once.Do(func() { close(pf.stop) })
	pf.wg.Wait()
	pf.mu.Lock()
	defer pf.mu.Unlock()
	return pf.fault
}

// packedCommits lists every commit stored in the packs, in pack order.
// Only object headers are read: a delta's type is its base's, and git
// writes bases before their deltas, so one pass in offset order knows
// every base's type already.
func (o *odb) packedCommits() []packedCommit {
	var out []packedCommit
	for _, p := range o.packList() {
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
