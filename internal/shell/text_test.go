package shell

import (
	"testing"

	"github.com/tauriaudit/tauriaudit/rules/source"
)

func TestTextSpans(t *testing.T) {
	data := "{\"script\": \"npm run build && curl x\"}\n"
	f := source.NewFile("package.json", []byte(data))
	files := &source.FileSet{}
	files.Add(f)
	quoted := f.Span(11, 36) // the string value, quotes included
	quoted.Pointer = "/script"

	c := NewText(files, "npm run build && curl x", quoted)
	if got := c.Span(17, 23); got.Start.Offset != 29 || got.End.Offset != 35 || got.Pointer != "/script" {
		t.Errorf("verbatim span = %+v", got)
	}
	if got := c.Span(17, 99); got != quoted {
		t.Errorf("out-of-range span = %+v, want the whole value", got)
	}
	unknown := NewText(files, "npm run dev", quoted) // not in the file: the whole value
	if got := unknown.Span(0, 3); got != quoted {
		t.Errorf("non-verbatim span = %+v, want the whole value", got)
	}
	if got := NewText(nil, "x", quoted).Span(0, 1); got != quoted {
		t.Errorf("no file set: %+v", got)
	}
}

func TestLogicalLines(t *testing.T) {
	data := "cargo build \\\n  --release\nnpm ci `\n  --x\necho done\n"
	f := source.NewFile("run.sh", []byte(data))
	var lines []Text
	off := 0
	for _, l := range []string{"cargo build \\", "  --release", "npm ci `", "  --x", "echo done"} {
		lines = append(lines, FileLine(f, off, l))
		off += len(l) + 1
	}
	got := LogicalLines(lines)
	want := []string{"cargo build  --release", "npm ci  --x", "echo done"} // the space before the mark stays
	if len(got) != len(want) {
		t.Fatalf("LogicalLines = %d lines, want %d", len(got), len(want))
	}
	for i := range want {
		if got[i].Text != want[i] {
			t.Errorf("line %d = %q, want %q", i, got[i].Text, want[i])
		}
	}
	// The first physical line keeps exact positions; the joined part does not.
	if loc := got[0].Span(0, 5); loc.Start.Offset != 0 || loc.End.Offset != 5 {
		t.Errorf("exact span = %+v", loc)
	}
	if loc := got[0].Span(12, 21); loc.Start.Offset != 0 || loc.End.Offset != len("cargo build \\") {
		t.Errorf("joined span = %+v, want the first line", loc)
	}
	if loc := got[2].Span(5, 9); loc.Start.Line != 5 || loc.Start.Col != 6 {
		t.Errorf("third line span = %+v", loc)
	}
}
