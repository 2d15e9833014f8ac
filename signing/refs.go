package signing

import (
	"bufio"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// Ref is a reference and the object it points to.
type Ref struct {
	Name string // full name: "refs/tags/v1.0.0", "HEAD"
	ID   Hash
}

// loadRefs reads the loose refs and then packed-refs (loose ones win),
// once. That order is git's: "git pack-refs" (run by gc) writes a ref
// into packed-refs before it deletes the loose file, so a ref is found
// whichever step it is at. The audit's goroutines share the result.
func (r *Repo) loadRefs() map[string]string {
	r.refsOnce.Do(r.readRefs)
	return r.refs
}

func (r *Repo) readRefs() {
	r.refs = map[string]string{}
	root := filepath.Join(r.CommonDir, "refs")
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		b, err := readMeta(p)
		if err == nil {
			rel, _ := filepath.Rel(r.CommonDir, p)
			r.refs[filepath.ToSlash(rel)] = strings.TrimSpace(string(b))
		}
		return nil
	})
	if f, err := openRegular(filepath.Join(r.CommonDir, "packed-refs")); err == nil {
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			l := sc.Text()
			if l == "" || l[0] == '#' || l[0] == '^' {
				continue
			}
			if id, name, ok := strings.Cut(l, " "); ok {
				if _, loose := r.refs[name]; !loose {
					r.refs[name] = id
				}
			}
		}
		f.Close()
	}
	if b, err := readMeta(filepath.Join(r.GitDir, "HEAD")); err == nil {
		r.refs["HEAD"] = strings.TrimSpace(string(b))
	}
}

// checkRefFormat fails when a ref holds an id of the other object
// format: the repository was made with a different extensions.objectFormat
// than its config now declares, and reading on would find nothing.
func (r *Repo) checkRefFormat() error {
	var bad string
	var id Hash
	for name, v := range r.loadRefs() {
		if h, ok := ParseHash(v); ok && h.Format() != r.Format && (bad == "" || name < bad) {
			bad, id = name, h
		}
	}
	if bad == "" {
		return nil
	}
	return fmt.Errorf("%s declares object format %s, but ref %s names a %s id (%s): the config does not match the repository",
		filepath.Join(r.CommonDir, "config"), r.Format, bad, id.Format(), id)
}

// resolveRef follows symbolic refs to an object id.
func (r *Repo) resolveRef(name string) (Hash, bool) {
	refs := r.loadRefs()
	for range 10 {
		v, ok := refs[name]
		if !ok {
			return Hash{}, false
		}
		if t, sym := strings.CutPrefix(v, "ref: "); sym {
			name = t
			continue
		}
		return r.parseID(v)
	}
	return Hash{}, false
}

