package source

import "fmt"

// Error is a problem with an input file, with its location. The loader turns
// it into a finding; it is never a reason to stop auditing the rest.
type Error struct {
	Loc Location
	Msg string
	// Severe marks a diagnostic that makes Tauri itself fail although the
	// file could still be read (for example a byte-order mark).
	Severe bool
}

func (e *Error) Error() string {
	if e.Loc.Start.IsValid() {
		return fmt.Sprintf("%s:%d:%d: %s", e.Loc.File, e.Loc.Start.Line, e.Loc.Start.Col, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.Loc.File, e.Msg)
}

// errorAt builds an Error at byte offset off of f.
func errorAt(f *File, off int, format string, args ...any) *Error {
	loc := f.Span(off, off)
	return &Error{Loc: loc, Msg: fmt.Sprintf(format, args...)}
}
