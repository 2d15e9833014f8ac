package csp

import (
	"strings"

	"github.com/tauriaudit/tauriaudit/rules/source"
)

// Kind classifies a source expression (CSP3 §2.3.1).
type Kind uint8

// The kinds of source expression.
const (
	Invalid  Kind = iota // not a source expression; the webview ignores it
	Keyword              // 'self', 'unsafe-eval', ...
	Nonce                // 'nonce-...'
	Hash                 // 'sha256-...', 'sha384-...', 'sha512-...'
	Scheme               // data:, https:, ipc:
	Host                 // [scheme://]host[:port][/path]
	Wildcard             // *
)

var kindNames = [...]string{"invalid", "keyword", "nonce", "hash", "scheme", "host", "wildcard"}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "invalid"
}

// The keyword source expressions, lower-cased with their quotes.
const (
	Self                 = "'self'"
	None                 = "'none'"
	UnsafeInline         = "'unsafe-inline'"
	UnsafeEval           = "'unsafe-eval'"
	WasmUnsafeEval       = "'wasm-unsafe-eval'"
	StrictDynamic        = "'strict-dynamic'"
	UnsafeHashes         = "'unsafe-hashes'"
	ReportSample         = "'report-sample'"
	UnsafeAllowRedirects = "'unsafe-allow-redirects'"
)

var keywords = []string{Self, None, UnsafeInline, UnsafeEval, WasmUnsafeEval, StrictDynamic,
	UnsafeHashes, ReportSample, UnsafeAllowRedirects,
	// Newer keywords some engines accept; listed so they are not read as
	// mistakes.
	"'inline-speculation-rules'", "'report-sha256'", "'report-sha384'", "'report-sha512'",
	"'unsafe-webtransport-hashes'"}

// IsKeyword reports whether kw (lower-case, with its quotes) is a keyword
// source expression.
func IsKeyword(kw string) bool {
	for _, k := range keywords {
		if k == kw {
			return true
		}
	}
	return false
}

// Source is one source expression of a directive.
type Source struct {
	Text string // as written
	Kind Kind
	// Keyword is the lower-cased keyword with its quotes, for Keyword.
	Keyword string
	// Scheme (lower-case, no colon) is set for Scheme and for a Host that
	// names one; Host (lower-case, may start with "*."), Port ("" when
	// absent, "*" for any) and Path are set for Host.
	Scheme, Host, Port, Path string
	Loc                      source.Location
}

// Is reports whether s is the keyword kw (one of the constants above).
func (s *Source) Is(kw string) bool { return s != nil && s.Kind == Keyword && s.Keyword == kw }

// classify parses one source expression.
func classify(text string, loc source.Location) *Source {
	s := &Source{Text: text, Loc: loc}
	lower := strings.ToLower(text)
	switch {
	case text == "*":
		s.Kind = Wildcard
	case len(text) >= 2 && text[0] == '\'' && text[len(text)-1] == '\'':
		classifyQuoted(s, lower)
	case strings.HasSuffix(text, ":") && isScheme(text[:len(text)-1]):
		s.Kind, s.Scheme = Scheme, lower[:len(lower)-1]
	default:
		classifyHost(s, text)
	}
	return s
}

func classifyQuoted(s *Source, lower string) {
	for _, kw := range keywords {
		if lower == kw {
			s.Kind, s.Keyword = Keyword, kw
			return
		}
	}
	body := lower[1 : len(lower)-1]
	switch {
	case strings.HasPrefix(body, "nonce-") && isBase64(body[len("nonce-"):]):
		s.Kind = Nonce
	case hasHashPrefix(body):
		s.Kind = Hash
	}
}

func hasHashPrefix(body string) bool {
	for _, alg := range []string{"sha256-", "sha384-", "sha512-"} {
		if strings.HasPrefix(body, alg) && isBase64(body[len(alg):]) {
			return true
		}
	}
	return false
}

// isBase64 accepts CSP3's base64-value: base64 or base64url, "=" padded.
func isBase64(v string) bool {
	v = strings.TrimRight(v, "=")
	if v == "" {
		return false
	}
	for i := 0; i < len(v); i++ {
		if !isAlnum(v[i]) && !strings.ContainsRune("+/-_", rune(v[i])) {
			return false
		}
	}
	return true
}

// isScheme matches scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ).
func isScheme(v string) bool {
	if v == "" || !isAlpha(v[0]) {
		return false
	}
	for i := 1; i < len(v); i++ {
		if !isAlnum(v[i]) && !strings.ContainsRune("+-.", rune(v[i])) {
			return false
		}
	}
	return true
}

// classifyHost parses host-source = [ scheme "://" ] host [ ":" port ] [ path ].
// Bracketed IPv6 hosts are accepted though CSP3's grammar lacks them, so
// that [::1] is recognised as loopback.
func classifyHost(s *Source, text string) {
	rest := text
	if i := strings.Index(rest, "://"); i >= 0 {
		if !isScheme(rest[:i]) {
			return
		}
		s.Scheme, rest = strings.ToLower(rest[:i]), rest[i+3:]
	}
	hostEnd := strings.IndexAny(rest, "/?#")
	if hostEnd < 0 {
		hostEnd = len(rest)
	}
	hostPort, path := rest[:hostEnd], rest[hostEnd:]
	host, port, ok := splitPort(hostPort)
	if !ok || !isHost(host) {
		s.Scheme = ""
		return
	}
	s.Kind, s.Host, s.Port, s.Path = Host, strings.ToLower(host), port, path
}

func splitPort(hp string) (host, port string, ok bool) {
	if strings.HasPrefix(hp, "[") {
		end := strings.Index(hp, "]")
		if end < 0 {
			return "", "", false
		}
		host, rest := hp[:end+1], hp[end+1:]
		if rest == "" {
			return host, "", true
		}
		return host, strings.TrimPrefix(rest, ":"), strings.HasPrefix(rest, ":") && isPort(rest[1:])
	}
	host, port, found := strings.Cut(hp, ":")
	if found && !isPort(port) {
		return "", "", false
	}
	return host, port, true
}

func isPort(p string) bool {
	if p == "*" {
		return true
	}
	if p == "" {
		return false
	}
	for i := 0; i < len(p); i++ {
		if p[i] < '0' || p[i] > '9' {
			return false
		}
	}
	return true
}

// isHost matches host = "*" / [ "*." ] 1*host-char *( "." 1*host-char ) [ "." ],
// plus bracketed IPv6.
func isHost(h string) bool {
	if h == "*" {
		return true
	}
	if strings.HasPrefix(h, "[") {
		inner := h[1 : len(h)-1]
		return inner != "" && strings.Trim(inner, "0123456789abcdefABCDEF:.") == ""
	}
	h = strings.TrimPrefix(h, "*.")
	h = strings.TrimSuffix(h, ".")
	if h == "" {
		return false
	}
	for _, label := range strings.Split(h, ".") {
		if label == "" || strings.Trim(label, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-") != "" {
			return false
		}
	}
	return true
}

func isAlpha(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func isAlnum(c byte) bool { return isAlpha(c) || c >= '0' && c <= '9' }
