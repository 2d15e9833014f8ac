package signing

import (
	"bytes"
	"fmt"
	"path"
	"strings"
	"time"

	"golang.org/x/crypto/ssh"
)

// AllowedSigner is one line of an ssh allowed_signers file
// (ssh-keygen(1) "ALLOWED SIGNERS").
type AllowedSigner struct {
	Line          int
	Principals    []string // patterns: '*' and '?' wildcards, '!' negation
	Key           ssh.PublicKey
	CertAuthority bool     // Key is a CA that signs certificates
	Namespaces    []string // nil = any namespace
	ValidAfter    time.Time
	ValidBefore   time.Time
}

// ParseAllowedSigners reads an allowed_signers file. Comment and blank
// lines are skipped; a malformed line is an error naming its number.
func ParseAllowedSigners(data []byte) ([]AllowedSigner, error) {
	var out []AllowedSigner
	for i, line := range bytes.Split(data, []byte("\n")) {
		l := strings.TrimSpace(string(line))
		if l == "" || l[0] == '#' {
			continue
		}
		s, err := parseAllowedSigner(l)
		if err != nil {
			return nil, fmt.Errorf("allowed_signers line %d: %w", i+1, err)
		}
		s.Line = i + 1
		out = append(out, s)
	}
	return out, nil
}

func parseAllowedSigner(l string) (AllowedSigner, error) {
	var s AllowedSigner
	principals, rest, err := cutField(l)
	if err != nil {
		return s, err
	}
	for _, p := range strings.Split(principals, ",") {
		if p = strings.TrimSpace(p); p != "" {
			s.Principals = append(s.Principals, p)
		}
	}
	if len(s.Principals) == 0 {
		return s, fmt.Errorf("no principals")
	}
	key, _, opts, _, err := ssh.ParseAuthorizedKey([]byte(rest))
	if err != nil {
		return s, fmt.Errorf("key: %w", err)
	}
	s.Key = key
	for _, o := range opts {
		name, val, _ := strings.Cut(o, "=")
		val = strings.Trim(val, `"`)
		switch strings.ToLower(name) {
		case "cert-authority":
			s.CertAuthority = true
		case "namespaces":
			s.Namespaces = strings.Split(val, ",")
		case "valid-after":
			if s.ValidAfter, err = parseSSHTime(val); err != nil {
				return s, err
			}
		case "valid-before":
			if s.ValidBefore, err = parseSSHTime(val); err != nil {
				return s, err
			}
		}
	}
	return s, nil
}

// cutField splits off the first field, which may be double-quoted.
func cutField(l string) (string, string, error) {
	if strings.HasPrefix(l, `"`) {
		end := strings.IndexByte(l[1:], '"')
		if end < 0 {
			return "", "", fmt.Errorf("unterminated quoted principals")
		}
		return l[1 : end+1], strings.TrimSpace(l[end+2:]), nil
	}
	i := strings.IndexAny(l, " \t")
	if i < 0 {
		return "", "", fmt.Errorf("no key after the principals")
	}
	return l[:i], strings.TrimSpace(l[i:]), nil
}

// parseSSHTime reads YYYYMMDD[HHMM[SS]] with an optional Z (UTC; local
// time otherwise, as ssh-keygen does).
func parseSSHTime(s string) (time.Time, error) {
	loc := time.Local
	if strings.HasSuffix(s, "Z") || strings.HasSuffix(s, "z") {
		s, loc = s[:len(s)-1], time.UTC
	}
	for _, layout := range []string{"20060102150405", "200601021504", "20060102"} {
		if len(s) == len(layout) {
			return time.ParseInLocation(layout, s, loc)
		}
	}
	return time.Time{}, fmt.Errorf("bad time %q", s)
}

// matchPrincipal applies an ssh pattern list to name: a negated match
// wins over any positive one.
func matchPrincipal(patterns []string, name string) bool {
	ok := false
	for _, p := range patterns {
		neg := strings.HasPrefix(p, "!")
		p = strings.TrimPrefix(p, "!")
		m, err := path.Match(strings.ReplaceAll(strings.ReplaceAll(p, "[", `\[`), "/", `\/`), name)
		if err != nil || !m {
			continue
		}
		if neg {
			return false
		}
		ok = true
	}
	return ok
}

// allowsNamespace reports whether the entry may sign in namespace ns.
func (s *AllowedSigner) allowsNamespace(ns string) bool {
	if s.Namespaces == nil {
		return true
	}
	for _, n := range s.Namespaces {
		if m, _ := path.Match(strings.TrimSpace(n), ns); m {
			return true
		}
	}
	return false
}