// Refs lists every ref under refs/ plus HEAD, resolved, sorted by name.
func (r *Repo) Refs() []Ref {
	var out []Ref
	for name := range r.loadRefs() {
		if h, ok := r.resolveRef(name); ok {
			out = append(out, Ref{Name: name, ID: h})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// peeledRef is a ref's commit, or why it has none.
type peeledRef struct {
	commit Hash
	err    error
}

// peelAll peels refs in order, on every CPU when there are many: a
// repository may hold thousands (GitHub's pull refs), each a commit to
// read. A panic is re-raised on the caller's goroutine.
func (r *Repo) peelAll(refs []Ref) []peeledRef {
	out := make([]peeledRef, len(refs))
	peel := func(lo, hi int) {
		for i := lo; i < hi; i++ {
			out[i].commit, out[i].err = r.Peel(refs[i].ID)
		}
	}
	n := min(runtime.GOMAXPROCS(0), len(refs)/256)
	if n < 2 {
		peel(0, len(refs))
		return out
	}
	var wg sync.WaitGroup
	faults := make([]any, n)
	chunk := (len(refs) + n - 1) / n
	for k := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { faults[k] = recover() }()
			peel(min(k*chunk, len(refs)), min((k+1)*chunk, len(refs)))
		}()
	}
	wg.Wait()
	for _, f := range faults {
		if f != nil {
			panic(f)
		}
	}
	return out
}

// Head resolves HEAD.
func (r *Repo) Head() (Hash, bool) { return r.resolveRef("HEAD") }

// Resolve parses a revision: a ref name (full, or short as under
// refs/, refs/tags/, refs/heads/, refs/remotes/), HEAD, a full or
// abbreviated object id, each optionally followed by ~N, ^ and ^N.
// Annotated tags are peeled to their commit.
func (r *Repo) Resolve(rev string) (Hash, error) {
	base, ops := splitRevOps(rev)
	h, err := r.resolveBase(base)
	if err != nil {
		return Hash{}, err
	}
	if h, err = r.Peel(h); err != nil {
		return Hash{}, fmt.Errorf("%s: %w", rev, err)
	}
	for _, op := range ops {
		for range op.count {
			c, err := r.ReadCommit(h)
			if err != nil {
				return Hash{}, fmt.Errorf("%s: %w", rev, err)
			}
			if op.parent > len(c.Parents) || op.parent < 1 {
				return Hash{}, fmt.Errorf("%s: commit %s has no parent %d", rev, h.Short(), op.parent)
			}
			h = c.Parents[op.parent-1]
		}
	}
	return h, nil
}

type revOp struct{ parent, count int }

// splitRevOps splits "v1.0~2^2" into "v1.0" and [{1,2} {2,1}].
func splitRevOps(rev string) (string, []revOp) {
	i := strings.IndexAny(rev, "~^")
	if i < 0 {
		return rev, nil
	}
	base, rest := rev[:i], rev[i:]
	var ops []revOp
	for rest != "" {
		c := rest[0]
		rest = rest[1:]
		j := 0
		for j < len(rest) && rest[j] >= '0' && rest[j] <= '9' {
			j++
		}
		n := 1
		if j > 0 {
			n, _ = strconv.Atoi(rest[:j])
		}
		rest = rest[j:]
		if c == '~' {
			ops = append(ops, revOp{parent: 1, count: n})
		} else if n > 0 {
			ops = append(ops, revOp{parent: n, count: 1})
		}
	}
	return base, ops
}

func (r *Repo) resolveBase(s string) (Hash, error) {
	if s == "" || s == "@" {
		s = "HEAD"
	}
	for _, name := range []string{s, "refs/" + s, "refs/tags/" + s, "refs/heads/" + s, "refs/remotes/" + s, "refs/remotes/" + s + "/HEAD"} {
		if h, ok := r.resolveRef(name); ok {
			return h, nil
		}
	}
	if h, ok := r.parseID(s); ok && r.odb.Has(h) {
		return h, nil
	}
	if len(s) >= 4 && len(s) < r.Format.HexSize() {
		if h, err := r.abbrev(strings.ToLower(s)); err == nil {
			return h, nil
		} else if err != ErrNotFound {
			return Hash{}, err
		}
	}
	return Hash{}, fmt.Errorf("unknown revision %q", s)
}

// abbrev finds the single packed object whose id starts with prefix.
func (r *Repo) abbrev(prefix string) (Hash, error) {
	even := prefix[:len(prefix)&^1]
	pb, err := hex.DecodeString(even)
	if err != nil {
		return Hash{}, ErrNotFound
	}
	match := func(h Hash) bool { return strings.HasPrefix(h.String(), prefix) }
	var found []Hash
	for _, p := range r.odb.packList() {
		found = p.withPrefix(pb, match, found)
	}
	dir := filepath.Join(r.odb.dirs[0], prefix[:2])
	if ents, err := os.ReadDir(dir); err == nil {
		for _, e := range ents {
			if h, ok := r.parseID(prefix[:2] + e.Name()); ok && match(h) {
				found = append(found, h)
			}
		}
	}
	switch len(uniqueHashes(found)) {
	case 0:
		return Hash{}, ErrNotFound
	case 1:
		return found[0], nil
	}
	return Hash{}, fmt.Errorf("ambiguous object id %q", prefix)
}

func uniqueHashes(hs []Hash) []Hash {
	seen := map[Hash]bool{}
	out := hs[:0]
	for _, h := range hs {
		if !seen[h] {
			seen[h] = true
			out = append(out, h)
		}
	}
	return out
}

// Peel follows annotated tags to the object they finally name and
// requires it to be a commit.
func (r *Repo) Peel(h Hash) (Hash, error) {
	for range 10 {
		typ, data, err := r.odb.Read(h, 0)
		if err != nil {
			return Hash{}, err
		}
		switch typ {
		case ObjCommit:
			return h, nil
		case ObjTag:
			t, err := ParseTag(h, data)
			if err != nil {
				return Hash{}, err
			}
			h = t.Object
		default:
			return Hash{}, fmt.Errorf("%s is a %s, not a commit", h.Short(), typ)
		}
	}
	return Hash{}, fmt.Errorf("%s: tag chain too long", h.Short())
}
