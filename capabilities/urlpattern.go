package capabilities

import (
	"errors"
	"fmt"
	"strconv"
	"sync"
	"sync/atomic"

	"github.com/tauriaudit/tauriaudit/internal/lazyre"
	"github.com/tauriaudit/tauriaudit/rules/source"

	urlpattern "github.com/dunglas/go-urlpattern"
)

// URLPattern is a compiled remote.urls entry with Tauri's widening
// (tauri-acl §9.4): the string is read as a URLPattern constructor string
// without base URL; an empty or missing search or hash becomes "*", and a
// pathname that is missing, empty or "/" becomes "*". Components not
// written match anything, except the port: a pattern with a host but no
// port matches only the default port.
type URLPattern struct {
	Raw string
	// Node is where the pattern is written, when known.
	Node *source.Node
	// Err is set when the pattern does not compile; it then matches
	// nothing.
	Err error
	// Widened says why the pattern is judged as wider than written (too
	// long or too many groups to judge in bounded time), or is "".
	Widened string
	p       *urlpattern.URLPattern
}

// Two base URLs that differ in every inheritable component tell a written
// component from one a base supplied (see relativeInit).
const (
	probeBaseA = "x-tauriaudit:a?a#a"
	probeBaseB = "x-tauriaudit:b?b#b"
)

// CompileRemoteURL compiles a remote URL pattern as Tauri does.
func CompileRemoteURL(s string) (*URLPattern, error) {
	// Compiling builds regular expressions; the same patterns come back for
	// every target and rule. Compiled patterns are immutable, so they are
	// shared; each caller gets its own URLPattern value (Node differs).
	if c, ok := compiledURLs.Load(s); ok {
		r := c.(compiledURL)
		if r.err != nil {
			return nil, r.err
		}
		return &URLPattern{Raw: s, p: r.p, Widened: r.widened}, nil
	}
	u, err := compileRemoteURL(s)
	r := compiledURL{err: err}
	if u != nil {
		r.p, r.widened = u.p, u.Widened
	}
	if compiledURLCount.Add(1) <= maxCompiledURLs {
		compiledURLs.Store(s, r)
	}
	return u, err
}

// compiledURLs caches compiled patterns by their text, up to a bound so a
// hostile input cannot grow it without limit.
var (
	compiledURLs     sync.Map // string -> compiledURL
	compiledURLCount atomic.Int64
)

const maxCompiledURLs = 10_000

type compiledURL struct {
	p       *urlpattern.URLPattern
	widened string
	err     error
}

func compileRemoteURL(s string) (u *URLPattern, err error) {
	// go-urlpattern slices out of range on some relative pathnames
	// ("a/.." canonicalises to "/", then loses its "/-" prefix); such a
	// pattern is reported as not compiling rather than ending the scan.
	defer func() {
		if r := recover(); r != nil {
			u, err = nil, fmt.Errorf("the URL pattern parser fails on %q", s)
		}
	}()
	var init *urlpattern.URLPatternInit
	widened := ""
	if len(s) > maxPatternLen {
		init = &urlpattern.URLPatternInit{}
		widened = fmt.Sprintf("is longer than the %d bytes tauriaudit judges", maxPatternLen)
	} else if init, err = constructorInit(s); err != nil {
		return nil, cleanError(err)
	}
	if widenComplex(init) {
		widened = fmt.Sprintf("has more than %d groups in one component, more than tauriaudit judges", maxPatternGroups)
	}
	star := "*"
	if init.Pathname == nil || *init.Pathname == "" || *init.Pathname == "/" {
		init.Pathname = &star
	}
	if init.Search == nil || *init.Search == "" {
		init.Search = &star
	}
	if init.Hash == nil || *init.Hash == "" {
		init.Hash = &star
	}
	p, err := init.New(nil)
	if err != nil {
		return nil, cleanError(err)
	}
	return &URLPattern{Raw: s, p: p, Widened: widened}, nil
}

// maxPatternLen bounds the length of a pattern that is parsed. go-urlpattern
// parses in time that grows with the square of the length (16 KB took
// 0.17 s, so a 64 KB pattern takes seconds and an 8 MB file of them
// hours). A longer pattern is judged as "*" in every component: a
// superset of what it admits, so its grants are reported, never hidden.
// Real patterns are far shorter.
const maxPatternLen = 2048

