package signing

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Ident is an author, committer or tagger line.
type Ident struct {
	Name, Email string
	When        time.Time
}

// String is "Name <email>".
func (i Ident) String() string { return fmt.Sprintf("%s <%s>", i.Name, i.Email) }

// Commit is a parsed commit object. Raw keeps the object bytes so the
// signed payload can be rebuilt on demand.
type Commit struct {
	ID      Hash
	Tree    Hash
	Parents []Hash
	// Author and Committer are the identity lines.
	Author    Ident
	Committer Ident
	Summary   string // first line of the message
	// Sig is the signature over the commit in its own object format,
	// continuation spaces removed: the gpgsig header of a SHA-1 commit,
	// gpgsig-sha256 of a SHA-256 one. The other header signs the commit's
	// translation into the other format, which only a repository with a
	// compatibility object map could rebuild; like git, the audit ignores
	// it, so a commit carrying only that one counts as unsigned.
	Sig []byte
	Raw []byte
}

// Tag is a parsed annotated tag object.
type Tag struct {
	ID      Hash
	Object  Hash
	Type    string
	Name    string
	Tagger  Ident
	Sig     []byte // signature block at the end of the message
	Payload []byte // the object bytes the signature covers
}

var errMalformed = errors.New("malformed object")

// ParseCommit parses commit object data. The commit's object format is
// its id's (the tree line's when id is zero); the tree and parent ids
// must have it.
func ParseCommit(id Hash, data []byte) (*Commit, error) {
	c := &Commit{ID: id, Raw: data}
	format, known := id.Format(), !id.IsZero()
	sameFormat := func(h Hash) bool {
		if !known {
			format, known = h.Format(), true
		}
		return h.Format() == format
	}
	var sigs [2][]byte // gpgsig, gpgsig-sha256
	rest := data
	for len(rest) > 0 {
		nl := bytes.IndexByte(rest, '\n')
		if nl < 0 {
			nl = len(rest)
		}
		line := rest[:nl]
		rest = rest[min(nl+1, len(rest)):]
		if len(line) == 0 {
			c.Summary = firstLine(rest)
			break
		}
		key, val, _ := bytes.Cut(line, []byte(" "))
		switch string(key) {
		case "tree":
			h, ok := parseHexHash(val)
			if ok && !sameFormat(h) {
				return nil, fmt.Errorf("%s: %w: tree id is not a %s id", id.Short(), errMalformed, format)
			}
			c.Tree = h
		case "parent":
			h, ok := parseHexHash(val)
			if !ok {
				return nil, fmt.Errorf("%s: %w: bad parent", id.Short(), errMalformed)
			}
			if !sameFormat(h) {
				return nil, fmt.Errorf("%s: %w: parent id is not a %s id", id.Short(), errMalformed, format)
			}
			c.Parents = append(c.Parents, h)
		case "author":
			c.Author = parseIdent(val)
		case "committer":
			c.Committer = parseIdent(val)
		case "gpgsig", "gpgsig-sha256":
			sig, n := continuation(val, rest)
			rest = rest[n:]
			i := 0
			if len(key) > len("gpgsig") {
				i = 1
			}
			if sigs[i] == nil {
				sigs[i] = sig
			}
		}
	}
	if c.Tree.IsZero() {
		return nil, fmt.Errorf("%s: %w: no tree", id.Short(), errMalformed)
	}
	c.Sig = sigs[0]
	if format == SHA256 {
		c.Sig = sigs[1]
	}
	return c, nil
}

// continuation joins a multi-line header value: following lines that
// start with a space belong to it. It returns the value (newline
// terminated) and how many bytes of rest it used.
func continuation(first, rest []byte) ([]byte, int) {
	// The lines' extent first, so the value is allocated once: a
	// signature is a dozen lines, and appends grew it four times.
	size := 0
	for size < len(rest) && rest[size] == ' ' {
		nl := bytes.IndexByte(rest[size:], '\n')
		if nl < 0 {
			size = len(rest)
			break
		}
		size += nl + 1
	}
	out := make([]byte, 0, len(first)+1+size+1)
	out = append(append(out, first...), '\n')
	used := 0
	for used < len(rest) && rest[used] == ' ' {
		nl := bytes.IndexByte(rest[used:], '\n')
		end := len(rest)
		if nl >= 0 {
			end = used + nl
		}
		out = append(append(out, rest[used+1:end]...), '\n')
		used = min(end+1, len(rest))
	}
	return out, used
}

// Payload is what the commit signature covers: the object without its
// signature headers, as git rebuilds it for verification (commit.c
// parse_buffer_signed_by_header): the header of the commit's own format
// and every other header starting "gpgsig" go, with their continuation
// lines.
func (c *Commit) Payload() []byte {
	own := []byte(c.Tree.Format().sigHeader() + " ")
	out := make([]byte, 0, len(c.Raw))
	inSig, other := false, false
	for rest := c.Raw; len(rest) > 0; {
		next := len(rest)
		if nl := bytes.IndexByte(rest, '\n'); nl >= 0 {
			next = nl + 1
		}
		line := rest[:next]
		rest = rest[next:]
		sig := false
		switch {
		case inSig && line[0] == ' ':
			sig = true
		case bytes.HasPrefix(line, own):
			sig, other = true, false
		case bytes.HasPrefix(line, []byte("gpgsig")):
			other = true
		case other && line[0] != ' ':
			other = false
		}
		inSig = sig
		switch {
		case sig:
		case line[0] == '\n':
			return append(append(out, line...), rest...) // the message, whole
		case !other:
			out = append(out, line...)
		}
	}
	return out
}

