package signing

import (
	"slices"

	"github.com/tauriaudit/tauriaudit/signing/secretrules"
	"strings"
	"time"
)

// AuditOptions configure a history audit.
type AuditOptions struct {
	Walk  WalkOptions
	Trust *Trust
	// ReleaseTag decides which tags are releases (default DefaultReleaseTag).
	ReleaseTag func(name string) bool
	// Secrets scans the trees of walked commits for key material no longer
	// in HEAD (TA-GIT-004/005 in history).
	Secrets bool
	// Cache, when set, skips signatures that verified good before under
	// the same trust material; the caller saves it.
	Cache *VerifyCache
	// Detector adds provider credentials (TA-GIT-007) to the secret
	// search; nil searches for Tauri key material only.
	Detector *secretrules.Detector
	// sequentialSecrets searches history blobs on the walking goroutine,
	// the reference the parallel search is tested against.
	sequentialSecrets bool
}

// CommitResult is a commit whose signature is not good.
type CommitResult struct {
	ID        Hash
	Author    Ident
	Committer Ident
	Summary   string
	Verdict   Verdict
}

// TagResult is a release tag and its signature.
type TagResult struct {
	Name        string
	ID          Hash // tag object, or the commit for a lightweight tag
	Commit      Hash
	Lightweight bool
	Tagger      Ident
	Verdict     Verdict
}

// Audit is what one history walk found.
type Audit struct {
	Info     *WalkInfo
	Counts   map[Status]int
	Problems []CommitResult // every commit whose verdict is not good, newest first
	Tags     []TagResult    // release tags in the range, by name
	Secrets  []Leak         // distinct secrets in history blobs, with where they were seen
}

// DefaultReleaseTag matches v1.2.3, app-v1.2.3 and tauri-style
// "name-v1.2.3" tags.
func DefaultReleaseTag(name string) bool {
	i := strings.LastIndex(name, "v")
	if i < 0 || i+1 >= len(name) || name[i+1] < '0' || name[i+1] > '9' {
		return false
	}
	return i == 0 || name[i-1] == '-' || name[i-1] == '/' || name[i-1] == '@'
}

// AuditHistory walks the selected commits once, verifying every
// signature on a pool of workers while the walk reads on, and checks the
// release tags of the range.
func AuditHistory(r *Repo, opt AuditOptions) (*Audit, error) {
	if opt.ReleaseTag == nil {
		opt.ReleaseTag = DefaultReleaseTag
	}
	a := &Audit{Counts: map[Status]int{}}
	tags := r.TagsByCommit()
	var inRange []Hash
	p := newPipeline(r, opt)
	defer p.stop()
	info, err := r.Walk(opt.Walk, func(c *Commit) error {
		if len(tags[c.ID]) > 0 {
			inRange = append(inRange, c.ID)
		}
		p.add(c)
		return nil
	})
	if serr := p.finish(a); err == nil {
		err = serr
	}
	a.Info = info
	if err != nil {
		return a, err
	}
	slices.SortStableFunc(a.Problems, func(x, y CommitResult) int { return y.Committer.When.Compare(x.Committer.When) })
	if !info.Head.IsZero() {
		if h, err := r.Peel(info.Head); err == nil {
			inRange = append(inRange, h)
		}
	}
	if opt.Walk.All {
		inRange = inRange[:0]
		for h := range tags {
			inRange = append(inRange, h)
		}
	}
	a.Tags = r.auditTags(tags, inRange, opt)
	return a, nil
}

// verifyCommit checks one commit's signature, or finds it in the cache.
func verifyCommit(t *Trust, cache *VerifyCache, now time.Time, c *Commit) CommitResult {
	res := CommitResult{ID: c.ID, Author: c.Author, Committer: c.Committer, Summary: c.Summary}
	if c.Sig == nil {
		return res
	}
	var key [32]byte
	if cache != nil {
		key = objectKey(c.Raw)
		if cache.good(key, now) {
			res.Verdict = Verdict{Format: Classify(c.Sig), Status: StatusGood}
			return res
		}
	}
	v, until := t.verify(c.Sig, c.Payload(), c.Committer)
	if cache != nil && v.Status == StatusGood {
		cache.remember(key, until)
	}
	res.Verdict = v
	return res
}

// auditTags checks the release tags on the given commits.
func (r *Repo) auditTags(tags map[Hash][]string, commits []Hash, opt AuditOptions) []TagResult {
	seen := map[string]bool{}
	var out []TagResult
	for _, c := range commits {
		for _, name := range tags[c] {
			if seen[name] || !opt.ReleaseTag(name) {
				continue
			}
			seen[name] = true
			out = append(out, r.checkTag(name, c, opt.Trust))
		}
	}
	slices.SortFunc(out, func(a, b TagResult) int { return strings.Compare(a.Name, b.Name) })
	return out
}

func (r *Repo) checkTag(name string, commit Hash, t *Trust) TagResult {
	res := TagResult{Name: name, Commit: commit}
	id, _ := r.resolveRef("refs/tags/" + name)
	res.ID = id
	typ, data, err := r.odb.Read(id, 0)
	if err != nil || typ != ObjTag {
		res.Lightweight = true
		return res
	}
	tag, err := ParseTag(id, data)
	if err != nil {
		res.Verdict = Verdict{Status: StatusBad, Detail: err.Error()}
		return res
	}
	res.Tagger = tag.Tagger
	res.Verdict = t.Verify(tag.Sig, tag.Payload, tag.Tagger)
	return res
}
