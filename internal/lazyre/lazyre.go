// Package lazyre holds regular expressions that compile on first use.
//
// A package-level regexp.MustCompile runs at program start on every run,
// whether or not the rule that needs it runs: across the project that was
// a third of the binary's start-up time. A lazyre.Regexp has the same
// methods and compiles once, on the first call, safely from any goroutine.
// Every expression is still checked by a test (CompileAll), so a bad one
// cannot wait in a rarely used path.
package lazyre

import (
	"regexp"
	"sync"
)

// Regexp is a regular expression compiled on first use.
type Regexp struct {
	expr string
	once sync.Once
	re   *regexp.Regexp
}

var (
	mu  sync.Mutex
	all []*Regexp
)

// New returns a Regexp for expr, which must be valid (it panics on first
// use otherwise, as regexp.MustCompile would at start-up).
func New(expr string) *Regexp {
	l := &Regexp{expr: expr}
	mu.Lock()
	all = append(all, l)
	mu.Unlock()
	return l
}

// Compiled wraps an expression already compiled (one whose errors had to
// be reported when it was read); it is not registered for CompileAll.
func Compiled(re *regexp.Regexp) *Regexp {
	l := &Regexp{expr: re.String(), re: re}
	l.once.Do(func() {})
	return l
}

// Re returns the compiled expression.
func (l *Regexp) Re() *regexp.Regexp {
	l.once.Do(func() { l.re = regexp.MustCompile(l.expr) })
	return l.re
}

// CompileAll compiles every Regexp made so far and returns the first
// expression that does not compile, with its error.
func CompileAll() (string, error) {
	mu.Lock()
	list := append([]*Regexp(nil), all...)
	mu.Unlock()
	for _, l := range list {
		if _, err := regexp.Compile(l.expr); err != nil {
			return l.expr, err
		}
	}
	return "", nil
}

// Count is how many Regexps have been made.
func Count() int {
	mu.Lock()
	defer mu.Unlock()
	return len(all)
}
