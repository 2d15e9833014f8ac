package signing

import (
	"bytes"
	"path"
	"strings"
	"sync"

	"github.com/tauriaudit/tauriaudit/signing/secretrules"
)

// maxBlob is the largest history blob searched for key material.
const maxBlob = 1 << 20

// Sighting is one place a secret was seen in history.
type Sighting struct {
	Commit Hash
	Path   string
	Line   int
}

// Leak is one distinct secret in history: the hit at its first sighting
// (the oldest walked commit that holds it), its last sighting and how
// many walked commits hold it. The same key in 30 commits is one Leak.
type Leak struct {
	SecretHit
	Last    Sighting
	Commits int
	// InHead: HEAD still holds it, so the working-tree search reports it
	// and history only adds when it first appeared.
	InHead bool
}

// found is a secret inside a tree: its path below the tree and the hit.
type found struct {
	rel string
	hit *SecretHit
}

// treeScan searches the trees of walked commits for key material. Each
// tree and blob is read once: what a tree holds is remembered by its id,
// so an unchanged subtree costs a map lookup however many commits share
// it, and the cost follows what changed. Each commit still counts every
// secret its whole tree holds, which gives the first and last sighting
// and the number of commits of every distinct secret.
type treeScan struct {
	r *Repo
	d *secretrules.Detector
	// One entry per object id, so that each visit is one map lookup:
	// trees parsed by the pre-walk or walked, and blobs searched or queued
	// to the workers (treescan_par.go).
	trees    map[Hash]*treeNode
	blobs    map[Hash]*blobFuture
	leaks    map[string]*Leak
	order    []string
	inHead   map[string]bool
	jobs     chan *blobFuture // nil: every blob is searched by walk
	scratch  []byte           // walk's buffer for the blobs it searches
	refStack []treeRef        // the pre-walk's refs being gathered
	treeBufs []*[]byte        // the pre-walk's tree buffers, one per depth
	depth    int              // how many of them the descent holds
	batch    *sync.WaitGroup  // the futures queued since nextBatch
}

// treeNode is what the scan knows of a tree: what the pre-walk found in
// it until walk takes it, then the secrets below it.
type treeNode struct {
	state treeState
	refs  []treeRef
	found []found
}

// treeRef is an entry of a pre-walked tree that may add secrets: a
// subtree, or a blob whose search is queued or found something. Entries
// known to add nothing are left out, so walk visits only these.
type treeRef struct {
	name []byte
	tree *treeNode
	blob *blobFuture
}

type treeState uint8

const (
	treeParsed  treeState = iota // read by the pre-walk
	treeWalking                  // walk is below it: a tree that holds itself stops here
	treeWalked
)

func newTreeScan(r *Repo, d *secretrules.Detector) *treeScan {
	return &treeScan{r: r, d: d, trees: map[Hash]*treeNode{}, blobs: map[Hash]*blobFuture{}, leaks: map[string]*Leak{},
		inHead: map[string]bool{}}
}

// headTree is the tree of HEAD's commit, if it has one.
func (s *treeScan) headTree() (Hash, bool) {
	if h, ok := s.r.Head(); ok {
		if c, err := s.r.Peel(h); err == nil {
			if cm, err := s.r.ReadCommit(c); err == nil {
				return cm.Tree, true
			}
		}
	}
	return Hash{}, false
}

// head records the secrets HEAD holds; it runs before the first commit.
func (s *treeScan) head(tree Hash) {
	for _, f := range s.walk(tree) {
		s.inHead[leakKey(f.hit)] = true
	}
}

// leakKey identifies a secret across commits and paths.
func leakKey(h *SecretHit) string {
	id := h.Identity
	if id == "" {
		id = h.Blob.String() + "\x00" + h.Subject
	}
	return h.Kind.String() + "\x00" + id
}

func (s *treeScan) commit(c *Commit) {
	counted := map[string]bool{}
	for _, f := range s.walk(c.Tree) {
		k := leakKey(f.hit)
		if counted[k] {
			continue
		}
		counted[k] = true
		h := *f.hit
		h.Path, h.Commit = f.rel, c.ID
		l := s.leaks[k]
		if l == nil {
			l = &Leak{Last: Sighting{Commit: c.ID, Path: f.rel, Line: h.Line}, InHead: s.inHead[k]}
			s.leaks[k] = l
			s.order = append(s.order, k)
		}
		l.SecretHit = h // the walk goes newest first: the last one kept is the oldest
		l.Commits++
	}
}

func (s *treeScan) finish() []Leak {
	out := make([]Leak, 0, len(s.order))
	for _, k := range s.order {
		out = append(out, *s.leaks[k])
	}
	return out
}

// walk returns the secrets below a tree, reading it only the first time.
func (s *treeScan) walk(tree Hash) []found {
	if n := s.trees[tree]; n != nil {
		return s.walkNode(n)
	}
	n := &treeNode{state: treeWalking} // a tree that contains itself is corrupt: stop there
	s.trees[tree] = n
	data, _ := s.readTree(tree)
	var out []found
	s.eachEntry(data, func(kind entryKind, name []byte, id Hash) {
		switch kind {
		case entryTree:
			if descend(name) {
				out = appendBelow(out, name, s.walk(id))
			}
		case entrySubmodule: // submodule commit: not in this repository
		default:
			out = appendHits(out, name, s.blob(id, name))
		}
	})
	n.found, n.state = out, treeWalked
	return out
}