// maxPatternGroups bounds the groups (wildcards, named and regexp groups)
// one component may have. go-urlpattern matches through submatch
// extraction, whose cost grows with the square of the group count for
// every character tried: "https://" followed by 1,300 "*" took 17 s to
// judge and 2,600 took 5 minutes. Real patterns have a handful.
const maxPatternGroups = 64

// widenComplex replaces a component with more groups than
// maxPatternGroups by "*", which admits everything it admitted: the
// audit then judges a superset of the pattern, never less, in bounded
// time. It reports whether it replaced any.
func widenComplex(init *urlpattern.URLPatternInit) bool {
	widened := false
	for _, c := range []**string{&init.Protocol, &init.Username, &init.Password, &init.Hostname,
		&init.Port, &init.Pathname, &init.Search, &init.Hash} {
		if *c != nil && patternGroups(**c) > maxPatternGroups {
			star := "*"
			*c, widened = &star, true
		}
	}
	return widened
}

// patternGroups counts what may open a group in a component pattern: an
// unescaped "*", "(" or ":". It may count a few too many, never too few.
func patternGroups(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '*', '(', ':':
			n++
		}
	}
	return n
}

// constructorInit returns the components written in s, as Tauri's
// parse_constructor_string does. go-urlpattern does not export that
// step, so the components are read back from a compiled pattern.
func constructorInit(s string) (*urlpattern.URLPatternInit, error) {
	p, err := urlpattern.New(s, "", nil)
	if errors.Is(err, urlpattern.ErrNoBaseURL) {
		return relativeInit(s)
	}
	if err != nil {
		return nil, err
	}
	str := func(v string) *string { return &v }
	return &urlpattern.URLPatternInit{
		Protocol: str(p.Protocol()), Username: str(p.Username()), Password: str(p.Password()),
		Hostname: str(p.Hostname()), Port: str(p.Port()),
		Pathname: str(p.Pathname()), Search: str(p.Search()), Hash: str(p.Hash()),
	}, nil
}

// relativeInit handles a string without scheme (such as "*" or "/api/*"),
// which Tauri accepts: only pathname, search and hash can be written, the
// rest match anything. A component is taken as written when two different
// base URLs give it the same value.
func relativeInit(s string) (*urlpattern.URLPatternInit, error) {
	a, err := urlpattern.New(s, probeBaseA, nil)
	if err != nil {
		return nil, err
	}
	b, err := urlpattern.New(s, probeBaseB, nil)
	if err != nil {
		return nil, err
	}
	init := &urlpattern.URLPatternInit{}
	same := func(x, y string) *string {
		if x != y {
			return nil
		}
		return &x
	}
	init.Pathname = same(a.Pathname(), b.Pathname())
	init.Search = same(a.Search(), b.Search())
	init.Hash = same(a.Hash(), b.Hash())
	return init, nil
}

// Test reports whether url matches the pattern.
func (u *URLPattern) Test(url string) bool {
	if u == nil || u.p == nil {
		return false
	}
	return u.p.Test(url, "")
}

// Protocol returns the compiled protocol component pattern.
func (u *URLPattern) Protocol() string { return u.component((*urlpattern.URLPattern).Protocol) }

// Hostname returns the compiled hostname component pattern.
func (u *URLPattern) Hostname() string { return u.component((*urlpattern.URLPattern).Hostname) }

// Port returns the compiled port component pattern ("" = default port).
func (u *URLPattern) Port() string { return u.component((*urlpattern.URLPattern).Port) }

// Pathname returns the compiled pathname component pattern.
func (u *URLPattern) Pathname() string { return u.component((*urlpattern.URLPattern).Pathname) }

func (u *URLPattern) component(f func(*urlpattern.URLPattern) string) string {
	if u == nil || u.p == nil {
		return ""
	}
	return f(u.p)
}

var tokenizerError = lazyre.New(`^type error: &urlpattern\.tokenizer\{.*\bindex:(\d+), nextIndex:\d+, codePoint:(\d+)\}`)

// cleanError rewrites go-urlpattern's tokenizer errors, which print a
// struct with pointers, into a stable message.
func cleanError(err error) error {
	m := tokenizerError.FindStringSubmatch(err.Error())
	if m == nil {
		return err
	}
	idx, _ := strconv.Atoi(m[1])
	cp, _ := strconv.Atoi(m[2])
	return fmt.Errorf("invalid pattern syntax near %q (offset %d in its component)", rune(cp), idx)
}
