package testenv

import (
	"fmt"
	"runtime/debug"
	"sync"
	"time"
)

// FuzzBudget is how long one fuzz input may take: the parsers are linear,
// so an input near this is a blow-up even on a loaded machine.
var FuzzBudget = CPULimit(10 * time.Second)

// Bounded runs fn under a watchdog: when fn runs past budget the process
// crashes with every goroutine's stack, so the fuzzer records the input as
// a failing one instead of stalling on it for the rest of the run (Go's
// fuzzer has no per-input timeout). One monitor goroutine serves every
// call, so the cost per input is a map store and delete, not a goroutine
// and a timer.
func Bounded(what string, budget time.Duration, fn func()) {
	c := &boundedCall{what: what, deadline: time.Now().Add(budget)}
	startMonitor()
	active.Store(c, struct{}{})
	defer active.Delete(c)
	fn()
}

type boundedCall struct {
	what     string
	deadline time.Time
}

var (
	active      sync.Map // *boundedCall -> struct{}
	monitorOnce sync.Once
)

func startMonitor() {
	monitorOnce.Do(func() {
		go func() {
			for range time.Tick(100 * time.Millisecond) {
				if late := overdue(time.Now()); late != nil {
					debug.SetTraceback("all")
					panic(fmt.Sprintf("%s exceeded the fuzz time budget", late.what))
				}
			}
		}()
	})
}

// overdue returns a call that is past its deadline at now, if any.
func overdue(now time.Time) *boundedCall {
	var late *boundedCall
	active.Range(func(k, _ any) bool {
		if c := k.(*boundedCall); now.After(c.deadline) {
			late = c
			return false
		}
		return true
	})
	return late
}
