package signing

import "container/heap"

// slop is how many extra commits a limited walk reads after the queue
// holds only excluded commits, as git does, to survive clock skew.
const slop = 8

// limited visits commits reachable from include but not from exclude
// (git's A..B). Like git's limit_list it walks newest first, spreading
// the "excluded" mark to parents, and stops once every queued commit is
// excluded. Candidates are remembered by id only and re-read for the
// visit, so memory stays at one id per commit in the range.
func (w *walker) limited(include, exclude []Hash, visit func(*Commit) error) error {
	parents := map[Hash][]Hash{} // expanded candidates, to spread late exclusion
	var order []Hash
	for _, h := range exclude {
		w.push(h, uninBit)
	}
	for _, h := range include {
		w.push(h, 0)
	}
	extra := slop
	for w.queue.Len() > 0 {
		if !w.anyInteresting() {
			if extra--; extra < 0 {
				break
			}
		}
		c := heap.Pop(&w.queue).(*Commit)
		st := w.state[c.ID]
		w.state[c.ID] = st | doneBit
		if st&uninBit != 0 {
			for _, p := range c.Parents {
				w.markUninteresting(p, parents)
				w.push(p, uninBit)
			}
			continue
		}
		if w.opt.MaxCommits > 0 && len(order) >= w.opt.MaxCommits {
			w.info.Truncated = true
			break
		}
		order = append(order, c.ID)
		parents[c.ID] = c.Parents
		for _, p := range c.Parents {
			w.push(p, 0)
		}
	}
	for _, h := range order {
		if w.state[h]&uninBit != 0 {
			continue
		}
		c, err := w.repo.ReadCommit(h)
		if err != nil {
			return err
		}
		w.info.Visited++
		w.progress()
		if err := visit(c); err != nil {
			if err == errStop {
				break
			}
			return err
		}
	}
	w.done()
	return nil
}

// markUninteresting marks h excluded, and the already expanded commits
// below it too: they were queued as candidates before the exclusion
// reached them.
func (w *walker) markUninteresting(h Hash, parents map[Hash][]Hash) {
	stack := []Hash{h}
	for len(stack) > 0 {
		h := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if w.state[h]&uninBit != 0 {
			continue
		}
		w.state[h] |= uninBit
		stack = append(stack, parents[h]...)
	}
}

// anyInteresting reports whether a queued commit is still a candidate.
// The queue is the frontier, normally a handful of commits.
func (w *walker) anyInteresting() bool {
	for _, c := range w.queue {
		if w.state[c.ID]&uninBit == 0 {
			return true
		}
	}
	return false
}

// commitQueue is a max-heap on committer time.
type commitQueue []*Commit

func (q commitQueue) Len() int { return len(q) }
func (q commitQueue) Less(i, j int) bool {
	return q[i].Committer.When.After(q[j].Committer.When)
}
func (q commitQueue) Swap(i, j int) { q[i], q[j] = q[j], q[i] }
func (q *commitQueue) Push(x any)   { *q = append(*q, x.(*Commit)) }
func (q *commitQueue) Pop() any {
	old := *q
	c := old[len(old)-1]
	old[len(old)-1] = nil
	*q = old[:len(old)-1]
	return c
}
