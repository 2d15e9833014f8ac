package rules

import (
	"io"
	"io/fs"
)

// ReadHead returns up to n bytes from the start of the regular file rel
// (root-relative), without keeping them: for rules that sniff many files
// (magic numbers, key markers) where Read would hold every file in
// memory. Files Read would refuse (absent from the walk, not regular,
// outside the root) give nil, and no problem is recorded: a rule that
// needs the whole file calls Read, which reports why.
func (p *Project) ReadHead(rel string, n int) []byte {
	t := p.tree
	if n <= 0 || !t.exists(rel) {
		return nil
	}
	if f := t.files.File(rel); f != nil {
		return f.Data[:min(n, len(f.Data))]
	}
	// Stat first: opening a FIFO would block until a writer appears.
	info, err := fs.Stat(t.fsys, rel)
	if err != nil || !info.Mode().IsRegular() {
		return nil
	}
	f, err := t.fsys.Open(rel)
	if err != nil {
		return nil
	}
	defer f.Close()
	data, _ := io.ReadAll(io.LimitReader(f, int64(n)))
	return data
}

// ReadLarge returns the whole regular file rel (root-relative), up to max
// bytes, past the scan's size cap and without keeping it: for binaries
// (sidecars) a rule inspects once. Like ReadHead it gives nil, and
// records nothing, for files Read would refuse.
func (p *Project) ReadLarge(rel string, max int64) []byte {
	t := p.tree
	if max <= 0 || !t.exists(rel) {
		return nil
	}
	if f := t.files.File(rel); f != nil {
		return f.Data
	}
	info, err := fs.Stat(t.fsys, rel)
	if err != nil || !info.Mode().IsRegular() {
		return nil
	}
	f, err := t.fsys.Open(rel)
	if err != nil {
		return nil
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, max))
	if err != nil {
		return nil
	}
	return data
}
