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
	ID        Hash
	Tree      Hash
	Parents   []Hash
	Author    Ident
	Committer Ident
	Summary   string // first line of the message
	Sig       []byte // gpgsig (or gpgsig-sha256) header value, continuation spaces removed
	Raw       []byte
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

// ParseCommit parses commit object data.
func ParseCommit(id Hash, data []byte) (*Commit, error) {
	c := &Commit{ID: id, Raw: data}
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
			c.Tree, _ = parseHexHash(val)
		case "parent":
			h, ok := parseHexHash(val)
			if !ok {
				return nil, fmt.Errorf("%s: %w: bad parent", id.Short(), errMalformed)
			}
			c.Parents = append(c.Parents, h)
		case "author":
			c.Author = parseIdent(val)
		case "committer":
			c.Committer = parseIdent(val)
		case "gpgsig", "gpgsig-sha256":
			sig, n := continuation(val, rest)
			rest = rest[n:]
			if c.Sig == nil {
				c.Sig = sig
			}
		}
	}
	if c.Tree.IsZero() {
		return nil, fmt.Errorf("%s: %w: no tree", id.Short(), errMalformed)
	}
	return c, nil
}

// continuation joins a multi-line header value: following lines that
// start with a space belong to it. It returns the value (newline
// terminated) and how many bytes of rest it used.
func continuation(first, rest []byte) ([]byte, int) {
	out := append(append([]byte{}, first...), '\n')
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
// signature headers, as git rebuilds it for verification.
func (c *Commit) Payload() []byte {
	out := make([]byte, 0, len(c.Raw))
	rest := c.Raw
	for len(rest) > 0 {
		nl := bytes.IndexByte(rest, '\n')
		if nl < 0 {
			return append(out, rest...)
		}
		line := rest[:nl+1]
		if nl == 0 {
			return append(out, rest...)
		}
		if bytes.HasPrefix(line, []byte("gpgsig ")) || bytes.HasPrefix(line, []byte("gpgsig-sha256 ")) {
			rest = rest[nl+1:]
			for len(rest) > 0 && rest[0] == ' ' {
				n := bytes.IndexByte(rest, '\n')
				if n < 0 {
					n = len(rest) - 1
				}
				rest = rest[n+1:]
			}
			continue
		}
		out = append(out, line...)
		rest = rest[nl+1:]
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

// ParseTag parses annotated tag object data and splits off the signature.
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
		t.Payload = data[:start+best]
	}
	return t, nil
}

func parseHexHash(b []byte) (Hash, bool) { return ParseHash(string(bytes.TrimSpace(b))) }

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
