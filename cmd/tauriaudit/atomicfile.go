package main

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"time"
)

// writeFileAtomic writes a report file whole: into a temporary file in
// the same directory, synced to disk, then renamed over the old one. A
// run killed at any point (even by SIGKILL) leaves either the old file or
// the complete new one, never half a report. A symlink is followed, so the
// file it names is replaced and the link stays. Anything else that already
// exists there (a device such as /dev/null, a FIFO) is written in place:
// renaming over it would replace it.
func writeFileAtomic(path string, render func(io.Writer) error) error {
	target := path
	if resolved, err := filepath.EvalSymlinks(path); err == nil {
		target = resolved
	}
	mode, keep := fs.FileMode(0o666), false // a new file: 0666 less the umask, as os.Create
	switch fi, err := os.Stat(target); {
	case err == nil && !fi.Mode().IsRegular():
		return writeInPlace(target, render)
	case err == nil:
		mode, keep = fi.Mode().Perm(), true
	}
	tmp, err := createTemp(filepath.Dir(target), mode)
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // fails harmlessly once renamed
	if err := render(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if keep {
		// An existing file keeps its permissions, whatever the umask.
		if err := os.Chmod(tmp.Name(), mode); err != nil {
			return err
		}
	}
	if err := os.Rename(tmp.Name(), target); err != nil {
		return err
	}
	syncDir(filepath.Dir(target))
	return nil
}

func writeInPlace(path string, render func(io.Writer) error) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_TRUNC, 0)
	if err != nil {
		return err
	}
	if err := render(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// createTemp is os.CreateTemp with the given mode (less the umask)
// instead of 0600, so a new report is as readable as os.Create makes it.
func createTemp(dir string, mode fs.FileMode) (*os.File, error) {
	seed := time.Now().UnixNano() + int64(os.Getpid())<<20
	for i := range 100 {
		name := filepath.Join(dir, ".tauriaudit-"+strconv.FormatInt(seed+int64(i), 36)+".tmp")
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, mode)
		if !errors.Is(err, fs.ErrExist) {
			return f, err
		}
	}
	return os.CreateTemp(dir, ".tauriaudit-*.tmp")
}

// syncDir makes a rename in dir durable where the system allows it; a
// directory that cannot be synced (Windows) costs only durability.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}
