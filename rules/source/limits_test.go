package source

import (
	"strings"
	"testing"
	"time"

	"github.com/tauriaudit/tauriaudit/internal/testenv"
)

// TestMaxValues: a small file of millions of tiny values is refused before
// parsing (it would take gigabytes as Nodes), in every format, with an
// error at the value past the limit.
func TestMaxValues(t *testing.T) {
	items := strings.Repeat("0,", MaxValues+10) + "0"
	for _, tc := range []struct {
		name  string
		data  string
		parse func(*File) (*Node, []*Error, error)
	}{
		{"x.json", "[" + items + "]", func(f *File) (*Node, []*Error, error) { return ParseJSON(f, true) }},
		{"x.json5", "[" + items + "]", ParseJSON5},
		{"x.toml", "a = [" + items + "]\n", ParseTOML},
		{"keys.toml", strings.Repeat("a = 0\n", MaxValues+10), ParseTOML},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cpu := testenv.StartCPU()
			_, _, err := tc.parse(NewFile(tc.name, []byte(tc.data)))
			if err == nil || !strings.Contains(err.Error(), "more than 1048576 values") {
				t.Fatalf("err = %v", err)
			}
			if d := cpu.Elapsed(); d > 5*time.Second {
				t.Errorf("took %v of CPU time", d)
			}
		})
	}
	small := "[" + strings.Repeat("0,", 1000) + "0]"
	if _, _, err := ParseJSON(NewFile("ok.json", []byte(small)), true); err != nil {
		t.Errorf("1001 values: %v", err)
	}
}
