package lazyre

import (
	"strings"
	"sync"
	"testing"
)

func TestCompilesOnceOnFirstUse(t *testing.T) {
	l := New(`a(b+)`)
	if l.re != nil {
		t.Fatal("compiled before first use")
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() { defer wg.Done(); l.MatchString("abb") }()
	}
	wg.Wait()
	first := l.Re()
	if got := l.FindStringSubmatch("xabbb"); len(got) != 2 || got[1] != "bbb" {
		t.Fatalf("FindStringSubmatch = %q", got)
	}
	if l.Re() != first {
		t.Fatal("compiled twice")
	}
}

func TestCompileAllNamesTheBadExpression(t *testing.T) {
	New(`ok`)
	New(`bad(`)
	expr, err := CompileAll()
	if expr != `bad(` || err == nil || !strings.Contains(err.Error(), "missing closing )") {
		t.Fatalf("CompileAll = %q, %v", expr, err)
	}
}
