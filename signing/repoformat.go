package signing

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
)

// maxConfig bounds the size of a .git/config read for the repository
// format; real ones are a few hundred bytes.
const maxConfig = 4 << 20

// readRepoFormat reads the repository format from the config file at p
// (the common directory's "config") the way git's setup.c does: only
// core.repositoryformatversion and extensions.* matter, include
// directives are not followed, and a missing file means version 0 with
// SHA-1 ids. What git would refuse, and what this reader cannot read
// (a SHA-1 compatibility map, reftable refs), is an error naming p.
func readRepoFormat(p string) (ObjectFormat, error) {
	f, err := openRegular(p)
	if errors.Is(err, os.ErrNotExist) {
		return SHA1, nil
	}
	if err != nil {
		return SHA1, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxConfig+1))
	if err != nil {
		return SHA1, err
	}
	if len(b) > maxConfig {
		return SHA1, fmt.Errorf("%s: larger than %d MiB", p, maxConfig>>20)
	}
	return parseRepoFormat(p, b)
}

// parseRepoFormat applies git's rules (setup.c check_repo_format and
// verify_repository_format) to the config text b read from p.
func parseRepoFormat(p string, b []byte) (ObjectFormat, error) {
	format := SHA1
	version := 0
	var v1Only, unknown, problems []string
	err := parseGitConfig(b, func(name string, value *string) error {
		if name == "core.repositoryformatversion" {
			if value == nil {
				return errors.New("core.repositoryformatversion has no value")
			}
			n, err := parseConfigInt(*value)
			if err != nil {
				return fmt.Errorf("core.repositoryformatversion = %q is not a number", *value)
			}
			version = n
			return nil
		}
		ext, ok := strings.CutPrefix(name, "extensions.")
		if !ok {
			return nil
		}
		val := ""
		if value != nil {
			val = *value
		}
		switch ext {
		case "noop", "preciousobjects", "partialclone", "worktreeconfig":
			return nil // known to git in version 0 too; none changes how objects are read
		case "noop-v1", "relativeworktrees", "submodulepathconfig":
		case "objectformat":
			switch {
			case value == nil:
				return errors.New("extensions.objectFormat has no value")
			case val == "sha1":
				format = SHA1
			case val == "sha256":
				format = SHA256
			default:
				return fmt.Errorf("extensions.objectFormat = %q is not an object format git knows (sha1, sha256)", val)
			}
		case "compatobjectformat":
			problems = append(problems, fmt.Sprintf("extensions.compatObjectFormat = %q: repositories that keep a compatibility object map are not supported", val))
		case "refstorage":
			if kind, _, _ := strings.Cut(val, "://"); kind != "files" {
				problems = append(problems, fmt.Sprintf("extensions.refStorage = %q: only the files ref storage (loose refs and packed-refs) is supported", val))
			}
		default:
			unknown = append(unknown, ext)
			return nil
		}
		v1Only = append(v1Only, ext)
		return nil
	})
	switch {
	case err != nil:
		return SHA1, fmt.Errorf("%s: %w", p, err)
	case version < 0 || version > 1:
		return SHA1, fmt.Errorf("%s: core.repositoryformatversion = %d is not supported (git reads 0 and 1)", p, version)
	case version == 1 && len(unknown) > 0:
		return SHA1, fmt.Errorf("%s: unknown repository extension %s (git refuses the repository too)", p, strings.Join(unknown, ", "))
	case version == 0 && len(v1Only) > 0:
		return SHA1, fmt.Errorf("%s: extensions.%s needs core.repositoryformatversion = 1 (git refuses the repository too)", p, v1Only[0])
	case len(problems) > 0:
		return SHA1, fmt.Errorf("%s: %s", p, strings.Join(problems, "; "))
	}
	return format, nil
}

// parseConfigInt parses a git config integer: decimal with an optional
// k, m or g suffix.
func parseConfigInt(s string) (int, error) {
	s = strings.TrimSpace(s)
	mul := 1
	if s != "" {
		switch s[len(s)-1] {
		case 'k', 'K':
			mul = 1 << 10
		case 'm', 'M':
			mul = 1 << 20
		case 'g', 'G':
			mul = 1 << 30
		}
		if mul > 1 {
			s = s[:len(s)-1]
		}
	}
	n, err := strconv.ParseInt(s, 0, 32)
	if err != nil {
		return 0, err
	}
	return int(n) * mul, nil
}

// errConfigSyntax is a line git's config parser would reject.
var errConfigSyntax = errors.New("bad config line")

