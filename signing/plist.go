package signing

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
)

// Plist is the top-level dictionary of an XML property list, flattened:
// each key with whether its value is <true/>, and where the key is.
type Plist struct{ Entries []PlistEntry }

// PlistEntry is one key of any dictionary in the plist.
type PlistEntry struct {
	Key         string
	True        bool
	Offset, End int // byte span of the <key> element
}

// Find returns the first entry named key, or nil.
func (p *Plist) Find(key string) *PlistEntry {
	for i := range p.Entries {
		if p.Entries[i].Key == key {
			return &p.Entries[i]
		}
	}
	return nil
}

// ParsePlist reads an XML plist (entitlements, Info.plist). Binary
// plists are refused: the bundler takes XML sources.
func ParsePlist(data []byte) (*Plist, error) {
	if bytes.HasPrefix(data, []byte("bplist")) {
		return nil, errors.New("binary plist")
	}
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = false
	pl := &Plist{}
	var cur *PlistEntry
	for {
		start := d.InputOffset()
		tok, err := d.Token()
		if err == io.EOF {
			return pl, nil
		}
		if err != nil {
			return pl, err
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch se.Name.Local {
		case "key":
			var k string
			if err := d.DecodeElement(&k, &se); err != nil {
				return pl, err
			}
			pl.Entries = append(pl.Entries, PlistEntry{Key: k, Offset: int(start), End: int(d.InputOffset())})
			cur = &pl.Entries[len(pl.Entries)-1]
		case "true":
			if cur != nil {
				cur.True = true
			}
			cur = nil
		default:
			if se.Name.Local != "plist" && se.Name.Local != "dict" {
				cur = nil
			}
		}
	}
}
