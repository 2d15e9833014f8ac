package shell

import (
	"strings"

	"github.com/tauriaudit/tauriaudit/rules/source"
)

// Text is a piece of shell text (a workflow run line, an npm script, a
// beforeBuildCommand) with where it came from, so findings can point at
// the exact command inside it.
type Text struct {
	Text string
	file *source.File
	base int             // byte offset of Text[0] in file; -1 when Text is not a verbatim copy
	n    int             // how many leading bytes of Text are verbatim
	loc  source.Location // the whole value, used when a span is not verbatim
}

// NewText ties text to loc, checking whether the file of loc (looked up
// in files) holds text verbatim there or one byte later, after an
// opening quote. Spans are exact only then.
func NewText(files *source.FileSet, text string, loc source.Location) Text {
	c := Text{Text: text, loc: loc, base: -1}
	c.file = files.File(loc.File)
	if c.file == nil || !loc.Start.IsValid() {
		return c
	}
	for _, off := range []int{loc.Start.Offset, loc.Start.Offset + 1} {
		if off >= 0 && off+len(text) <= len(c.file.Data) && string(c.file.Data[off:off+len(text)]) == text {
			c.base, c.n = off, len(text)
			break
		}
	}
	return c
}

// FileLine is the verbatim line text at byte offset off of a script file.
func FileLine(f *source.File, off int, text string) Text {
	return Text{Text: text, file: f, base: off, n: len(text), loc: f.Span(off, off+len(text))}
}

// Span locates bytes [i, j) of the text, or the whole value when the
// text is not a verbatim copy of the file.
func (c Text) Span(i, j int) source.Location {
	if c.file == nil || c.base < 0 || i < 0 || j > c.n || i > j {
		return c.loc
	}
	loc := c.file.Span(c.base+i, c.base+j)
	loc.Pointer = c.loc.Pointer
	return loc
}

// LogicalLines joins lines ending in a backslash (POSIX) or backtick
// (PowerShell) with the next one. A joined line keeps its first line's
// position; commands on later physical lines point at the whole line.
func LogicalLines(lines []Text) []Text {
	var out []Text
	for i := 0; i < len(lines); i++ {
		c := lines[i]
		for continued(c.Text) && i+1 < len(lines) {
			i++
			t := strings.TrimRight(c.Text, " \t")
			t = t[:len(t)-1]
			c.n = min(c.n, len(t)) // positions stay exact on the first physical line only
			c.Text = t + " " + strings.TrimSpace(lines[i].Text)
		}
		out = append(out, c)
	}
	return out
}

func continued(s string) bool {
	s = strings.TrimRight(s, " \t")
	return strings.HasSuffix(s, "\\") || strings.HasSuffix(s, "`")
}
