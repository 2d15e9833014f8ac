package release

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"

	"aead.dev/minisign"
	"github.com/tauriaudit/tauriaudit/signing"
)

// maxChecksumsSize bounds what is read as a checksums or signature file.
const maxChecksumsSize = 1 << 20

// FileStatus is the outcome for one listed asset.
type FileStatus int

// The outcomes.
const (
	FileOK       FileStatus = iota
	FileMismatch            // present, different SHA-256
	FileMissing             // listed but not in the directory
	FileUnusable            // not a regular file, or unreadable
)

// FileResult is one listed asset's outcome.
type FileResult struct {
	Name   string
	Status FileStatus
	Detail string
}

// Verification is the outcome of VerifyDir.
type Verification struct {
	Checksums string // the checksums file's name
	KeyID     string // the signature's key id
	Files     []FileResult
}

// Verified counts the assets whose hash matched.
func (v Verification) Verified() int {
	n := 0
	for _, f := range v.Files {
		if f.Status == FileOK {
			n++
		}
	}
	return n
}

// ErrUsage marks problems with how VerifyDir was called (no or several
// checksums files) rather than with what it checked.
var ErrUsage = errors.New("usage")

// ErrBadSignature is returned when the checksums file's signature does
// not verify with the key.
var ErrBadSignature = errors.New("bad signature")

// FindChecksums picks the one *_checksums.txt file in dir.
func FindChecksums(dir string) (string, error) {
	m, err := filepath.Glob(filepath.Join(dir, "tauriaudit_*_checksums.txt"))
	if err != nil {
		return "", err
	}
	switch len(m) {
	case 0:
		return "", fmt.Errorf("%w: no tauriaudit_<version>_checksums.txt in %s", ErrUsage, dir)
	case 1:
		return filepath.Base(m[0]), nil
	}
	sort.Strings(m)
	return "", fmt.Errorf("%w: several checksums files in %s; name one with --checksums", ErrUsage, dir)
}

// VerifyDir checks the minisign signature of dir/checksums (its
// .minisig beside it) with key, then the SHA-256 of every listed file
// present in dir. Symlinks and other non-regular files are not followed.
// A nil error with a FileMismatch or FileUnusable entry is still a
// failed verification; see Verification.OK.
func VerifyDir(dir, checksums string, key minisign.PublicKey) (Verification, error) {
	v := Verification{Checksums: checksums}
	data, err := readRegular(filepath.Join(dir, checksums))
	if err != nil {
		return v, fmt.Errorf("%w: %v", ErrUsage, err)
	}
	sig, err := readRegular(filepath.Join(dir, checksums+".minisig"))
	if err != nil {
		return v, fmt.Errorf("%w: %v", ErrUsage, err)
	}
	res, err := signing.VerifyMinisig(key, sig, bytes.NewReader(data))
	if err != nil {
		return v, err
	}
	v.KeyID = res.KeyID
	switch {
	case res.Malformed != "":
		return v, fmt.Errorf("%w: %s.minisig: %s", ErrBadSignature, checksums, res.Malformed)
	case res.WrongKey:
		return v, fmt.Errorf("%w: %s.minisig was made by key %s, not by the given key %016X", ErrBadSignature, checksums, res.KeyID, key.ID())
	case !res.OK:
		return v, fmt.Errorf("%w: %s.minisig does not match %s", ErrBadSignature, checksums, checksums)
	}
	sums, err := ParseChecksums(data)
	if err != nil {
		return v, fmt.Errorf("%w: %s: %v", ErrBadSignature, checksums, err)
	}
	for _, s := range sums {
		v.Files = append(v.Files, checkFile(dir, s))
	}
	return v, nil
}

// OK reports whether every present listed file matched and at least one
// did; missing files are allowed unless all is set.
func (v Verification) OK(all bool) bool {
	for _, f := range v.Files {
		if f.Status == FileMismatch || f.Status == FileUnusable || (all && f.Status == FileMissing) {
			return false
		}
	}
	return v.Verified() > 0
}

func checkFile(dir string, s Sum) FileResult {
	p := filepath.Join(dir, s.Name)
	fi, err := os.Lstat(p)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return FileResult{Name: s.Name, Status: FileMissing, Detail: "not downloaded"}
	case err != nil:
		return FileResult{Name: s.Name, Status: FileUnusable, Detail: err.Error()}
	case !fi.Mode().IsRegular():
		return FileResult{Name: s.Name, Status: FileUnusable, Detail: "not a regular file"}
	}
	got, err := FileSHA256(p)
	if err != nil {
		return FileResult{Name: s.Name, Status: FileUnusable, Detail: err.Error()}
	}
	if got != s.Hex {
		return FileResult{Name: s.Name, Status: FileMismatch, Detail: "sha256 " + got + ", listed " + s.Hex}
	}
	return FileResult{Name: s.Name, Status: FileOK}
}

func readRegular(p string) ([]byte, error) {
	fi, err := os.Lstat(p)
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file", filepath.Base(p))
	}
	if fi.Size() > maxChecksumsSize {
		return nil, fmt.Errorf("%s is larger than %d bytes", filepath.Base(p), maxChecksumsSize)
	}
	b, err := os.ReadFile(p)
	if err != nil {
		return nil, err
	}
	return b, nil
}

// String is the word printed for a status.
func (s FileStatus) String() string {
	return [...]string{"ok", "MISMATCH", "missing", "UNUSABLE"}[s]
}
