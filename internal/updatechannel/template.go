package updatechannel

import (
	"strings"

	"github.com/tauriaudit/tauriaudit/internal/lazyre"
)

// Variables are the placeholders the updater replaces, anywhere in the
// URL string, before each request.
var Variables = []string{"current_version", "target", "arch"}

// Placeholder is one {{…}} in an endpoint.
type Placeholder struct {
	Text string // "{{target}}"
	Name string // "target"
	// Known says the updater replaces it; an unknown one (or a known
	// name spelled with spaces) is sent as it is.
	Known bool
	// InAuthority: it sits in the scheme, user, host or port, so the
	// value chooses the server.
	InAuthority bool
}

var placeholder = lazyre.New(`\{\{([^{}]{0,64})\}\}`)

// Placeholders lists the {{…}} placeholders of endpoint s in order.
func Placeholders(s string) []Placeholder {
	end := authorityEnd(s)
	var out []Placeholder
	for _, m := range placeholder.FindAllStringSubmatchIndex(s, -1) {
		name := s[m[2]:m[3]]
		out = append(out, Placeholder{Text: s[m[0]:m[1]], Name: name,
			Known: isVariable(name), InAuthority: m[0] < end})
	}
	return out
}

func isVariable(name string) bool {
	for _, v := range Variables {
		if name == v {
			return true
		}
	}
	return false
}

// authorityEnd is the offset where the path, query or fragment of s
// begins: everything before it is scheme and authority. Slashes and
// backslashes after "scheme:" open the authority, as rust-url reads them.
func authorityEnd(s string) int {
	i := strings.Index(s, ":")
	if i < 0 {
		return 0
	}
	j := i + 1
	for j < len(s) && (s[j] == '/' || s[j] == '\\') {
		j++
	}
	if k := strings.IndexAny(s[j:], `/\?#`); k >= 0 {
		return j + k
	}
	return len(s)
}

// fillPlaceholders puts a sample value in place of each placeholder, so
// the URL parses as the updater's requests will.
func fillPlaceholders(s string) string {
	return placeholder.ReplaceAllStringFunc(s, func(string) string { return "x" })
}

// hostTemplated reports a placeholder in s's scheme or authority.
func hostTemplated(s string) bool {
	for _, p := range Placeholders(s) {
		if p.InAuthority {
			return true
		}
	}
	return false
}
