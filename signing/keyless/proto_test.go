package keyless

import (
	"encoding/binary"
	"strings"
	"testing"
)

// Truncated and hostile protobuf is an error, never a panic or a huge
// allocation.
func TestParseLogEntryHostile(t *testing.T) {
	for name, in := range map[string]string{
		"empty":            "",
		"no log id":        "\x08\x05",
		"truncated varint": "\x08\xff",
		"length past end":  "\x12\xff\xff\xff\xff\x0f",
		"bad wire type":    "\x0f",
		"truncated fixed":  "\x09\x01",
	} {
		if _, err := ParseLogEntry([]byte(in)); err == nil {
			t.Errorf("%s: parsed", name)
		}
	}
	var many strings.Builder
	many.WriteString("\x12\x02\x0a\x00") // log id {key_id: ""}
	proof := strings.Repeat("\x22\x00", maxProofHashes+1)
	many.Write(binary.AppendUvarint([]byte{0x32}, uint64(len(proof))))
	many.WriteString(proof)
	if _, err := ParseLogEntry([]byte(many.String())); err == nil || !strings.Contains(err.Error(), "over 64") {
		t.Errorf("proof of %d hashes: %v", maxProofHashes+1, err)
	}
}
