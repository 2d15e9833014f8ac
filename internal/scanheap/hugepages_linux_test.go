package scanheap

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"runtime/metrics"
	"strconv"
	"strings"
	"testing"
	"time"
)

// childEnv makes the test binary act as a fresh process that prepares its
// heap (or not), fills 16 MB with small objects, and reports its GC pacing
// and its mappings.
const childEnv = "SCANHEAP_TEST_CHILD"

var sink [][]byte

func TestMain(m *testing.M) {
	if os.Getenv(childEnv) != "" {
		child()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

func child() {
	fallbacks := thpFallbacks()
	Prepare(64 << 20)
	fmt.Printf("gcpercent-prepared: %d\n", gcPercent())
	for range 2000 {
		b := make([]byte, 8000)
		for i := range b {
			b[i] = 1
		}
		sink = append(sink, b)
	}
	smaps, _ := os.ReadFile("/proc/self/smaps")
	os.Stdout.Write(smaps)
	fmt.Printf("thp-fallbacks: %d\n", thpFallbacks()-fallbacks)
	// The first collection restores the default pacing (its finalizer
	// runs on another goroutine, soon after).
	runtime.GC()
	deadline := time.Now().Add(10 * time.Second)
	for gcPercent() < 0 && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	fmt.Printf("gcpercent-collected: %d\n", gcPercent())
}

// thpFallbacks is the kernel's count of huge-page faults it served with
// small pages for lack of a free huge page (all processes).
func thpFallbacks() int {
	b, _ := os.ReadFile("/proc/vmstat")
	for _, l := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(l, "thp_fault_fallback "); ok {
			n, _ := strconv.Atoi(v)
			return n
		}
	}
	return 0
}

// gcPercent reads GOGC's current value without setting it: a read through
// debug.SetGCPercent (set, then set back) could undo the cleanup's restore
// if that ran in between.
func gcPercent() int {
	s := []metrics.Sample{{Name: "/gc/gogc:percent"}}
	metrics.Read(s)
	return int(s[0].Value.Uint64())
}

// TestPrepareGivesHugePages: in a fresh process where the kernel offers
// transparent huge pages on request, the heap a scan fills is backed by
// them; with TAURIAUDIT_HUGEPAGES=0 it is not (unless the kernel gives
// them to every process anyway).
func TestPrepareGivesHugePages(t *testing.T) {
	mode := thpMode()
	if !hugePagesOffered() {
		t.Skipf("Prepare does not act here (THP mode %q, or a 32-bit build, or an address-space limit)", mode)
	}
	if r := runChild(t, "1"); r.hugeKB < 4<<10 {
		if r.fallbacks > 0 {
			t.Skipf("the kernel had no free huge page (%d fallbacks): memory is fragmented", r.fallbacks)
		}
		t.Errorf("prepared heap: %d kB in huge pages, want at least 4096 kB", r.hugeKB)
	}
	if mode == "madvise" {
		if got := runChild(t, "0").hugeKB; got != 0 {
			t.Errorf("%s=0: %d kB in huge pages, want none", DisableEnv, got)
		}
	}
}

// TestPrepareDefersFirstCollection: Prepare turns the proportional pacer
// off until the first collection, which restores GOGC=100; a GOGC set in
// the environment is left alone; TAURIAUDIT_HUGEPAGES=0 changes nothing.
func TestPrepareDefersFirstCollection(t *testing.T) {
	for _, c := range []struct {
		enable, gogc        string
		prepared, collected int
	}{
		{"1", "", -1, 100},
		{"1", "50", 50, 50},
		{"0", "", 100, 100},
	} {
		r := runChild(t, c.enable, "GOGC="+c.gogc)
		if r.prepared != c.prepared || r.collected != c.collected {
			t.Errorf("%s=%s GOGC=%q: GC percent %d after Prepare and %d after a collection, want %d and %d",
				DisableEnv, c.enable, c.gogc, r.prepared, r.collected, c.prepared, c.collected)
		}
	}
}

// TestPrepareSkipsUnderAddressLimit: with a limit on address space, which
// 64 MB more of it could exceed, Prepare does nothing.
func TestPrepareSkipsUnderAddressLimit(t *testing.T) {
	if raceEnabled {
		t.Skip("the race runtime cannot start under an address-space limit")
	}
	cmd := exec.Command("sh", "-c", `ulimit -v 8000000 && exec "$0" -test.run='^$'`, os.Args[0])
	cmd.Env = append(os.Environ(), childEnv+"=1", DisableEnv+"=1", "GOGC=")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("child: %v", err)
	}
	r := parseChild(out)
	if r.prepared != 100 || r.hugeKB != 0 && thpMode() != "always" {
		t.Errorf("under an address-space limit: GC percent %d, %d kB in huge pages; want 100 and none", r.prepared, r.hugeKB)
	}
}

type childResult struct{ hugeKB, prepared, collected, fallbacks int }

// runChild runs the child and reads its report.
func runChild(t *testing.T, enable string, env ...string) childResult {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(append(os.Environ(), childEnv+"=1", DisableEnv+"="+enable), env...)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("child: %v", err)
	}
	return parseChild(out)
}

func parseChild(out []byte) childResult {
	r := childResult{prepared: -2, collected: -2}
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 2 {
			continue
		}
		n, _ := strconv.Atoi(f[1])
		switch f[0] {
		case "AnonHugePages:":
			r.hugeKB += n
		case "gcpercent-prepared:":
			r.prepared = n
		case "gcpercent-collected:":
			r.collected = n
		case "thp-fallbacks:":
			r.fallbacks = n
		}
	}
	return r
}

// TestPrepareSkipsUsedHeap: in a process that has already allocated more
// than a fresh one would, Prepare does nothing (it would have to zero the
// freed pages it reuses).
func TestPrepareSkipsUsedHeap(t *testing.T) {
	for range 40 {
		sink = append(sink, make([]byte, 1<<20))
	}
	sink = nil
	before := allocated()
	Prepare(64 << 20)
	if after := allocated(); after-before > 1<<20 {
		t.Errorf("Prepare allocated %d bytes in a used process", after-before)
	}
	if p := gcPercent(); p < 0 {
		t.Errorf("Prepare changed the GC pacing of a used process: %d", p)
	}
}
