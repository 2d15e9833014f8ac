package testenv

import (
	"testing"
	"time"
)

func TestBoundedRunsAndForgets(t *testing.T) {
	ran := false
	Bounded("quick", time.Hour, func() {
		ran = true
		if overdue(time.Now().Add(2*time.Hour)) == nil {
			t.Error("a running call past its deadline is not reported overdue")
		}
		if overdue(time.Now()) != nil {
			t.Error("a running call within its budget is reported overdue")
		}
	})
	if !ran {
		t.Fatal("Bounded did not run fn")
	}
	if c := overdue(time.Now().Add(2 * time.Hour)); c != nil {
		t.Fatalf("finished call %q still watched", c.what)
	}
}

func TestBoundedForgetsAfterPanic(t *testing.T) {
	func() {
		defer func() { _ = recover() }()
		Bounded("panics", time.Hour, func() { panic("boom") })
	}()
	if c := overdue(time.Now().Add(2 * time.Hour)); c != nil {
		t.Fatalf("call %q that panicked still watched", c.what)
	}
}
