package hugeheap

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
)

// childEnv makes the test binary act as a fresh process that reserves
// (or not) and then touches 16 MB of small objects.
const childEnv = "HUGEHEAP_TEST_CHILD"

var sink [][]byte

func TestMain(m *testing.M) {
	if os.Getenv(childEnv) != "" {
		Reserve(64 << 20)
		for range 2000 {
			b := make([]byte, 8000)
			for i := range b {
				b[i] = 1
			}
			sink = append(sink, b)
		}
		smaps, _ := os.ReadFile("/proc/self/smaps")
		os.Stdout.Write(smaps)
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// TestReserveGivesHugePages: in a fresh process where the kernel offers
// transparent huge pages on request, the heap a scan fills is backed by
// them; with TAURIAUDIT_HUGEPAGES=0 it is not (unless the kernel gives
// them to every process anyway).
func TestReserveGivesHugePages(t *testing.T) {
	mode, err := os.ReadFile("/sys/kernel/mm/transparent_hugepage/enabled")
	if err != nil || strings.Contains(string(mode), "[never]") {
		t.Skip("the kernel offers no transparent huge pages")
	}
	if got := childHugeKB(t, "1"); got < 4<<10 {
		t.Errorf("reserved heap: %d kB in huge pages, want at least 4096 kB", got)
	}
	if strings.Contains(string(mode), "[madvise]") {
		if got := childHugeKB(t, "0"); got != 0 {
			t.Errorf("%s=0: %d kB in huge pages, want none", DisableEnv, got)
		}
	}
}

// childHugeKB runs the child and sums AnonHugePages over its mappings.
func childHugeKB(t *testing.T, enable string) int {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childEnv+"=1", DisableEnv+"="+enable)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("child: %v", err)
	}
	total := 0
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		if f := strings.Fields(sc.Text()); len(f) == 3 && f[0] == "AnonHugePages:" {
			n, _ := strconv.Atoi(f[1])
			total += n
		}
	}
	return total
}

// TestReserveSkipsUsedHeap: in a process that has already allocated more
// than a fresh one would, Reserve does nothing (it would have to zero the
// freed pages it reuses).
func TestReserveSkipsUsedHeap(t *testing.T) {
	for range 40 {
		sink = append(sink, make([]byte, 1<<20))
	}
	sink = nil
	before := allocated()
	Reserve(64 << 20)
	if after := allocated(); after-before > 1<<20 {
		t.Errorf("Reserve allocated %d bytes in a used process", after-before)
	}
}
