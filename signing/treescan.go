package signing

import (
	"bytes"
	"path"
)

// maxBlob is the largest history blob searched for key material.
const maxBlob = 1 << 20

// treeScan searches the trees of walked commits for key material. Each
// tree and blob id is visited once: an unchanged subtree is skipped
// whole, so the cost follows what changed, not the size of each commit.
// Everything reachable from HEAD is marked seen first: the working-tree
// scan reports current files, history adds what was since removed.
type treeScan struct {
	r        *Repo
	seenTree map[Hash]bool
	seenBlob map[Hash]bool
	hits     []SecretHit
}

func newTreeScan(r *Repo) *treeScan {
	s := &treeScan{r: r, seenTree: map[Hash]bool{}, seenBlob: map[Hash]bool{}}
	if h, ok := r.Head(); ok {
		if c, err := r.Peel(h); err == nil {
			if cm, err := r.ReadCommit(c); err == nil {
				s.walk(cm.Tree, "", Hash{}, false)
			}
		}
	}
	return s
}

func (s *treeScan) commit(c *Commit) { s.walk(c.Tree, "", c.ID, true) }

func (s *treeScan) finish() []SecretHit { return s.hits }

// walk visits a tree once; report is false while marking HEAD.
func (s *treeScan) walk(tree Hash, dir string, commit Hash, report bool) {
	if s.seenTree[tree] {
		return
	}
	s.seenTree[tree] = true
	typ, data, err := s.r.odb.Read(tree, 0)
	if err != nil || typ != ObjTree {
		return
	}
	size := s.r.Format.Size() // entry ids are raw, of the repository's format
	for len(data) > 0 {
		sp := bytes.IndexByte(data, ' ')
		nul := bytes.IndexByte(data, 0)
		if sp < 0 || nul < sp || nul+1+size > len(data) {
			return
		}
		mode, name := string(data[:sp]), string(data[sp+1:nul])
		id := hashFrom(data[nul+1 : nul+1+size])
		data = data[nul+1+size:]
		p := path.Join(dir, name)
		switch {
		case mode == "40000":
			if name != "node_modules" && name != "target" {
				s.walk(id, p, commit, report)
			}
		case mode == "160000": // submodule commit: not in this repository
		default:
			s.blob(id, p, commit, report)
		}
	}
}

func (s *treeScan) blob(id Hash, p string, commit Hash, report bool) {
	if s.seenBlob[id] {
		return
	}
	what, cred := CredentialFile(p)
	if !cred && !TextCandidate(p) {
		return
	}
	s.seenBlob[id] = true
	if !report {
		return
	}
	if cred {
		s.hits = append(s.hits, SecretHit{Kind: SigningCredential, Path: p, What: what, Subject: path.Base(p),
			Commit: commit, Blob: id, Fixture: IsFixturePath(p)})
		return
	}
	typ, data, err := s.r.odb.Read(id, maxBlob)
	if err != nil || typ != ObjBlob || bytes.IndexByte(data, 0) >= 0 {
		return
	}
	for _, h := range ScanText(p, data) {
		h.Commit, h.Blob = commit, id
		s.hits = append(s.hits, h)
	}
}
