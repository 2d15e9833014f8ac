package testenv

import (
	"testing"
	"time"
)

func TestBoundedRunsAndForgets(t *testing.T) {
	ran := false
	Bounded("quick", time.Hour, func() {
		ran = true
		if overdue(time.Now(), 0) != nil {
			t.Error("a running call within its budget is reported overdue")
		}
		if overdue(time.Now(), 2*time.Hour) == nil {
			t.Error("a running call past its CPU budget is not reported overdue")
		}
	})
	if !ran {
		t.Fatal("Bounded did not run fn")
	}
	if c := overdue(time.Now(), 2*time.Hour); c != nil {
		t.Fatalf("finished call %q still watched", c.what)
	}
}

// TestBoundedChargesCPUNotWall: wall time alone, as when the machine
// pauses the process, does not make a call overdue until it reaches the
// wall-time backstop.
func TestBoundedChargesCPUNotWall(t *testing.T) {
	Bounded("paused", time.Second, func() {
		if c := overdue(time.Now().Add(5*time.Second), 0); c != nil {
			t.Errorf("a call 5 s into a 1 s CPU budget, without CPU time, is overdue")
		}
		if overdue(time.Now().Add(wallFactor*time.Second+time.Second), 0) == nil {
			t.Errorf("a call past the wall-time backstop is not overdue")
		}
	})
}

func TestBoundedForgetsAfterPanic(t *testing.T) {
	func() {
		defer func() { _ = recover() }()
		Bounded("panics", time.Hour, func() { panic("boom") })
	}()
	if c := overdue(time.Now(), 2*time.Hour); c != nil {
		t.Fatalf("call %q that panicked still watched", c.what)
	}
}
