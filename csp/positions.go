package csp

import "github.com/tauriaudit/tauriaudit/rules/source"

// positions turns byte offsets into locations. File.Pos counts columns
// from the start of the line each time, which is quadratic for thousands
// of tokens on one long (minified) line; tokens come in file order, so
// the cursor walks forward from the last offset instead.
type positions struct {
	file *source.File
	pos  source.Pos
}

// at returns the position of off in f. It expects valid UTF-8 (the
// parsers reject anything else) and increasing offsets; any other call is
// answered by File.Pos and restarts the cursor.
func (c *positions) at(f *source.File, off int) source.Pos {
	if c.file != f || off < c.pos.Offset || !c.pos.IsValid() || off > len(f.Data) {
		c.file, c.pos = f, f.Pos(off)
		return c.pos
	}
	for _, b := range f.Data[c.pos.Offset:off] {
		switch {
		case b == '\n':
			c.pos.Line, c.pos.Col = c.pos.Line+1, 1
		case b&0xC0 != 0x80: // not a UTF-8 continuation byte: a new code point
			c.pos.Col++
		}
	}
	c.pos.Offset = off
	return c.pos
}

// span locates bytes [start, end) of f, with pointer ptr.
func (c *positions) span(f *source.File, start, end int, ptr string) source.Location {
	if f == nil {
		return source.Location{Pointer: ptr}
	}
	loc := source.Location{File: f.Path, Pointer: ptr}
	loc.Start = c.at(f, start)
	loc.End = c.at(f, end)
	return loc
}
