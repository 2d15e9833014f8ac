package plugindb

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
)

// stored is Data as decoded: the three pools stay raw, so that
// encoding/json validates them once but does not decode and copy each of
// their thousands of items; splitPool cuts them up afterwards.
type stored struct {
	Data
	Permissions json.RawMessage `json:"permissions"`
	Sets        json.RawMessage `json:"sets"`
	Schemas     json.RawMessage `json:"schemas"`
}

// splitPool returns the items of a JSON array as subslices of it. raw
// has been validated by json.Unmarshal, so tracking strings and nesting is
// enough to find the top-level commas; null gives no items.
func splitPool(raw json.RawMessage) ([]json.RawMessage, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return nil, nil
	}
	if raw[0] != '[' || raw[len(raw)-1] != ']' {
		return nil, fmt.Errorf("plugin database pool is not an array")
	}
	body := raw[1 : len(raw)-1]
	var items []json.RawMessage
	depth, start, inString, escaped := 0, 0, false, false
	for i, c := range body {
		switch {
		case inString:
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
			}
		case c == '"':
			inString = true
		case c == '[' || c == '{':
			depth++
		case c == ']' || c == '}':
			depth--
		case c == ',' && depth == 0:
			items = append(items, bytes.TrimSpace(body[start:i]))
			start = i + 1
		}
	}
	if last := bytes.TrimSpace(body[start:]); len(last) > 0 {
		items = append(items, last)
	}
	return items, nil
}

// maxPrealloc bounds the buffer sized from a gzip trailer, which bad data
// could set to anything.
const maxPrealloc = 16 << 20

// gunzippedSize is the size gzip's trailer records (modulo 2^32), used
// only to size the output buffer once.
func gunzippedSize(gz []byte) int {
	if len(gz) < 4 {
		return 0
	}
	n := int(binary.LittleEndian.Uint32(gz[len(gz)-4:]))
	return min(n, maxPrealloc)
}
