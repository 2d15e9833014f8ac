package signing

import "encoding/hex"

// ObjectFormat is the hash function a repository names its objects with
// (git's extensions.objectFormat): SHA-1, the default, or SHA-256.
type ObjectFormat uint8

// The object formats.
const (
	SHA1   ObjectFormat = iota // 20-byte ids, 40 hex digits
	SHA256                     // 32-byte ids, 64 hex digits
)

// Size is the length of an object id in bytes.
func (f ObjectFormat) Size() int {
	if f == SHA256 {
		return 32
	}
	return 20
}

// HexSize is the length of an object id in hex digits.
func (f ObjectFormat) HexSize() int { return 2 * f.Size() }

// String is the name git uses in extensions.objectFormat.
func (f ObjectFormat) String() string {
	if f == SHA256 {
		return "sha256"
	}
	return "sha1"
}

// sigHeader is the commit header that holds the signature over an
// object's own form; the other one signs its form in the other format
// (hash-function-transition.txt, "Signed Commits").
func (f ObjectFormat) sigHeader() string {
	if f == SHA256 {
		return "gpgsig-sha256"
	}
	return "gpgsig"
}

// Hash is a git object id, SHA-1 or SHA-256. It is a comparable value
// (a map key): the bytes past a SHA-1 id are always zero, and the format
// flag keeps a SHA-1 id distinct from a SHA-256 one. The zero Hash is the
// all-zero SHA-1 id.
type Hash struct {
	b      [32]byte
	sha256 bool
}

// Format is the object format the id belongs to.
func (h Hash) Format() ObjectFormat {
	if h.sha256 {
		return SHA256
	}
	return SHA1
}

// Bytes returns a copy of the raw id (20 or 32 bytes).
func (h Hash) Bytes() []byte { return append([]byte(nil), h.raw()...) }

// raw is the id's bytes, without a copy.
func (h *Hash) raw() []byte {
	if h.sha256 {
		return h.b[:32]
	}
	return h.b[:20]
}

// hashFrom makes an id from len(b) raw bytes (20 or 32).
func hashFrom(b []byte) Hash {
	var h Hash
	h.sha256 = copy(h.b[:], b) == 32
	return h
}

// ParseHash parses a full object id: 40 hex digits for SHA-1, 64 for
// SHA-256. Upper-case digits are accepted.
func ParseHash(s string) (Hash, bool) { return parseHex(s) }

// parseHex decodes 40 or 64 hex digits. It is on the commit-parsing
// path (tree and parent lines), hence no conversion or allocation.
func parseHex[T string | []byte](s T) (Hash, bool) {
	var h Hash
	switch len(s) {
	case 40:
	case 64:
		h.sha256 = true
	default:
		return h, false
	}
	for i := 0; i < len(s); i += 2 {
		hi, lo := unhex[s[i]], unhex[s[i+1]]
		if hi|lo == 0xff {
			return Hash{}, false
		}
		h.b[i>>1] = hi<<4 | lo
	}
	return h, true
}

// unhex maps a hex digit to its value and anything else to 0xff.
var unhex = func() (t [256]byte) {
	for i := range t {
		t[i] = 0xff
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = byte(c - '0')
	}
	for c := 'a'; c <= 'f'; c++ {
		t[c] = byte(c - 'a' + 10)
		t[c-'a'+'A'] = byte(c - 'a' + 10)
	}
	return t
}()

// String returns the hex form: 40 digits for SHA-1, 64 for SHA-256.
func (h Hash) String() string { return hex.EncodeToString(h.raw()) }

// Short returns the first 12 hex digits, for messages.
func (h Hash) Short() string { return hex.EncodeToString(h.b[:6]) }

// IsZero reports whether h is all zeros.
func (h Hash) IsZero() bool { return h.b == [32]byte{} }

// ObjectType is a git object type as stored in packs.
type ObjectType int8

// The object types.
const (
	ObjCommit ObjectType = 1
	ObjTree   ObjectType = 2
	ObjBlob   ObjectType = 3
	ObjTag    ObjectType = 4
	objOfs    ObjectType = 6 // pack-only: delta against an earlier offset
	objRef    ObjectType = 7 // pack-only: delta against an object id
)

var typeNames = map[string]ObjectType{"commit": ObjCommit, "tree": ObjTree, "blob": ObjBlob, "tag": ObjTag}

func (t ObjectType) String() string {
	for k, v := range typeNames {
		if v == t {
			return k
		}
	}
	return "unknown"
}
