package keyless

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// ParseLogEntry reads a protobuf dev.sigstore.rekor.v1.TransparencyLogEntry,
// as gitsign's offline mode embeds one in a commit signature. The wire
// format is decoded by hand: six fields do not warrant the protobuf runtime.
func ParseLogEntry(b []byte) (Entry, error) {
	var e Entry
	err := protoFields(b, func(num uint64, v uint64, data []byte) error {
		switch num {
		case 1:
			e.LogIndex = int64(v)
		case 2: // LogId{key_id = 1}
			return protoFields(data, func(n, _ uint64, d []byte) error {
				if n == 1 {
					e.LogID = d
				}
				return nil
			})
		case 4:
			e.IntegratedTime = int64(v)
		case 5: // InclusionPromise{signed_entry_timestamp = 1}
			return protoFields(data, func(n, _ uint64, d []byte) error {
				if n == 1 {
					e.SET = d
				}
				return nil
			})
		case 6:
			p, err := parseProof(data)
			e.Proof = p
			return err
		case 7:
			e.Body = data
		}
		return nil
	})
	if err != nil {
		return e, fmt.Errorf("transparency-log entry: %w", err)
	}
	if len(e.LogID) == 0 {
		return e, errors.New("transparency-log entry names no log")
	}
	return e, nil
}

// parseProof reads an InclusionProof message.
func parseProof(b []byte) (*Proof, error) {
	p := &Proof{}
	err := protoFields(b, func(num, v uint64, data []byte) error {
		switch num {
		case 1:
			p.LogIndex = int64(v)
		case 2:
			p.RootHash = data
		case 3:
			p.TreeSize = int64(v)
		case 4:
			if len(p.Hashes) == maxProofHashes {
				return fmt.Errorf("inclusion proof of over %d hashes", maxProofHashes)
			}
			p.Hashes = append(p.Hashes, data)
		case 5: // Checkpoint{envelope = 1}
			return protoFields(data, func(n, _ uint64, d []byte) error {
				if n == 1 {
					p.Checkpoint = string(d)
				}
				return nil
			})
		}
		return nil
	})
	return p, err
}

// protoFields calls fn with each field of a protobuf message: its number,
// and its value (varints) or bytes (length-delimited fields).
func protoFields(b []byte, fn func(num, v uint64, data []byte) error) error {
	for len(b) > 0 {
		key, n := binary.Uvarint(b)
		if n <= 0 {
			return errors.New("malformed protobuf field key")
		}
		b = b[n:]
		var v uint64
		var data []byte
		switch key & 7 {
		case 0:
			if v, n = binary.Uvarint(b); n <= 0 {
				return errors.New("malformed protobuf varint")
			}
			b = b[n:]
		case 2:
			l, n := binary.Uvarint(b)
			if n <= 0 || l > uint64(len(b)-n) {
				return errors.New("malformed protobuf length")
			}
			data, b = b[n:n+int(l)], b[n+int(l):]
		case 1, 5:
			size := map[uint64]int{1: 8, 5: 4}[key&7]
			if len(b) < size {
				return errors.New("truncated protobuf field")
			}
			b = b[size:]
		default:
			return fmt.Errorf("unsupported protobuf wire type %d", key&7)
		}
		if err := fn(key>>3, v, data); err != nil {
			return err
		}
	}
	return nil
}
