package deps

import (
	"fmt"

	"github.com/tauriaudit/tauriaudit/rules/source"
)

// errAt returns a positioned Error at byte offset off of f.
func errAt(f *source.File, off int, format string, args ...any) *source.Error {
	return &source.Error{Loc: f.Span(off, off), Msg: fmt.Sprintf(format, args...)}
}

// errLoc returns an Error at loc.
func errLoc(loc source.Location, format string, args ...any) *source.Error {
	return &source.Error{Loc: loc, Msg: fmt.Sprintf(format, args...)}
}

// nodeErr returns an Error at node n, or at the start of f when n is nil.
func nodeErr(f *source.File, n *source.Node, format string, args ...any) *source.Error {
	if n == nil {
		return errAt(f, 0, format, args...)
	}
	return errLoc(n.Location(), format, args...)
}

// MaxLockfileBytes bounds every lockfile and manifest this package
// parses; larger inputs are refused with a positioned error instead of
// exhausting memory.
const MaxLockfileBytes = 64 << 20

// checkSize refuses files above limit.
func checkSize(f *source.File, limit int) error {
	if f == nil {
		return fmt.Errorf("nil file")
	}
	if len(f.Data) > limit {
		return errAt(f, 0, "file is %d bytes, more than the %d-byte limit", len(f.Data), limit)
	}
	return nil
}
