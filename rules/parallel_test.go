package rules

import (
	"context"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"testing/fstest"
)

func TestParallelCallsEachIndexOnce(t *testing.T) {
	for _, procs := range []int{1, 2, 4} {
		old := runtime.GOMAXPROCS(procs)
		for _, n := range []int{0, 1, 3, 1000} {
			counts := make([]atomic.Int32, n)
			parallel(n, func(i int) { counts[i].Add(1) })
			for i := range counts {
				if c := counts[i].Load(); c != 1 {
					t.Fatalf("GOMAXPROCS=%d n=%d: index %d called %d times", procs, n, i, c)
				}
			}
		}
		runtime.GOMAXPROCS(old)
	}
}

// TestRunCancelledNamesOneRule checks that a cancelled scan reports the
// first rule that did not run, once, and runs no rule after cancelling.
func TestRunCancelledNamesOneRule(t *testing.T) {
	fsys := fstest.MapFS{"src-tauri/tauri.conf.json": {Data: []byte(`{"identifier":"a.b.c"}`)}}
	ps, err := LoadFS(context.Background(), fsys, LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	var after atomic.Int32
	rs := []*Rule{
		{ID: "TA-CFG-901", Run: func(*Pass) error { cancel(); return nil }},
		{ID: "TA-CFG-902", Run: func(*Pass) error { after.Add(1); return nil }},
		{ID: "TA-CFG-903", Run: func(*Pass) error { after.Add(1); return nil }},
	}
	old := runtime.GOMAXPROCS(1) // deterministic: rules start in order
	defer runtime.GOMAXPROCS(old)
	res := Run(ctx, ps, rs)
	if len(res.Errors) != 1 || res.Errors[0].RuleID != "TA-CFG-902" || !strings.Contains(res.Errors[0].Err, "canceled") {
		t.Fatalf("errors = %+v", res.Errors)
	}
	if after.Load() != 0 {
		t.Fatalf("%d rules ran after cancel", after.Load())
	}
}
