package signing

import (
	"container/heap"
	"errors"
	"fmt"
	"strings"
)

// WalkOptions select the commits to read. At most one of Range, SinceTag
// and All is meaningful; with none, every commit reachable from HEAD is
// read.
type WalkOptions struct {
	Range      string // "A..B" (B defaults to HEAD), or one revision
	SinceTag   bool   // commits since the newest tag reachable from HEAD
	All        bool   // every commit reachable from any ref or HEAD
	MaxCommits int    // stop after this many commits; 0 = no limit
	Progress   func(done, total int)
}

// WalkInfo says what a walk covered.
type WalkInfo struct {
	Desc      string // the range in words: "v1.2.0..HEAD", "all refs"
	BaseTag   string // SinceTag: the tag the range starts after ("" if none)
	Head      Hash   // HEAD, when it resolves
	Visited   int
	Truncated bool // MaxCommits was reached
	Missing   int  // parents that are not in the repository (shallow clone)
	Shallow   bool // the repository is a shallow clone
	// Unreadable counts what the walk needed and could not read, other
	// than a shallow clone's cut-off parents: corrupt or missing commits
	// and branches whose tip is neither. FirstUnreadable says why.
	Unreadable      int
	FirstUnreadable string
}

// unreadable records an object the walk could not read.
func (info *WalkInfo) unreadable(what string, err error) {
	if info.Unreadable++; info.FirstUnreadable == "" {
		info.FirstUnreadable = what + ": " + err.Error()
	}
}

// errStop ends a walk early without an error.
var errStop = errors.New("stop")

// Walk calls visit for each selected commit, newest committer date
// first. It holds only the frontier and a set of seen ids, never the
// whole history. go-git's LogOptions{All:true} loses merge parents
// (go-libs §2); this walk follows every parent of every commit.
func (r *Repo) Walk(opt WalkOptions, visit func(*Commit) error) (*WalkInfo, error) {
	info := &WalkInfo{Shallow: len(r.Shallow) > 0}
	info.Head, _ = r.Head()
	// A walk to the root reads nearly every packed commit: read them
	// ahead on the other CPUs. A walk of every ref lists them while it
	// resolves the refs (thousands in a repository with pull refs).
	var early func() *prefetcher
	if opt.All {
		early = r.startPrefetchAsync()
	}
	include, exclude, err := r.walkTips(opt, info)
	if err != nil || len(exclude) > 0 {
		if early != nil {
			early().close()
		}
	}
	if err != nil {
		return info, err
	}
	w := &walker{repo: r, opt: opt, info: info, state: map[Hash]uint8{}}
	if len(exclude) > 0 {
		return info, w.limited(include, exclude, visit)
	}
	if early != nil {
		w.pre = early()
	} else {
		w.pre = r.startPrefetch()
	}
	defer w.pre.close() // also when visit panics
	err = w.stream(include, visit)
	if fault := w.pre.close(); err == nil {
		err = fault
	}
	return info, err
}

// walkTips turns the options into tip commits to include and exclude.
func (r *Repo) walkTips(opt WalkOptions, info *WalkInfo) (include, exclude []Hash, err error) {
	switch {
	case opt.All:
		info.Desc = "all refs"
		refs := r.Refs()
		for i, p := range r.peelAll(refs) {
			if p.err == nil {
				include = append(include, p.commit)
			} else if !strings.HasPrefix(refs[i].Name, "refs/tags/") {
				// A tag may name a tree or blob; a branch names a commit.
				info.unreadable(refs[i].Name, p.err)
			}
		}
		return include, nil, nil
	case opt.Range != "":
		info.Desc = opt.Range
		a, b, isRange := strings.Cut(opt.Range, "..")
		if !isRange {
			h, err := r.Resolve(a)
			return []Hash{h}, nil, err
		}
		if strings.HasPrefix(b, ".") {
			return nil, nil, fmt.Errorf("range %q: symmetric difference (A...B) is not supported", opt.Range)
		}
		hb, err := r.Resolve(b)
		if err != nil {
			return nil, nil, err
		}
		ha, err := r.Resolve(a)
		if err != nil {
			return nil, nil, err
		}
		return []Hash{hb}, []Hash{ha}, nil
	case opt.SinceTag:
		if info.Head.IsZero() {
			return nil, nil, errors.New("HEAD does not resolve to a commit")
		}
		head, err := r.Peel(info.Head)
		if err != nil {
			return nil, nil, err
		}
		tag, at := r.newestTag(head, opt.MaxCommits)
		if tag == "" {
			info.Desc = "HEAD (no earlier tag)"
			return []Hash{head}, nil, nil
		}
		info.BaseTag = tag
		info.Desc = tag + "..HEAD"
		return []Hash{head}, []Hash{at}, nil
	}
	info.Desc = "HEAD"
	if info.Head.IsZero() {
		return nil, nil, errors.New("HEAD does not resolve to a commit")
	}
	h, err := r.Peel(info.Head)
	return []Hash{h}, nil, err
}

