package source

import (
	"math/rand"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/tauriaudit/tauriaudit/internal/testenv"
)

// TestPosColumns: columns from the rune index equal a direct count at
// every offset (also inside a code point), on long lines with multi-byte
// code points and on invalid UTF-8.
func TestPosColumns(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	pieces := []string{"a", "é", "€", "😀", "\n", "\t", " ", `"`}
	var b strings.Builder
	for b.Len() < 20_000 {
		if rng.Intn(2000) == 0 {
			b.WriteString("\n")
		}
		b.WriteString(pieces[rng.Intn(len(pieces)-1)])
	}
	valid := []byte(b.String())
	invalid := append([]byte(nil), valid...)
	for i := 7; i < len(invalid); i += 1013 {
		invalid[i] = []byte{0xff, 0x80, 0xc3, 0xe2}[i%4] // stray, lone continuation, cut sequences
	}
	for _, data := range [][]byte{valid, append(valid, 0xff, 'x'), invalid} {
		f := NewFile("x", data)
		for off := 0; off <= len(data); off++ {
			got := f.Pos(off)
			start := strings.LastIndexByte(string(data[:off]), '\n') + 1
			if want := utf8.RuneCount(data[start:off]) + 1; got.Col != want {
				t.Fatalf("offset %d: column %d, want %d", off, got.Col, want)
			}
		}
	}
}

// TestPosLongLineLinear: a one-line file with a finding on every value
// (a hostile capability file) must not make positions quadratic.
func TestPosLongLineLinear(t *testing.T) {
	data := []byte(strings.Repeat("é,", 1<<20))
	data[12345] = 0xff // invalid UTF-8 too
	f := NewFile("x", data)
	cpu := testenv.StartCPU()
	for off := 0; off < len(data); off += 31 {
		f.Pos(off)
	}
	if d := cpu.Elapsed(); d > 10*time.Second {
		t.Errorf("%d positions on one line took %v of CPU time", len(data)/31, d)
	}
	if got := f.Pos(len(data)).Col; got != 2*(1<<20)+2 { // the 0xff split one é in two
		t.Errorf("last column %d", got)
	}
}

func TestLineStart(t *testing.T) {
	f := NewFile("x", []byte("ab\ncd\n\nef"))
	for n, want := range map[int]int{0: 0, 1: 0, 2: 3, 3: 6, 4: 7, 5: 7, 99: 7} {
		if got := f.LineStart(n); got != want {
			t.Errorf("LineStart(%d) = %d, want %d", n, got, want)
		}
	}
}

// TestPosMatchesRuneCount checks Pos against a direct count on ASCII
// files (where columns are byte distances) and on mixed ones, short and
// past the rune-mark step.
func TestPosMatchesRuneCount(t *testing.T) {
	for _, data := range []string{
		"", "a", "ab\ncd\n", strings.Repeat("x", 3000) + "\n" + strings.Repeat("yz", 900),
		"é\nà b", strings.Repeat("aé\n", 700) + strings.Repeat("ü", 1500) + "\nend",
		"\xff\xfe\nab", strings.Repeat("a", 1500) + "\xe2\x80" + strings.Repeat("b", 1500),
	} {
		f := NewFile("x", []byte(data))
		for off := 0; off <= len(data); off += 1 + off%7 {
			lineStart := strings.LastIndexByte(data[:off], '\n') + 1
			want := Pos{Line: strings.Count(data[:off], "\n") + 1, Col: utf8.RuneCountInString(data[lineStart:off]) + 1, Offset: off}
			if got := f.Pos(off); got != want {
				t.Fatalf("%.20q… offset %d: got %+v, want %+v", data, off, got, want)
			}
		}
	}
}
