package signing

import "encoding/hex"

// Hash is a SHA-1 git object id. SHA-256 repositories are not supported
// (openODB refuses them).
type Hash [20]byte

// ParseHash parses 40 hex digits.
func ParseHash(s string) (Hash, bool) {
	var h Hash
	if len(s) != 40 {
		return h, false
	}
	_, err := hex.Decode(h[:], []byte(s))
	return h, err == nil
}

// String returns the 40-digit hex form.
func (h Hash) String() string { return hex.EncodeToString(h[:]) }

// Short returns the first 12 hex digits, for messages.
func (h Hash) Short() string { return h.String()[:12] }

// IsZero reports whether h is all zeros.
func (h Hash) IsZero() bool { return h == Hash{} }

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
