package signing

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
)

// errNotRegular refuses git metadata that is not a regular file.
var errNotRegular = errors.New("not a regular file")

// openRegular opens p for reading when it is a regular file. A scanned
// repository's .git is untrusted input like the rest of the tree: opening
// a FIFO there would block the scan for good, and a device would read
// without end. The open itself does not block (O_NONBLOCK where the
// system has it); the check is on the opened file, so nothing can swap the
// file in between.
func openRegular(p string) (*os.File, error) {
	f, err := os.OpenFile(p, os.O_RDONLY|oNonblock, 0)
	if err != nil {
		return nil, err
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		f.Close()
		return nil, &fs.PathError{Op: "open", Path: p, Err: errNotRegular}
	}
	return f, nil
}

// readRegular is os.ReadFile for regular files only (see openRegular).
func readRegular(p string) ([]byte, error) {
	f, err := openRegular(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	// Sized from the file, as os.ReadFile is: a pack index is megabytes,
	// and io.ReadAll's doublings copied and cleared it a dozen times.
	size := 0
	if info, err := f.Stat(); err == nil && info.Size() < 1<<32 {
		size = int(info.Size())
	}
	buf := bytes.NewBuffer(make([]byte, 0, size+bytes.MinRead))
	_, err = buf.ReadFrom(f)
	return buf.Bytes(), err
}

// maxMeta bounds the small files of a git directory read whole (HEAD,
// loose refs, alternates, commondir, shallow, a gitfile).
const maxMeta = 16 << 20

// readMeta is readRegular for those small files: a bigger one is an
// error, not gigabytes in memory.
func readMeta(p string) ([]byte, error) {
	f, err := openRegular(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxMeta+1))
	if err == nil && len(b) > maxMeta {
		err = &fs.PathError{Op: "read", Path: p, Err: errors.New("larger than 16 MiB")}
	}
	return b, err
}
