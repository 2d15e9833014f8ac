package signing

import (
	"runtime"
	"sync"
	"time"
)

// batchSize is how many commits travel together between goroutines:
// one channel operation per commit cost more than the parsing.
const batchSize = 64

// pipeline fans the walked commits out to signature workers and a tree
// scanner, so verification and the secret search run beside the walk.
type pipeline struct {
	batch   []*Commit
	work    chan []*Commit
	trees   chan []*Commit
	wg      sync.WaitGroup
	results [][]CommitResult // one slice per worker: no locking
	scan    *treeScan
	scanned chan struct{}
}

func newPipeline(r *Repo, opt AuditOptions) *pipeline {
	n := max(runtime.GOMAXPROCS(0), 1)
	now := time.Now()
	p := &pipeline{work: make(chan []*Commit, 8), results: make([][]CommitResult, n), scanned: make(chan struct{})}
	for i := range n {
		p.wg.Add(1)
		go func() {
			defer p.wg.Done()
			for b := range p.work {
				for _, c := range b {
					p.results[i] = append(p.results[i], verifyCommit(opt.Trust, opt.Cache, now, c))
				}
			}
		}()
	}
	if opt.Secrets {
		p.trees = make(chan []*Commit, 8)
		go func() {
			p.scan = newTreeScan(r)
			for b := range p.trees {
				for _, c := range b {
					p.scan.commit(c)
				}
			}
			close(p.scanned)
		}()
	}
	return p
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

// finish waits for the workers and gathers their results into a.
func (p *pipeline) finish(a *Audit) {
	p.flush()
	close(p.work)
	p.wg.Wait()
	if p.trees != nil {
		close(p.trees)
		<-p.scanned
		a.Secrets = p.scan.finish()
	}
	for _, rs := range p.results {
		for _, res := range rs {
			a.Counts[res.Verdict.Status]++
			if res.Verdict.Status != StatusGood {
				a.Problems = append(a.Problems, res)
			}
		}
	}
}