// sigMarkers begin the signature block of a tag message.
var sigMarkers = [][]byte{
	[]byte("-----BEGIN PGP SIGNATURE-----"),
	[]byte("-----BEGIN SSH SIGNATURE-----"),
	[]byte("-----BEGIN SIGNED MESSAGE-----"),
	[]byte("-----BEGIN PGP MESSAGE-----"),
}

// ParseTag parses annotated tag object data and splits off the signature
// at the end of the message. The payload it covers is the object before
// the signature without any gpgsig or gpgsig-sha256 header, as git's
// parse_signature rebuilds it: those headers carry the signature over
// the tag's form in the other object format.
func ParseTag(id Hash, data []byte) (*Tag, error) {
	t := &Tag{ID: id, Payload: data}
	head, body, _ := bytes.Cut(data, []byte("\n\n"))
	for _, line := range bytes.Split(head, []byte("\n")) {
		key, val, _ := bytes.Cut(line, []byte(" "))
		switch string(key) {
		case "object":
			t.Object, _ = parseHexHash(val)
		case "type":
			t.Type = string(val)
		case "tag":
			t.Name = string(val)
		case "tagger":
			t.Tagger = parseIdent(val)
		}
	}
	if t.Object.IsZero() {
		return nil, fmt.Errorf("%s: %w: no object", id.Short(), errMalformed)
	}
	if !id.IsZero() && t.Object.Format() != id.Format() {
		return nil, fmt.Errorf("%s: %w: object id is not a %s id", id.Short(), errMalformed, id.Format())
	}
	start := len(data) - len(body)
	best := -1
	for _, m := range sigMarkers {
		for off := 0; ; {
			i := bytes.Index(body[off:], m)
			if i < 0 {
				break
			}
			if at := off + i; at == 0 || body[at-1] == '\n' {
				best = max(best, at)
			}
			off += i + 1
		}
	}
	if best >= 0 && len(body) > 0 {
		t.Sig = data[start+best:]
		t.Payload = withoutSigHeaders(data[:start+best])
	}
	return t, nil
}

// withoutSigHeaders drops the gpgsig and gpgsig-sha256 headers, with
// their continuation lines, from a tag's header (gpg-interface.c
// remove_signature). It returns b itself when there are none.
func withoutSigHeaders(b []byte) []byte {
	if !bytes.Contains(b, []byte("\ngpgsig")) && !bytes.HasPrefix(b, []byte("gpgsig")) {
		return b
	}
	out := make([]byte, 0, len(b))
	inSig := false
	for rest := b; len(rest) > 0; {
		next := len(rest)
		if nl := bytes.IndexByte(rest, '\n'); nl >= 0 {
			next = nl + 1
		}
		line := rest[:next]
		rest = rest[next:]
		switch {
		case inSig && line[0] == ' ':
			continue
		case bytes.HasPrefix(line, []byte("gpgsig ")) || bytes.HasPrefix(line, []byte("gpgsig-sha256 ")):
			inSig = true
			continue
		case line[0] == '\n':
			return append(append(out, line...), rest...)
		}
		inSig = false
		out = append(out, line...)
	}
	return out
}

func parseHexHash(b []byte) (Hash, bool) { return parseHex(bytes.TrimSpace(b)) }

func firstLine(b []byte) string {
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		b = b[:i]
	}
	return strings.TrimSpace(string(b))
}

// parseIdent reads "Name <email> 1700000000 +0100".
func parseIdent(b []byte) Ident {
	var id Ident
	lt := bytes.IndexByte(b, '<')
	gt := bytes.LastIndexByte(b, '>')
	if lt < 0 || gt < lt {
		id.Name = strings.TrimSpace(string(b))
		return id
	}
	id.Name = strings.TrimSpace(string(b[:lt]))
	id.Email = string(b[lt+1 : gt])
	f := strings.Fields(string(b[gt+1:]))
	if len(f) > 0 {
		if sec, err := strconv.ParseInt(f[0], 10, 64); err == nil {
			loc := time.UTC
			if len(f) > 1 {
				loc = tzOffset(f[1])
			}
			id.When = time.Unix(sec, 0).In(loc)
		}
	}
	return id
}

// zones caches time zones by their "+hhmm" text: a history has few, and
// building one per commit was a large share of the walk's allocations.
var zones sync.Map

func tzOffset(s string) *time.Location {
	if len(s) != 5 || (s[0] != '+' && s[0] != '-') {
		return time.UTC
	}
	if z, ok := zones.Load(s); ok {
		return z.(*time.Location)
	}
	h, err1 := strconv.Atoi(s[1:3])
	m, err2 := strconv.Atoi(s[3:5])
	if err1 != nil || err2 != nil {
		return time.UTC
	}
	off := (h*60 + m) * 60
	if s[0] == '-' {
		off = -off
	}
	z, _ := zones.LoadOrStore(strings.Clone(s), time.FixedZone(s, off))
	return z.(*time.Location)
}

// ReadCommit reads and parses a commit.
func (r *Repo) ReadCommit(h Hash) (*Commit, error) {
	typ, data, err := r.odb.Read(h, 0)
	if err != nil {
		return nil, fmt.Errorf("commit %s: %w", h.Short(), err)
	}
	if typ != ObjCommit {
		return nil, fmt.Errorf("%s is a %s, not a commit", h.Short(), typ)
	}
	return ParseCommit(h, data)
}

// ReadObject returns an object's type and content; limit as odb.Read.
func (r *Repo) ReadObject(h Hash, limit int64) (ObjectType, []byte, error) {
	return r.odb.Read(h, limit)
}
