package signing

import (
	"bytes"
	"fmt"
	"path"
	"strings"

	"github.com/tauriaudit/tauriaudit/signing/pkcs12"
	"github.com/tauriaudit/tauriaudit/signing/secretrules"
)

// PasswordCandidate is a literal value committed where a PKCS#12's
// password may be: a password setting, or a line of a file beside it.
type PasswordCandidate struct {
	Path  string
	Line  int
	Value string
}

// maxCandidates bounds the passwords tried per PKCS#12 file (each try
// costs up to pkcs12.MaxIterations hash rounds).
const maxCandidates = 16

// PKCS12File says whether a file is a PKCS#12 bundle by its name.
func PKCS12File(p string) bool {
	switch strings.ToLower(path.Ext(p)) {
	case ".p12", ".pfx":
		return true
	}
	return false
}

// PasswordSettings finds literal values of password-like settings in a
// text file: NAME=value, NAME: value, "name": "value", where the name
// holds "pass" or "pwd" (WINDOWS_CERTIFICATE_PASSWORD, certificatePassword,
// p12-password, storePassword).
func PasswordSettings(p string, data []byte) []PasswordCandidate {
	var out []PasswordCandidate
	for i, l := range bytes.Split(data, []byte("\n")) {
		if len(l) > 512 {
			continue
		}
		k, v, ok := cutSetting(string(bytes.TrimSpace(l)))
		lk := strings.ToLower(k)
		if !ok || !strings.Contains(lk, "pass") && !strings.Contains(lk, "pwd") {
			continue
		}
		if v = literalValue(v); v != "" && !IsReference(v) && !IsPlaceholder(v) {
			out = append(out, PasswordCandidate{Path: p, Line: i + 1, Value: v})
		}
	}
	return out
}

// cutSetting splits "export NAME=value", "NAME: value" and
// "\"name\": \"value\"" into name and value.
func cutSetting(l string) (name, value string, ok bool) {
	l = strings.TrimPrefix(strings.TrimPrefix(l, "export "), "- ")
	i := strings.IndexAny(l, "=:")
	if i <= 0 {
		return "", "", false
	}
	name = strings.Trim(strings.TrimSpace(l[:i]), `"'`)
	for _, c := range name {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '.') {
			return "", "", false
		}
	}
	return name, l[i+1:], name != ""
}

// SideFileLines are the first lines of a small text file next to a
// PKCS#12 (password.txt, cert.pass): each may be the password itself.
func SideFileLines(p string, data []byte) []PasswordCandidate {
	if len(data) > 4096 || bytes.IndexByte(data, 0) >= 0 {
		return nil
	}
	out := PasswordSettings(p, data)
	for i, l := range bytes.SplitN(data, []byte("\n"), 6)[:min(5, bytes.Count(data, []byte("\n"))+1)] {
		if v := strings.TrimSpace(string(l)); v != "" && len(v) <= 128 {
			out = append(out, PasswordCandidate{Path: p, Line: i + 1, Value: v})
		}
	}
	return out
}

// JudgePKCS12 judges a committed .p12/.pfx: a bundle with a private key
// whose password is committed too (and opens it) is a working signing
// identity, an error naming both places; a bundle with a key, or whose
// parts stay encrypted, and no password found is a warning; a bundle of
// certificates only is no secret (ok false). A file that is not a PKCS#12
// structure (a Git LFS pointer, BER as macOS Keychain exports) is
// reported by its name, as before.
func JudgePKCS12(p string, data []byte, cands []PasswordCandidate) (SecretHit, bool) {
	what, _ := CredentialFile(p)
	h := SecretHit{Kind: SigningCredential, Path: p, What: what, Subject: p, Fixture: IsFixturePath(p), Identity: p}
	f, err := pkcs12.Parse(data)
	if err != nil {
		return h, true
	}
	var pw *PasswordCandidate
	tried := map[string]bool{}
	for i := range cands {
		c := &cands[i]
		if tried[c.Value] || len(tried) == maxCandidates {
			continue
		}
		tried[c.Value] = true
		if opens, _ := f.Opens(c.Value); opens {
			pw = c
			break
		}
	}
	var has, known bool
	if pw != nil {
		has, known = f.HasPrivateKey(&pw.Value)
	} else {
		has, known = f.HasPrivateKey(nil)
	}
	switch {
	case !has && known:
		return SecretHit{}, false
	case pw != nil && has:
		h.What = fmt.Sprintf("PKCS#12 certificate and private key, and its password, committed in %s:%d, which opens it", pw.Path, pw.Line)
		h.Related = []Sighting{{Path: pw.Path, Line: pw.Line}}
	case pw != nil:
		h.What = fmt.Sprintf("PKCS#12 bundle with parts not read here, and its password, committed in %s:%d, which opens it", pw.Path, pw.Line)
		h.Related = []Sighting{{Path: pw.Path, Line: pw.Line}}
	case has:
		h.What = "PKCS#12 certificate and private key (its password was not found committed)"
		h.Level = secretrules.Warning
	default:
		h.What = "PKCS#12 bundle whose encrypted parts may hold a private key (its password was not found committed)"
		h.Level = secretrules.Warning
	}
	return h, true
}