// walkNode is walk on a tree the pre-walk parsed, or one already walked.
func (s *treeScan) walkNode(n *treeNode) []found {
	if n.state != treeParsed {
		return n.found // nil while walking: a tree that contains itself is corrupt
	}
	n.state = treeWalking
	var out []found
	for _, e := range n.refs {
		if e.tree != nil {
			out = appendBelow(out, e.name, s.walkNode(e.tree))
		} else {
			out = appendHits(out, e.name, e.blob.wait())
		}
	}
	n.refs, n.found, n.state = nil, out, treeWalked
	return out
}

// appendBelow adds the secrets of the subtree dir to out.
func appendBelow(out []found, dir []byte, below []found) []found {
	if len(below) == 0 {
		return out
	}
	name := string(dir)
	for _, f := range below {
		out = append(out, found{rel: name + "/" + f.rel, hit: f.hit})
	}
	return out
}

// appendHits adds the hits of the blob named name to out.
func appendHits(out []found, name []byte, hits []SecretHit) []found {
	if len(hits) == 0 {
		return out
	}
	rel := string(name)
	for i := range hits {
		out = append(out, found{rel: rel, hit: &hits[i]})
	}
	return out
}

// descend tells whether the walk enters a directory of this name.
func descend(name []byte) bool { return string(name) != "node_modules" && string(name) != "target" }

// entryKind is what a tree entry's mode says it is.
type entryKind uint8

const (
	entryFile entryKind = iota
	entryTree
	entrySubmodule
)

func kindOf(mode []byte) entryKind {
	switch string(mode) { // no allocation: compared in place
	case "40000":
		return entryTree
	case "160000":
		return entrySubmodule
	}
	return entryFile
}

// readTree reads a tree object; ok is false when it is not one.
func (s *treeScan) readTree(tree Hash) (data []byte, ok bool) { return s.readTreeInto(tree, nil) }

// readTreeInto is readTree reading into dst's storage when it fits.
func (s *treeScan) readTreeInto(tree Hash, dst []byte) (data []byte, ok bool) {
	typ, data, err := s.r.odb.ReadInto(tree, 0, dst)
	if err != nil || typ != ObjTree {
		return nil, false
	}
	return data, true
}

// eachEntry calls f on a tree's entries in order; entries after a
// malformed one are dropped. name aliases data.
func (s *treeScan) eachEntry(data []byte, f func(kind entryKind, name []byte, id Hash)) {
	size := s.r.Format.Size() // entry ids are raw, of the repository's format
	for len(data) > 0 {
		sp := bytes.IndexByte(data, ' ')
		nul := bytes.IndexByte(data, 0)
		if sp < 0 || nul < sp || nul+1+size > len(data) {
			return
		}
		f(kindOf(data[:sp]), data[sp+1:nul], hashFrom(data[nul+1:nul+1+size]))
		data = data[nul+1+size:]
	}
}

// blob returns the hits of one blob, searched once per id: by a worker
// when the pre-walk queued it, else here. name is its file name, enough
// to choose the searches (the path below the root only names the finding).
func (s *treeScan) blob(id Hash, name []byte) []SecretHit {
	if f := s.blobs[id]; f != nil {
		return f.wait()
	}
	hits := s.searchBlob(id, string(name), &s.scratch)
	s.blobs[id] = searched(hits)
	return hits
}

// needsRead tells whether searching a blob of this name reads it, the
// costly part worth a worker.
func (s *treeScan) needsRead(name string) bool {
	if _, cred := CredentialFile(name); cred {
		return false
	}
	return TextCandidate(name) || (s.d != nil && historySource(name))
}

// searchBlob searches one blob. It reads only the repository and the
// detector, so workers may run it at once, each with its own scratch
// buffer: the blob is read into it, and no hit keeps its bytes.
func (s *treeScan) searchBlob(id Hash, name string, scratch *[]byte) []SecretHit {
	what, cred := CredentialFile(name)
	text := TextCandidate(name)
	if !cred && !text && !(s.d != nil && historySource(name)) {
		return nil
	}
	var hits []SecretHit
	if cred {
		hits = []SecretHit{{Kind: SigningCredential, What: what, Subject: name, Fixture: IsFixturePath(name)}}
	} else if typ, data, err := s.r.odb.ReadInto(id, maxBlob, *scratch); err == nil && typ == ObjBlob && bytes.IndexByte(data, 0) < 0 {
		*scratch = data
		if text {
			hits = ScanText(name, data)
		}
		hits = append(hits, ProviderSecrets(s.d, name, data, Hash{}, hits)...)
	}
	for i := range hits {
		hits[i].Blob = id
	}
	return hits
}

// historySourceExts are the source files searched in history for
// provider credentials (config, env and script files are TextCandidate
// already). Rust sources are left to the working-tree search: in a
// Rust-heavy repository their many versions are most of the history
// (tauri-apps/tauri: 215 MB of its 450 MB of text) and would more than
// double the audit's time.
var historySourceExts = map[string]bool{".js": true, ".mjs": true, ".cjs": true, ".ts": true, ".tsx": true, ".jsx": true,
	".vue": true, ".svelte": true, ".py": true, ".go": true, ".kt": true, ".swift": true, ".java": true,
	".html": true, ".rb": true, ".php": true, ".cs": true}

func historySource(name string) bool {
	n := strings.ToLower(name)
	return historySourceExts[path.Ext(n)] && !strings.Contains(n, ".min.")
}
