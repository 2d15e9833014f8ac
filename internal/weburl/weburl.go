// Package weburl parses config URLs (frontendDist, devUrl, window urls,
// updater endpoints) as Tauri reads them: with rust-url, which follows
// the WHATWG URL standard. Go's net/url is stricter about spelling: it
// reads "https:evil.example" as an opaque URL without host, where rust-url
// sees https://evil.example/.
package weburl

import (
	"net/url"
	"strings"
)

// special are the WHATWG special schemes with a host (file has its own
// rules and is left to net/url).
var special = map[string]bool{"http": true, "https": true, "ws": true, "wss": true, "ftp": true}

// tabsAndNewlines removes what the URL standard strips inside a URL.
var tabsAndNewlines = strings.NewReplacer("\t", "", "\n", "", "\r", "")

// Parse parses s as an absolute URL, or returns nil. For special schemes
// it applies the standard's leniency before net/url reads the result:
// leading and trailing C0 controls and spaces are trimmed, tabs and
// newlines removed, the scheme lower-cased, and any run of '/' or '\'
// after "scheme:" read as the authority's "//", so "https:evil.example",
// "https:/evil.example" and "https:\\evil.example" all name the host
// evil.example. A '\' before the query is a path separator.
func Parse(s string) *url.URL {
	s = strings.TrimFunc(s, func(r rune) bool { return r <= ' ' })
	s = tabsAndNewlines.Replace(s)
	scheme, rest, ok := strings.Cut(s, ":")
	if !ok || !validScheme(scheme) {
		return nil
	}
	scheme = strings.ToLower(scheme)
	if special[scheme] {
		rest = strings.TrimLeft(rest, `/\`)
		end := strings.IndexAny(rest, "?#")
		if end < 0 {
			end = len(rest)
		}
		rest = strings.ReplaceAll(rest[:end], `\`, "/") + rest[end:]
		s = scheme + "://" + rest
	}
	u, err := url.Parse(s)
	if err != nil || u.Scheme == "" || special[u.Scheme] && u.Host == "" {
		return nil
	}
	return u
}

// validScheme reports a scheme as the standard spells it: a letter, then
// letters, digits, '+', '-' or '.'.
func validScheme(s string) bool {
	if s == "" || !isLetter(s[0]) {
		return false
	}
	for i := 1; i < len(s); i++ {
		c := s[i]
		if !isLetter(c) && !(c >= '0' && c <= '9') && c != '+' && c != '-' && c != '.' {
			return false
		}
	}
	return true
}

func isLetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }
