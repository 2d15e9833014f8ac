package signing

import (
	"bytes"
	"crypto/sha1"
	"encoding/binary"
	"errors"
	"strings"
	"testing"
)

// rawEntry is one entry for buildIndex: a version 4 entry stores strip
// and name as given (prefix compression), others the name padded.
type rawEntry struct {
	name  string
	strip int
	mode  uint32
}

// buildIndex writes a SHA-1 index by hand, with a valid checksum.
func buildIndex(version uint32, count uint32, es []rawEntry, ext []byte) []byte {
	var b bytes.Buffer
	b.WriteString("DIRC")
	binary.Write(&b, binary.BigEndian, version)
	binary.Write(&b, binary.BigEndian, count)
	for _, e := range es {
		start := b.Len()
		stat := make([]byte, entryStatSize)
		mode := e.mode
		if mode == 0 {
			mode = ModeFile
		}
		binary.BigEndian.PutUint32(stat[24:], mode)
		b.Write(stat)
		b.Write(bytes.Repeat([]byte{0xab}, 20))
		binary.Write(&b, binary.BigEndian, uint16(min(len(e.name), 0xfff)))
		if version == 4 {
			b.Write(varintBytes(uint64(e.strip)))
			b.WriteString(e.name)
			b.WriteByte(0)
			continue
		}
		b.WriteString(e.name)
		for pad := (b.Len() - start + 8) &^ 7; b.Len()-start < pad; {
			b.WriteByte(0)
		}
	}
	b.Write(ext)
	return withSum(b.Bytes())
}

func withSum(body []byte) []byte {
	s := sha1.Sum(body)
	return append(append([]byte(nil), body...), s[:]...)
}

// varintBytes encodes git's offset varint.
func varintBytes(v uint64) []byte {
	out := []byte{byte(v & 0x7f)}
	for v >>= 7; v != 0; v >>= 7 {
		v--
		out = append([]byte{0x80 | byte(v&0x7f)}, out...)
	}
	return out
}

func TestParseIndexHandBuilt(t *testing.T) {
	v2 := buildIndex(2, 2, []rawEntry{{name: "a/b.json"}, {name: strings.Repeat("x", 5000)}}, nil)
	ix, err := parseIndex(v2, SHA1)
	if err != nil || len(ix.entries) != 2 || ix.entries[0].Path != "a/b.json" || len(ix.entries[1].Path) != 5000 {
		t.Fatalf("v2: %+v, %v", ix, err)
	}
	v4 := buildIndex(4, 3, []rawEntry{{name: "src-tauri/a.json"}, {name: "b.json", strip: 6}, {name: "capabilities/c.json", strip: 6}}, nil)
	ix, err = parseIndex(v4, SHA1)
	if err != nil {
		t.Fatal(err)
	}
	if got := []string{ix.entries[0].Path, ix.entries[1].Path, ix.entries[2].Path}; strings.Join(got, " ") != "src-tauri/a.json src-tauri/b.json src-tauri/capabilities/c.json" {
		t.Errorf("v4 paths = %v", got)
	}
	if v, n := indexVarint(varintBytes(300)); v != 300 || n != 2 {
		t.Errorf("varint 300 = %d (%d bytes)", v, n)
	}
}

// TestParseIndexHostile feeds malformed indexes: each must give an
// error, never a panic or an allocation the input does not pay for.
func TestParseIndexHostile(t *testing.T) {
	good := buildIndex(4, 2, []rawEntry{{name: "a.json"}, {name: "b.json", strip: 6}}, nil)
	badSum := append([]byte(nil), good...)
	badSum[len(badSum)-1] ^= 1
	huge := buildIndex(2, 0xffffffff, []rawEntry{{name: "a"}}, nil)
	cases := map[string][]byte{
		"bad checksum":            badSum,
		"huge entry count":        huge,
		"prefix longer than prev": buildIndex(4, 2, []rawEntry{{name: "a.json"}, {name: "x", strip: 7}}, nil),
		"prefix varint overflow":  buildIndex(4, 1, []rawEntry{{name: "a", strip: 1 << 62}}, nil),
		"version 5":               buildIndex(5, 0, nil, nil),
		"unknown mandatory ext":   buildIndex(2, 0, nil, []byte("abcd\x00\x00\x00\x00")),
		"ext overruns":            buildIndex(2, 0, nil, []byte("TREE\x00\x00\x10\x00")),
		"short link ext":          buildIndex(2, 0, nil, []byte("link\x00\x00\x00\x02ab")),
		"link bitmap overruns":    buildIndex(2, 0, nil, append(append([]byte("link\x00\x00\x00\x20"), make([]byte, 20)...), 0, 0, 0, 9, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0)),
		"v2 path overruns":        buildIndex(2, 1, []rawEntry{{name: "a"}}, nil)[:12+62],
	}
	for name, data := range cases {
		t.Run(name, func(t *testing.T) {
			if _, err := parseIndex(data, SHA1); err == nil {
				t.Errorf("accepted")
			}
		})
	}
	// Every truncation of a valid index fails cleanly.
	for n := range len(good) {
		if _, err := parseIndex(withSum(good[:n]), SHA1); err == nil && n != len(good)-20 {
			t.Errorf("truncated to %d bytes: accepted", n)
		}
	}
	if _, err := parseIndex(good, SHA256); err == nil {
		t.Error("a SHA-1 index read as SHA-256 was accepted")
	}
	skip := append(good[:len(good)-20:len(good)-20], make([]byte, 20)...)
	if _, err := parseIndex(skip, SHA1); err != nil {
		t.Errorf("index.skipHash (zero checksum): %v", err)
	}
}

func TestCheckEntryRefusesEscapes(t *testing.T) {
	for _, p := range []string{"../x", "/etc/passwd", "a/../../b", ".git/config", "a/.GIT/hooks/pre-commit", ""} {
		e := IndexEntry{Path: p, Mode: ModeFile}
		if err := checkEntry(&e); !errors.Is(err, errIndex) {
			t.Errorf("%q: %v, want a malformed-index error", p, err)
		}
	}
}

func TestEWAH(t *testing.T) {
	// bits 1 and 65: one run-length word with two literal words.
	words := []uint64{2 << 33, 1 << 1, 1 << 1}
	var b bytes.Buffer
	binary.Write(&b, binary.BigEndian, uint32(128))
	binary.Write(&b, binary.BigEndian, uint32(len(words)))
	binary.Write(&b, binary.BigEndian, words)
	binary.Write(&b, binary.BigEndian, uint32(0))
	var got []int
	err := ewahEach(b.Bytes(), 100, func(p int) error { got = append(got, p); return nil })
	if err != nil || len(got) != 2 || got[0] != 1 || got[1] != 65 {
		t.Errorf("bits = %v, %v; want [1 65]", got, err)
	}
	if err := ewahEach(b.Bytes(), 64, func(int) error { return nil }); err == nil {
		t.Error("a bit past the limit was accepted")
	}
	// A run of 2^32-1 set words stops at the first bit past the limit.
	hostile := []byte{0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0}
	n := 0
	if err := ewahEach(hostile, 10, func(int) error { n++; return nil }); err == nil || n != 10 {
		t.Errorf("hostile run: %d bits, %v; want 10 then an error", n, err)
	}
}
