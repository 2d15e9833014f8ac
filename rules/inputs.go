package rules

import (
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/tauriaudit/tauriaudit/deps"
	"github.com/tauriaudit/tauriaudit/signing"
	"github.com/tauriaudit/tauriaudit/signing/cosign"
	"github.com/tauriaudit/tauriaudit/signing/keyless"
)

// Inputs are the files and folders the path settings name, each opened
// and parsed once before any rule runs, so rules never touch the disk and
// a typo in a path fails the scan instead of silently turning a check off.
// A nil field means the setting was not given.
type Inputs struct {
	Artifacts     *ArtifactSet      // --artifacts
	OSV           []*deps.OSVRecord // --osv-db
	Trust         *signing.Trust    // --trusted-keys, --allowed-signers, --x509-roots, --sigstore-trusted-root, --certificate-*
	CodesignRoots *x509.CertPool    // --codesign-roots
	CosignKey     *cosign.Verifier  // --cosign-key
	Repo          *signing.Repo     // the repository holding the root, when history is read
}

// An InputError is a path setting or git history input that cannot be
// used. The command line exits 2 with its one-line message.
type InputError struct {
	Flag string // the command-line flag, e.g. "--osv-db"
	Path string // what it named ("" when the flag takes no path)
	Err  error
}

func (e *InputError) Error() string {
	if e.Path == "" {
		return fmt.Sprintf("%s: %v", e.Flag, e.Err)
	}
	return fmt.Sprintf("%s %s: %v", e.Flag, e.Path, e.Err)
}

func (e *InputError) Unwrap() error { return e.Err }

// maxInputFile bounds a file named by a flag (a key, keyring, roots,
// settings or baseline file).
const maxInputFile = 64 << 20

// openInputs reads every path setting of s.
func openInputs(s *Settings) (*Inputs, error) {
	in := &Inputs{}
	var err error
	if s.Artifacts != "" {
		if in.Artifacts, err = openArtifacts(s.Artifacts); err != nil {
			return nil, &InputError{"--artifacts", s.Artifacts, err}
		}
	}
	if s.OSVDB != "" {
		if in.OSV, err = readOSVDB(s.OSVDB); err != nil {
			in.Close()
			return nil, &InputError{"--osv-db", s.OSVDB, err}
		}
	}
	if in.Trust, err = readTrust(s); err != nil {
		in.Close()
		return nil, err
	}
	if err := in.readKeys(s); err != nil {
		in.Close()
		return nil, err
	}
	return in, nil
}

// readKeys reads --codesign-roots and --cosign-key.
func (in *Inputs) readKeys(s *Settings) error {
	if s.CodesignRoots != "" {
		b, err := readInputFile(s.CodesignRoots)
		t := &signing.Trust{}
		if err == nil {
			err = t.AddX509PEM(b)
		}
		if err != nil {
			return &InputError{"--codesign-roots", s.CodesignRoots, err}
		}
		in.CodesignRoots = t.X509
	}
	if s.CosignKey != "" {
		b, err := readInputFile(s.CosignKey)
		if err == nil {
			in.CosignKey, err = cosign.ParseKey(b)
		}
		if err != nil {
			return &InputError{"--cosign-key", s.CosignKey, err}
		}
	}
	return nil
}

// readTrust reads the commit-signature trust files. Without any, the
// trust is empty: signatures verify but no signer is trusted.
func readTrust(s *Settings) (*signing.Trust, error) {
	files := []struct {
		flag, path, part string
		dst              *[]byte
	}{
		{"--trusted-keys", s.TrustedKeys, "keyring", nil},
		{"--allowed-signers", s.AllowedSigners, "allowed-signers", nil},
		{"--x509-roots", s.X509Roots, "x509-roots", nil},
		{"--sigstore-trusted-root", s.SigstoreTrustedRoot, "sigstore-trusted-root", nil},
	}
	var m signing.TrustFiles
	files[0].dst, files[1].dst, files[2].dst, files[3].dst = &m.Keyring, &m.AllowedSigners, &m.X509Roots, &m.SigstoreRoot
	var err error
	if m.Identity, err = identityPolicy(s); err != nil {
		return nil, err
	}
	for _, f := range files {
		if f.path == "" {
			continue
		}
		b, err := readInputFile(f.path)
		if err != nil {
			return nil, &InputError{f.flag, f.path, err}
		}
		*f.dst = b
	}
	t, err := signing.ParseTrust(m)
	var te *signing.TrustFileError
	if errors.As(err, &te) {
		for _, f := range files {
			if f.part == te.File {
				return nil, &InputError{f.flag, f.path, te.Err}
			}
		}
	}
	return t, err
}

// identityPolicy compiles the --certificate-* flags; a bad regexp is an
// InputError naming the flag and the value.
func identityPolicy(s *Settings) (*keyless.Policy, error) {
	p, err := keyless.NewPolicy(s.CertIdentity, s.CertIdentityRegexp, s.CertOIDCIssuer, s.CertOIDCIssuerRegexp)
	var pe *keyless.PolicyError
	if errors.As(err, &pe) {
		return nil, &InputError{pe.Flag, pe.Value, pe.Err}
	}
	return p, err
}

// ReadFlagFile reads the regular file a command-line flag names; any
// problem is an *InputError naming both.
func ReadFlagFile(flag, path string) ([]byte, error) {
	b, err := readInputFile(path)
	if err != nil {
		return nil, &InputError{flag, path, err}
	}
	return b, nil
}

// readInputFile reads a small regular file named on the command line.
// Opening anything else (a FIFO would block, a directory is a typo) is
// refused.
func readInputFile(p string) ([]byte, error) {
	// Stat before opening: opening a FIFO blocks until a writer comes.
	fi, err := os.Stat(p)
	switch {
	case err != nil:
		return nil, cleanPathErr(err)
	case fi.IsDir():
		return nil, errors.New("is a directory, not a file")
	case !fi.Mode().IsRegular():
		return nil, errors.New("not a regular file")
	case fi.Size() > maxInputFile:
		return nil, fmt.Errorf("file is %d bytes, over the %d-byte limit", fi.Size(), maxInputFile)
	}
	f, err := os.Open(p)
	if err != nil {
		return nil, cleanPathErr(err)
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxInputFile))
	if err != nil {
		return nil, cleanPathErr(err)
	}
	return b, nil
}

// readOSVDB reads an offline OSV export through an os.Root, so its
// symlinks cannot lead elsewhere.
func readOSVDB(dir string) ([]*deps.OSVRecord, error) {
	root, err := openDirRoot(dir)
	if err != nil {
		return nil, err
	}
	defer root.Close()
	return deps.ReadOSVDB(root.FS(), DefaultLimits.MaxFileSize)
}

// openDirRoot opens a folder named on the command line.
func openDirRoot(dir string) (*os.Root, error) {
	fi, err := os.Stat(dir)
	switch {
	case err != nil:
		return nil, cleanPathErr(err)
	case !fi.IsDir():
		return nil, errors.New("not a directory")
	}
	r, err := os.OpenRoot(dir)
	if err != nil {
		return nil, cleanPathErr(err)
	}
	return r, nil
}

// cleanPathErr drops the "open PATH:" prefix: InputError names the path.
func cleanPathErr(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Close releases the open artifact folder and repository.
func (in *Inputs) Close() {
	if in == nil {
		return
	}
	if in.Artifacts != nil {
		in.Artifacts.root.Close()
	}
	if in.Repo != nil {
		in.Repo.Close()
	}
}
