package signing

import (
	"fmt"

	"github.com/tauriaudit/tauriaudit/signing/secretrules"
	"runtime"
	"runtime/debug"
	"slices"
	"sync"
	"time"
)

// batchSize is how many commits travel together between goroutines:
// one channel operation per commit cost more than the parsing.
const batchSize = 64

// pipeline fans the walked commits out to signature workers and a tree
// scanner, so verification and the secret search run beside the walk.
// A panic in a worker never ends the process: a signature that crashes
// its verifier is a bad signature, and a crashed secret search is the
// audit's error. Workers keep draining their channel either way, so the
// walk never blocks on a dead one.
type pipeline struct {
	batch   []*Commit
	work    chan []*Commit
	trees   chan []*Commit
	wg      sync.WaitGroup
	results [][]CommitResult // one slice per worker: no locking
	scan    *treeScan
	scanErr error // set by the tree scanner before scanned closes
	scanned chan struct{}
	ended   sync.Once
}

func newPipeline(r *Repo, opt AuditOptions) *pipeline {
	now := time.Now()
	verify := func(c *Commit) CommitResult { return verifyCommit(opt.Trust, opt.Cache, now, c) }
	workers := runtime.GOMAXPROCS(0)
	if opt.sequentialSecrets || workers < 2 {
		workers = 0 // one core: the futures would only add work
	}
	return startPipeline(r, verify, opt.Secrets, opt.Detector, workers)
}

// startPipeline starts the workers: verify on every commit, and the tree
// scanner when secrets is set.
// scanWorkers is how many goroutines search history blobs; 0 searches
// them on the walking goroutine.
func startPipeline(r *Repo, verify func(*Commit) CommitResult, secrets bool, d *secretrules.Detector, scanWorkers int) *pipeline {
	n := max(runtime.GOMAXPROCS(0), 1)
	p := &pipeline{work: make(chan []*Commit, 8), results: make([][]CommitResult, n), scanned: make(chan struct{})}
	for i := range n {
		p.wg.Add(1)
		go func() {
			defer p.wg.Done()
			for b := range p.work {
				for _, c := range b {
					p.results[i] = append(p.results[i], safeVerify(verify, c))
				}
			}
		}()
	}
	if secrets {
		p.trees = make(chan []*Commit, 8)
		go p.scanTrees(r, d, scanWorkers)
	}
	return p
}

// safeVerify turns a verifier panic into a bad verdict.
func safeVerify(verify func(*Commit) CommitResult, c *Commit) (res CommitResult) {
	defer func() {
		if v := recover(); v != nil {
			res = CommitResult{ID: c.ID, Author: c.Author, Committer: c.Committer, Summary: c.Summary,
				Verdict: Verdict{Format: Classify(c.Sig), Status: StatusBad, Detail: fmt.Sprintf("the verifier failed on this signature: %v", v)}}
		}
	}()
	return verify(c)
}

// scanTrees searches the batches' trees until the channel closes; after
// a panic it only drains. With workers, each batch is pre-walked (its
// new blobs queued to them) before the batch before it is walked, so the
// workers run a batch ahead of the walk.
func (p *pipeline) scanTrees(r *Repo, d *secretrules.Detector, workers int) {
	defer close(p.scanned)
	guard := func(f func()) {
		defer func() {
			if v := recover(); v != nil {
				p.scanErr = fmt.Errorf("secret search in history: panic: %v\n%s", v, debug.Stack())
			}
		}()
		f()
	}
	guard(func() { p.scan = newTreeScan(r, d) })
	if p.scanErr != nil {
		for range p.trees {
		}
		return
	}
	s := p.scan
	if workers > 0 {
		defer s.startWorkers(workers)() // runs before scanned closes
	}
	prewalk := func(b []*Commit) {
		if s.jobs != nil {
			s.nextBatch()
			for _, c := range b {
				s.prewalk(c.Tree)
			}
		}
	}
	walk := func(b []*Commit) {
		for _, c := range b {
			s.commit(c)
		}
	}
	guard(func() {
		if t, ok := s.headTree(); ok {
			if s.jobs != nil {
				s.prewalk(t)
			}
			s.head(t)
		}
	})
	var ahead []*Commit
	for b := range p.trees {
		if p.scanErr == nil {
			guard(func() { prewalk(b); walk(ahead) })
		}
		ahead = b
	}
	if p.scanErr == nil {
		guard(func() { walk(ahead) })
	}
}

func (p *pipeline) add(c *Commit) {
	p.batch = append(p.batch, c)
	if len(p.batch) == batchSize {
		p.flush()
	}
}

func (p *pipeline) flush() {
	if len(p.batch) == 0 {
		return
	}
	p.work <- p.batch
	if p.trees != nil {
		p.trees <- p.batch
	}
	p.batch = make([]*Commit, 0, batchSize)
}

// stop closes the workers' channels, once, and waits for the workers: by
// finish, or deferred so a walk that panics leaves no worker waiting
// forever, nor one still reading the packs the caller is about to unmap.
func (p *pipeline) stop() {
	p.ended.Do(func() {
		close(p.work)
		if p.trees != nil {
			close(p.trees)
		}
	})
	p.wg.Wait()
	if p.trees != nil {
		<-p.scanned
	}
}

// finish waits for the workers and gathers their results into a; the
// error is the secret search's, whose hits are then incomplete.
func (p *pipeline) finish(a *Audit) error {
	p.flush()
	p.stop()
	if p.scan != nil {
		a.Secrets = p.scan.finish()
	}
	n := len(a.Problems)
	for _, rs := range p.results {
		n += len(rs)
	}
	a.Problems = slices.Grow(a.Problems, n-len(a.Problems)) // most commits are unsigned: one copy, not a doubling series
	for _, rs := range p.results {
		for _, res := range rs {
			a.Counts[res.Verdict.Status]++
			if res.Verdict.Status != StatusGood {
				a.Problems = append(a.Problems, res)
			}
		}
	}
	return p.scanErr
}