// TagsByCommit maps each commit to the tags (short names) that peel to it.
func (r *Repo) TagsByCommit() map[Hash][]string {
	out := map[Hash][]string{}
	var tags []Ref
	for _, ref := range r.Refs() {
		if strings.HasPrefix(ref.Name, "refs/tags/") {
			tags = append(tags, ref)
		}
	}
	for i, p := range r.peelAll(tags) {
		if p.err == nil {
			name := strings.TrimPrefix(tags[i].Name, "refs/tags/")
			out[p.commit] = append(out[p.commit], name)
		}
	}
	return out
}

// newestTag finds the tag nearest to head in date order, skipping tags on
// head itself: a release run on a freshly tagged commit audits what
// changed since the previous release.
func (r *Repo) newestTag(head Hash, limit int) (string, Hash) {
	tags := r.TagsByCommit()
	if len(tags) == 0 {
		return "", Hash{}
	}
	var name string
	var at Hash
	w := &walker{repo: r, opt: WalkOptions{MaxCommits: limit}, info: &WalkInfo{}, state: map[Hash]uint8{}}
	w.stream([]Hash{head}, func(c *Commit) error {
		if ts := tags[c.ID]; len(ts) > 0 && c.ID != head {
			name, at = newestName(ts), c.ID
			return errStop
		}
		return nil
	})
	return name, at
}

// newestName picks one of several tags on a commit: the greatest by
// version-aware comparison, so v1.10.0 beats v1.9.0.
func newestName(ts []string) string {
	best := ts[0]
	for _, t := range ts[1:] {
		if versionLess(best, t) {
			best = t
		}
	}
	return best
}

// versionLess compares strings treating digit runs as numbers.
func versionLess(a, b string) bool {
	for a != "" && b != "" {
		da, db := digitRun(a), digitRun(b)
		if da > 0 && db > 0 {
			na, nb := strings.TrimLeft(a[:da], "0"), strings.TrimLeft(b[:db], "0")
			if len(na) != len(nb) {
				return len(na) < len(nb)
			}
			if na != nb {
				return na < nb
			}
			a, b = a[da:], b[db:]
			continue
		}
		if a[0] != b[0] {
			return a[0] < b[0]
		}
		a, b = a[1:], b[1:]
	}
	return len(a) < len(b)
}

func digitRun(s string) int {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return i
}

// walker state bits.
const (
	seenBit  uint8 = 1 << iota // pushed to the queue once
	uninBit                    // reachable from an excluded tip
	doneBit                    // popped and expanded
	emitsBit                   // candidate for output (limited walks)
)

type walker struct {
	repo  *Repo
	opt   WalkOptions
	info  *WalkInfo
	state map[Hash]uint8
	queue commitQueue
	pre   *prefetcher // nil: read every commit here
}

// push reads c's commit and queues it once.
func (w *walker) push(h Hash, bits uint8) {
	if w.state[h]&seenBit != 0 {
		return
	}
	w.state[h] |= seenBit | bits
	c := w.pre.take(h)
	if c == nil {
		var err error
		if c, err = w.repo.ReadCommit(h); err != nil {
			w.info.Missing++
			if !w.info.Shallow || !errors.Is(err, ErrNotFound) {
				w.info.unreadable("commit "+h.String(), err)
			}
			return
		}
	}
	heap.Push(&w.queue, c)
}

// stream visits everything reachable from include, newest first.
func (w *walker) stream(include []Hash, visit func(*Commit) error) error {
	for _, h := range include {
		w.push(h, 0)
	}
	for w.queue.Len() > 0 {
		c := heap.Pop(&w.queue).(*Commit)
		if w.opt.MaxCommits > 0 && w.info.Visited >= w.opt.MaxCommits {
			w.info.Truncated = true
			break
		}
		w.info.Visited++
		w.progress()
		if err := visit(c); err != nil {
			if err == errStop {
				break
			}
			return err
		}
		for _, p := range c.Parents {
			w.push(p, 0)
		}
	}
	w.done()
	return nil
}

func (w *walker) progress() {
	if w.opt.Progress != nil && w.info.Visited%512 == 1 {
		w.opt.Progress(w.info.Visited, max(w.opt.MaxCommits, w.info.Visited+1))
	}
}

func (w *walker) done() {
	if w.opt.Progress != nil {
		w.opt.Progress(w.info.Visited, w.info.Visited)
	}
}
