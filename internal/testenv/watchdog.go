package testenv

import (
	"fmt"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"time"
)

// FuzzBudget is how much CPU time one fuzz input may take: the parsers
// are linear, so an input near this is a blow-up even on a loaded machine.
var FuzzBudget = CPULimit(10 * time.Second)

// wallFactor bounds the wall time of a call at this many times its CPU
// budget, so a call that blocks without using the CPU is still caught.
const wallFactor = 10

// Bounded runs fn under a watchdog: when fn uses more than budget of CPU
// time the process crashes with every goroutine's stack, so the fuzzer
// records the input as a failing one instead of stalling on it for the
// rest of the run (Go's fuzzer has no per-input timeout). CPU time, not
// wall time: a loaded or paused machine (a virtual machine descheduled
// for seconds) must not make a linear input look like a blow-up. One
// monitor goroutine serves every call and reads the process's CPU time
// once per tick, so the cost per input is a map store and delete.
func Bounded(what string, budget time.Duration, fn func()) {
	c := &boundedCall{what: what, budget: budget, start: time.Now()}
	startMonitor()
	active.Store(c, struct{}{})
	defer active.Delete(c)
	fn()
}

type boundedCall struct {
	what   string
	budget time.Duration
	start  time.Time
	cpu    atomic.Int64 // process CPU time (ns) charged while active
}

var (
	active      sync.Map // *boundedCall -> struct{}
	monitorOnce sync.Once
)

const tick = 100 * time.Millisecond

func startMonitor() {
	monitorOnce.Do(func() {
		go func() {
			last := processCPU()
			for now := range time.Tick(tick) {
				cpu := processCPU()
				if late := overdue(now, cpu-last); late != nil {
					debug.SetTraceback("all")
					panic(fmt.Sprintf("%s exceeded the fuzz time budget (%v of CPU time, %v since it started)",
						late.what, time.Duration(late.cpu.Load()), now.Sub(late.start).Round(time.Millisecond)))
				}
				last = cpu
			}
		}()
	})
}

// overdue charges the process CPU time spent since the last tick to every
// active call (a call that started within the tick is charged the whole
// tick: at most 100 ms too much) and returns one that is past its budget,
// or has run wallFactor times its budget in wall time, if any.
func overdue(now time.Time, spent time.Duration) *boundedCall {
	var late *boundedCall
	active.Range(func(k, _ any) bool {
		c := k.(*boundedCall)
		if time.Duration(c.cpu.Add(int64(spent))) > c.budget || now.Sub(c.start) > wallFactor*c.budget {
			late = c
			return false
		}
		return true
	})
	return late
}
