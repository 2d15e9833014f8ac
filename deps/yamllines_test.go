package deps

import (
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/tauriaudit/tauriaudit/rules/source"
)

// breaksWorkflow is written with {B} for every line break.
const breaksWorkflow = "env: {W: '${{ github.event.pull_request.title }}'}{B}on: push{B}jobs:{B}  a:{B}" +
	"    env:{B}      T: ${{ github.event.issue.title }}{B}    steps:{B}" +
	"      - run: echo '${{ github.head_ref }}'{B}" +
	"      - run: |{B}          echo ok{B}          echo ${{ github.event.comment.body }}{B}"

// yaml.v3 also ends lines at a lone CR, NEL, LS and PS, and leaves a
// byte-order mark out of line 1's columns. Positions must still land on
// the bytes they name, with the file's own (LF) line and column; a fuzz
// input with a lone CR put them past the end of the file.
func TestYAMLPositionsWithEveryLineBreak(t *testing.T) {
	for _, c := range []struct {
		name, bom, br string
		blockExact    bool // the block's lines are the file's lines
	}{
		{"LF", "", "\n", true}, {"CRLF", "", "\r\n", true}, {"BOM LF", "\ufeff", "\n", true},
		{"CR", "", "\r", false}, {"NEL", "", "\u0085", false}, {"LS", "", "\u2028", false},
		{"PS", "", "\u2029", false}, {"BOM CR", "\ufeff", "\r", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := source.NewFile("w.yml", []byte(c.bom+strings.ReplaceAll(breaksWorkflow, "{B}", c.br)))
			w, err := ParseWorkflow(f)
			if err != nil {
				t.Fatal(err)
			}
			expectAt(t, f, w.Env[0].Exprs[0].Loc, "${{ github.event.pull_request.title }}")
			job := w.Jobs[0]
			expectAt(t, f, job.Env[0].ValueLoc, "${{ github.event.issue.title }}")
			expectAt(t, f, job.Env[0].Exprs[0].Loc, "${{ github.event.issue.title }}")
			expectAt(t, f, job.Steps[0].Run.Lines[0].Exprs[0].Loc, "${{ github.head_ref }}")
			var block []Expr
			for _, l := range job.Steps[1].Run.Lines {
				block = append(block, l.Exprs...)
			}
			if len(block) != 1 || block[0].Text != "github.event.comment.body" {
				t.Fatalf("block run expressions %+v, want the comment body's", block)
			}
			if c.blockExact {
				expectAt(t, f, block[0].Loc, "${{ github.event.comment.body }}")
			} else {
				expectAt(t, f, block[0].Loc, "|") // at the block
			}
		})
	}
}

// yaml.v3 reads UTF-16 with a byte-order mark. Its positions are not
// the file's bytes, so they are all the file's start; the block's
// expression is still read.
func TestYAMLPositionsInUTF16(t *testing.T) {
	text := strings.ReplaceAll(breaksWorkflow, "{B}", "\n")
	data := []byte{0xff, 0xfe}
	for _, u := range utf16.Encode([]rune(text)) {
		data = append(data, byte(u), byte(u>>8))
	}
	f := source.NewFile("w.yml", data)
	w, err := ParseWorkflow(f)
	if err != nil {
		t.Fatal(err)
	}
	var exprs []Expr
	for _, s := range w.Jobs[0].Steps {
		for _, l := range s.Run.Lines {
			exprs = append(exprs, l.Exprs...)
		}
	}
	if len(exprs) != 2 || exprs[1].Text != "github.event.comment.body" {
		t.Fatalf("run expressions %+v, want the head ref's and the comment body's", exprs)
	}
	for _, e := range append(exprs, w.Jobs[0].Env[0].Exprs...) {
		if e.Loc.Start != f.Pos(0) {
			t.Errorf("%s at %+v, want the file's start", e.Text, e.Loc.Start)
		}
	}
}

// An expression is positioned inside its value only where the value
// stands verbatim in the file; else it is at the value's start.
func TestExprPositionsOnlyWhereVerbatim(t *testing.T) {
	f := file("w.yml", `
on: push
jobs:
  a:
    env:
      A: echo x
        ${{ github.event.issue.title }}
      B: 'it''s ${{ github.head_ref }}'
      C: 'plain ${{ github.actor }}'
    steps:
      - run: 'a''b ${{ github.event.comment.body }}'
`)
	w, err := ParseWorkflow(f)
	if err != nil {
		t.Fatal(err)
	}
	env := w.Jobs[0].Env
	expectAt(t, f, env[0].Exprs[0].Loc, "echo x") // folded over two lines
	expectAt(t, f, env[1].Exprs[0].Loc, "it''s")  // an escaped quote before it
	expectAt(t, f, env[2].Exprs[0].Loc, "${{ github.actor }}")
	expectAt(t, f, w.Jobs[0].Steps[0].Run.Lines[0].Exprs[0].Loc, "a''b")
}

// expectAt checks that l starts where want stands in f, with f's own
// line and column.
func expectAt(t *testing.T, f *source.File, l source.Location, want string) {
	t.Helper()
	off := l.Start.Offset
	if off < 0 || off > len(f.Data) || !strings.HasPrefix(string(f.Data[off:]), want) {
		t.Errorf("location %+v does not start at %q", l.Start, want)
		return
	}
	if p := f.Pos(off); p != l.Start {
		t.Errorf("%q at %+v: the file's own position is %+v", want, l.Start, p)
	}
}

// yamlLines reads the file's own line index where yaml.v3's lines are the
// file's, and its own table otherwise; both give every line's start as a
// scan of yaml.v3's line breaks does.
func TestYAMLLinesAgreeWithBreakScan(t *testing.T) {
	for _, data := range []string{"", "a", "a\n", "a\nb", "a\r\nb\r\n", "\ufeffa\nb", "\ufeffa\rb", "a\rb", "a\r",
		"a\r\n\rb", "a\u0085b\nc", "a\u2028b", "a\u2029b\r\nc", "\r\n\r\n", "\xc2", "\xe2\x80", "é\n\u00e9"} {
		want := []int{0}
		i := 0
		if strings.HasPrefix(data, "\ufeff") {
			want[0], i = 3, 3
		}
		for i < len(data) {
			if w := yamlBreak([]byte(data), i); w > 0 {
				i += w
				want = append(want, i)
				continue
			}
			i++
		}
		l := newYAMLLines(source.NewFile("a.yml", []byte(data)))
		if l.count() != len(want) {
			t.Errorf("%q: %d lines, want %d", data, l.count(), len(want))
			continue
		}
		for n := 1; n <= len(want); n++ {
			if got := l.start(n); got != want[n-1] {
				t.Errorf("%q: line %d starts at %d, want %d", data, n, got, want[n-1])
			}
		}
	}
}
