package signing

import (
	"fmt"
	"runtime/debug"
	"slices"
	"sync"
)

// The history secret search runs its blob searches on workers. One
// goroutine owns every map of the treeScan: it pre-walks a batch of
// commits (parsing the trees walk will enter and queueing each blob walk
// will search, in walk order, so each blob is searched under the name
// walk would have used), then walks the previous batch, waiting on a
// blob's future only when it needs the hits. Workers see only futures,
// so the output is the sequential one.

// blobFuture is one blob search, queued or done. Futures of one
// pre-walked batch share a WaitGroup: the walk parks once per batch, not
// once per blob (parking per blob cost more CPU than the search saved on
// a busy machine). A search done on the walking goroutine has no batch.
type blobFuture struct {
	id     Hash
	name   string
	batch  *sync.WaitGroup
	hits   []SecretHit
	failed string // a worker's panic, with its stack
}

// noHits is the result of every search that found nothing, shared.
var noHits = &blobFuture{}

// searched is a search done on the walking goroutine.
func searched(hits []SecretHit) *blobFuture {
	if len(hits) == 0 {
		return noHits
	}
	return &blobFuture{hits: hits}
}

// wait returns the hits, or re-raises the worker's panic on the walking
// goroutine, where the pipeline's guard makes it the audit's error.
func (f *blobFuture) wait() []SecretHit {
	if f.batch != nil {
		f.batch.Wait()
	}
	if f.failed != "" {
		panic(fmt.Sprintf("blob %s (%s): %s", f.id, f.name, f.failed))
	}
	return f.hits
}

// startWorkers starts n blob searchers; the returned stop closes their
// queue and waits for them, so none reads the packs after it returns.
func (s *treeScan) startWorkers(n int) (stop func()) {
	s.jobs = make(chan *blobFuture, 256)
	var wg sync.WaitGroup
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var scratch []byte
			for f := range s.jobs {
				s.fill(f, &scratch)
			}
		}()
	}
	var once sync.Once
	return func() {
		once.Do(func() { close(s.jobs) })
		wg.Wait()
	}
}

// fill searches one queued blob; a panic is kept in the future.
func (s *treeScan) fill(f *blobFuture, scratch *[]byte) {
	defer f.batch.Done()
	defer func() {
		if v := recover(); v != nil {
			f.failed = fmt.Sprintf("panic: %v\n%s", v, debug.Stack())
		}
	}()
	f.hits = s.searchBlob(f.id, f.name, scratch)
}

// nextBatch starts a new group of futures for the pre-walks that follow.
func (s *treeScan) nextBatch() { s.batch = nil }

// prewalk visits the trees walk has not entered yet, in walk's order,
// parsing them and queueing the blobs it will search for the first time.
// It returns the tree's node, which holds what walk will visit.
func (s *treeScan) prewalk(tree Hash) *treeNode {
	if n := s.trees[tree]; n != nil {
		return n
	}
	n := &treeNode{state: treeParsed}
	s.trees[tree] = n // before descending, as walk marks a tree: a cycle stops here too
	// The tree is read into the descent's buffer for its depth, which the
	// subtrees leave alone; the names its refs keep are copied out.
	buf := s.treeBuf()
	defer s.releaseTreeBuf()
	data, ok := s.readTreeInto(tree, *buf)
	if ok {
		*buf = data
	}
	// The refs gather on a stack shared by the whole descent (a subtree's
	// are popped before the next entry), then are copied at their size.
	start := len(s.refStack)
	s.eachEntry(data, func(kind entryKind, name []byte, id Hash) {
		switch kind {
		case entryTree:
			if descend(name) {
				if sub := s.prewalk(id); sub.state != treeWalked || len(sub.found) > 0 {
					s.refStack = append(s.refStack, treeRef{name: name, tree: sub})
				}
			}
		case entrySubmodule:
		default:
			if f := s.queue(id, name); f != noHits {
				s.refStack = append(s.refStack, treeRef{name: name, blob: f})
			}
		}
	})
	n.refs = keepRefs(s.refStack[start:])
	s.refStack = s.refStack[:start]
	return n
}

// keepRefs copies refs, and their names into one allocation.
func keepRefs(refs []treeRef) []treeRef {
	if len(refs) == 0 {
		return nil
	}
	refs = slices.Clone(refs)
	size := 0
	for _, r := range refs {
		size += len(r.name)
	}
	names := make([]byte, 0, size)
	for i, r := range refs {
		names = append(names, r.name...)
		refs[i].name = names[len(names)-len(r.name):]
	}
	return refs
}

// treeBuf returns the pre-walk's buffer for the next depth of its
// descent; releaseTreeBuf gives it back when that tree is done.
func (s *treeScan) treeBuf() *[]byte {
	if s.depth == len(s.treeBufs) {
		s.treeBufs = append(s.treeBufs, new([]byte))
	}
	s.depth++
	return s.treeBufs[s.depth-1]
}

func (s *treeScan) releaseTreeBuf() { s.depth-- }

// queue makes sure a blob seen for the first time is being searched:
// on a worker when that means reading it, else at once. It returns the
// blob's search.
func (s *treeScan) queue(id Hash, rawName []byte) *blobFuture {
	if f := s.blobs[id]; f != nil {
		return f
	}
	name := string(rawName)
	if s.jobs == nil || !s.needsRead(name) {
		f := searched(s.searchBlob(id, name, &s.scratch))
		s.blobs[id] = f
		return f
	}
	if s.batch == nil {
		s.batch = new(sync.WaitGroup)
	}
	f := &blobFuture{id: id, name: name, batch: s.batch}
	s.batch.Add(1)
	s.blobs[id] = f
	s.jobs <- f
	return f
}
