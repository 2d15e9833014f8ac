package signing

import (
	"strings"
	"testing"
)

// A panic in a pipeline worker is a result, never a crash, and the walk
// can still hand over every commit: a verifier panic makes that commit's
// signature bad, a secret-search panic the audit's error.
func TestPipelineWorkerPanics(t *testing.T) {
	for _, workers := range []int{0, 2} {
		testPipelineWorkerPanics(t, workers)
	}
}

func testPipelineWorkerPanics(t *testing.T, workers int) {
	verify := func(c *Commit) CommitResult {
		if c.Summary == "boom" {
			panic("verifier bug")
		}
		return CommitResult{ID: c.ID, Verdict: Verdict{Status: StatusUnsigned}}
	}
	// No repository: the tree scanner panics on its first read.
	p := startPipeline(nil, verify, true, nil, workers)
	for range 3 * batchSize {
		p.add(&Commit{Summary: "unsigned"})
	}
	p.add(&Commit{Summary: "boom", Sig: []byte("-----BEGIN SSH SIGNATURE-----\n")})
	a := &Audit{Counts: map[Status]int{}}
	err := p.finish(a)
	if err == nil || !strings.Contains(err.Error(), "secret search in history: panic") {
		t.Errorf("finish: %v, want the secret search's panic", err)
	}
	if a.Counts[StatusUnsigned] != 3*batchSize || a.Counts[StatusBad] != 1 {
		t.Errorf("counts %v, want every commit verified", a.Counts)
	}
	found := false
	for _, pr := range a.Problems {
		found = found || (pr.Summary == "boom" && strings.Contains(pr.Verdict.Detail, "verifier failed on this signature: verifier bug"))
	}
	if !found {
		t.Errorf("the verifier's panic is not the commit's verdict")
	}
	p.stop() // a second stop, as the deferred one, is harmless
}

// A panic in a blob worker reaches the walking goroutine when it needs
// the hits, and the workers still stop.
func TestBlobWorkerPanic(t *testing.T) {
	s := newTreeScan(nil, nil) // no repository: reading a blob panics
	stop := s.startWorkers(2)
	defer stop()
	name := ".env"
	if !s.needsRead(name) {
		t.Fatalf("%s is not read: the test needs a blob that is", name)
	}
	id := Hash{b: [32]byte{1}}
	s.queue(id, []byte(name))
	// Asked again, the failed search fails again: it neither waits forever
	// nor passes for a blob without secrets.
	for range 2 {
		func() {
			defer func() {
				v := recover()
				if msg, _ := v.(string); !strings.Contains(msg, "panic:") {
					t.Errorf("blob: recovered %v, want the worker's panic", v)
				}
			}()
			s.blob(id, []byte(name))
			t.Errorf("blob returned after its worker panicked")
		}()
	}
}
