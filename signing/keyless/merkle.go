package keyless

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
)

// RFC 6962 hashing. The verifier is the algorithm of RFC 9162 §2.1.3.2,
// written out here rather than pulled in from transparency-dev/merkle: it
// is twenty lines, and the tests check it against a tree built from the
// RFC's recursive definition.

// leafHash is the hash of a log entry: SHA-256(0x00 || entry).
func leafHash(entry []byte) []byte {
	h := sha256.New()
	h.Write([]byte{0})
	h.Write(entry)
	return h.Sum(nil)
}

// nodeHash is the hash of an interior node: SHA-256(0x01 || l || r).
func nodeHash(l, r []byte) []byte {
	h := sha256.New()
	h.Write([]byte{1})
	h.Write(l)
	h.Write(r)
	return h.Sum(nil)
}

// verifyInclusion checks that leaf is entry index of a tree of size
// leaves whose root is root, given the audit path proof.
func verifyInclusion(index, size int64, leaf []byte, proof [][]byte, root []byte) error {
	if index < 0 || index >= size {
		return fmt.Errorf("log index %d is outside a tree of %d entries", index, size)
	}
	fn, sn := index, size-1
	r := leaf
	for _, p := range proof {
		if len(p) != sha256.Size {
			return errors.New("inclusion proof hash is not 32 bytes")
		}
		if sn == 0 {
			return errors.New("inclusion proof is longer than the tree is deep")
		}
		if fn&1 == 1 || fn == sn {
			r = nodeHash(p, r)
			for fn&1 == 0 && fn != 0 {
				fn >>= 1
				sn >>= 1
			}
		} else {
			r = nodeHash(r, p)
		}
		fn >>= 1
		sn >>= 1
	}
	if sn != 0 {
		return errors.New("inclusion proof is shorter than the tree is deep")
	}
	if !bytes.Equal(r, root) {
		return errors.New("inclusion proof does not lead to the root hash")
	}
	return nil
}
