package signing

import "bytes"

// Format is the kind of a git signature block.
type Format uint8

// The signature formats git writes (gpg.format) and what gitsign writes.
const (
	FormatNone    Format = iota
	FormatOpenPGP        // -----BEGIN PGP SIGNATURE-----
	FormatSSH            // -----BEGIN SSH SIGNATURE----- (sshsig)
	FormatX509           // -----BEGIN SIGNED MESSAGE----- (gpgsm, gitsign)
	FormatUnknown        // a signature header with anything else in it
)

func (f Format) String() string {
	return [...]string{"none", "OpenPGP", "SSH", "X.509", "unknown"}[f]
}

// Classify tells a signature block's format from its armor line, as git
// does (gpg-interface.c get_format_by_sig). Leading blank space is
// allowed; nil or empty means no signature.
func Classify(sig []byte) Format {
	s := bytes.TrimLeft(sig, " \t\r\n")
	switch {
	case len(s) == 0:
		return FormatNone
	case bytes.HasPrefix(s, []byte("-----BEGIN PGP SIGNATURE-----")), bytes.HasPrefix(s, []byte("-----BEGIN PGP MESSAGE-----")):
		return FormatOpenPGP
	case bytes.HasPrefix(s, []byte("-----BEGIN SSH SIGNATURE-----")):
		return FormatSSH
	case bytes.HasPrefix(s, []byte("-----BEGIN SIGNED MESSAGE-----")):
		return FormatX509
	}
	return FormatUnknown
}

// Status is the outcome of checking one signature, close to git's %G?
// letters (in brackets).
type Status uint8

// The statuses. Unverified is a signature nothing was supplied to check
// it against ([E] for OpenPGP; SSH and X.509 are still checked for
// integrity with the key they carry).
const (
	StatusUnsigned   Status = iota // [N]
	StatusGood                     // [G]
	StatusUnverified               // [E]: no trust material for this format
	StatusUntrusted                // [U]/[E]: valid or unknown signer, not in the trusted set
	StatusBad                      // [B]: does not verify, or cannot be parsed
	StatusExpired                  // [X]/[Y]: signature or key expired
	StatusRevoked                  // [R]
)

func (s Status) String() string {
	return [...]string{"unsigned", "good", "unverified", "untrusted", "bad", "expired", "revoked"}[s]
}

// Verdict is the result of checking one signature.
type Verdict struct {
	Format Format
	Status Status
	// Signer names the key or identity: an OpenPGP key id and user id, an
	// SSH key fingerprint and principal, or an X.509 subject.
	Signer string
	Detail string // why, when not good
}