// parseGitConfig reads git config text as git's config.c does and calls
// fn with each variable's full name ("section.key" or
// "section.subsection.key", section and key lower-cased) and its value
// (nil for a bare "key" line, which means true). It stops at the first
// syntax error, reporting its line, or at fn's first error.
func parseGitConfig(b []byte, fn func(name string, value *string) error) error {
	c := configScanner{b: b, line: 1}
	if len(b) >= 3 && string(b[:3]) == "\xef\xbb\xbf" {
		c.pos = 3 // UTF-8 byte order mark
	}
	var section string
	comment := false
	for {
		ch := c.next()
		switch {
		case ch == '\n':
			if c.eof {
				return nil
			}
			comment = false
			continue
		case comment, isSpace(ch):
			continue
		case ch == '#' || ch == ';':
			comment = true
			continue
		case ch == '[':
			s, ok := c.sectionName()
			if !ok || s == "" {
				return c.syntaxError()
			}
			section = s + "."
			continue
		case !isAlpha(ch):
			return c.syntaxError()
		}
		start := c.cur
		name, value, ok := c.variable(ch)
		if !ok {
			return c.syntaxError()
		}
		if err := fn(section+name, value); err != nil {
			return fmt.Errorf("line %d: %w", start, err)
		}
	}
}

type configScanner struct {
	b         []byte
	pos       int
	line, cur int // the line next reads from; the line of the byte it returned last
	eof       bool
}

// next returns the next byte, "\r\n" as '\n', and '\n' at the end.
func (c *configScanner) next() byte {
	if c.pos >= len(c.b) {
		c.eof, c.cur = true, c.line
		return '\n'
	}
	ch := c.b[c.pos]
	c.pos++
	if ch == '\r' && c.pos < len(c.b) && c.b[c.pos] == '\n' {
		ch = '\n'
		c.pos++
	}
	c.cur = c.line
	if ch == '\n' {
		c.line++
	}
	return ch
}

func (c *configScanner) syntaxError() error { return fmt.Errorf("%w %d", errConfigSyntax, c.cur) }

// sectionName reads the rest of "[section]", "[section.sub]" or
// `[section "sub"]` and returns "section" or "section.sub".
func (c *configScanner) sectionName() (string, bool) {
	var name []byte
	for {
		ch := c.next()
		switch {
		case c.eof:
			return "", false
		case ch == ']':
			return string(name), true
		case isSpace(ch):
			return c.subsection(name, ch)
		case !isKeyChar(ch) && ch != '.':
			return "", false
		}
		name = append(name, lower(ch))
	}
}

// subsection reads ` "sub"]` after a section name.
func (c *configScanner) subsection(name []byte, ch byte) (string, bool) {
	for isSpace(ch) {
		if ch == '\n' {
			return "", false
		}
		ch = c.next()
	}
	if ch != '"' {
		return "", false
	}
	name = append(name, '.')
	for {
		ch := c.next()
		if ch == '\n' {
			return "", false
		}
		if ch == '"' {
			break
		}
		if ch == '\\' {
			if ch = c.next(); ch == '\n' {
				return "", false
			}
		}
		name = append(name, ch)
	}
	if c.next() != ']' {
		return "", false
	}
	return string(name), true
}

// variable reads "key", "key = value" from its first character on.
func (c *configScanner) variable(first byte) (string, *string, bool) {
	name := []byte{lower(first)}
	var ch byte
	for {
		ch = c.next()
		if c.eof || !isKeyChar(ch) {
			break
		}
		name = append(name, lower(ch))
	}
	for ch == ' ' || ch == '\t' {
		ch = c.next()
	}
	if ch == '\n' {
		return string(name), nil, true
	}
	if ch != '=' {
		return "", nil, false
	}
	v, ok := c.value()
	if !ok {
		return "", nil, false
	}
	return string(name), &v, true
}

// value reads a value up to the end of its line: surrounding blanks are
// dropped, inner ones kept, quotes protect blanks and comment characters,
// and \\ \" \n \t \b and a backslash before a newline are the escapes
// (config.c parse_value).
func (c *configScanner) value() (string, bool) {
	var out, blanks []byte // blanks: unquoted blank space not yet known to be inner
	quote, comment := false, false
	for {
		ch := c.next()
		if ch == '\n' {
			return string(out), !quote
		}
		if comment {
			continue
		}
		if isSpace(ch) && !quote {
			if len(out) > 0 {
				blanks = append(blanks, ch)
			}
			continue
		}
		if !quote && (ch == ';' || ch == '#') {
			comment = true
			continue
		}
		out, blanks = append(out, blanks...), blanks[:0]
		switch ch {
		case '\\':
			switch ch = c.next(); ch {
			case '\n':
				continue // a continuation line
			case 't':
				ch = '\t'
			case 'b':
				ch = '\b'
			case 'n':
				ch = '\n'
			case '\\', '"':
			default:
				return "", false
			}
		case '"':
			quote = !quote
			continue
		}
		out = append(out, ch)
	}
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func isAlpha(c byte) bool { return (c|0x20) >= 'a' && (c|0x20) <= 'z' }

func isKeyChar(c byte) bool { return isAlpha(c) || (c >= '0' && c <= '9') || c == '-' }

func lower(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}
