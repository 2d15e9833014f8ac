package rules

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"
)

// ArtifactSet is the --artifacts folder: its regular files, listed once,
// opened through an os.Root so nothing leads outside it.
type ArtifactSet struct {
	root  *os.Root
	files []string // slash paths relative to the folder, sorted
}

// maxArtifactFiles bounds the files listed under --artifacts.
const maxArtifactFiles = 100_000

// MaxArtifactRead is the most ReadFile returns: installers can be large.
const MaxArtifactRead = 1 << 30

func openArtifacts(dir string) (*ArtifactSet, error) {
	root, err := openDirRoot(dir)
	if err != nil {
		return nil, err
	}
	a := &ArtifactSet{root: root}
	err = fs.WalkDir(root.FS(), ".", func(p string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return err // a folder that cannot be listed: the set would be partial
		case len(a.files) >= maxArtifactFiles:
			return fmt.Errorf("more than %d files", maxArtifactFiles)
		case d.Type().IsRegular():
			a.files = append(a.files, p)
		}
		return nil
	})
	if err != nil {
		root.Close()
		return nil, cleanPathErr(err)
	}
	slices.Sort(a.files)
	return a, nil
}

// Files lists the regular files, slash-relative and sorted; nil for a nil
// set.
func (a *ArtifactSet) Files() []string {
	if a == nil {
		return nil
	}
	return a.files
}

// Open opens one listed file for reading (and seeking). Names that were
// not listed as regular files are not opened: a FIFO would block.
func (a *ArtifactSet) Open(rel string) (*os.File, error) {
	if _, ok := slices.BinarySearch(a.Files(), rel); !ok {
		return nil, &fs.PathError{Op: "open", Path: rel, Err: fs.ErrNotExist}
	}
	return a.root.Open(rel)
}

// ReadFile reads one file whole, up to MaxArtifactRead bytes.
func (a *ArtifactSet) ReadFile(rel string) ([]byte, error) {
	f, err := a.Open(rel)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, MaxArtifactRead))
}
