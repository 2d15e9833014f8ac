package plugindb

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
)

// splitPool returns the items of a JSON array as subslices of it; null or
// nothing gives no items.
func splitPool(raw json.RawMessage) ([]json.RawMessage, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return nil, nil
	}
	if raw[0] != '[' || raw[len(raw)-1] != ']' {
		return nil, fmt.Errorf("plugin database pool is not an array")
	}
	return splitTopLevel(raw[1 : len(raw)-1])
}

// splitObject returns the members of a JSON object by name. Names are
// taken as written (the generator writes no escapes in them).
func splitObject(raw []byte) (map[string]json.RawMessage, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) < 2 || raw[0] != '{' || raw[len(raw)-1] != '}' {
		return nil, fmt.Errorf("plugin database is not a JSON object")
	}
	members, err := splitTopLevel(raw[1 : len(raw)-1])
	if err != nil {
		return nil, err
	}
	out := make(map[string]json.RawMessage, len(members))
	for _, m := range members {
		end := bytes.IndexByte(m[min(1, len(m)):], '"') + 1
		colon := bytes.IndexByte(m[max(end, 0):], ':')
		if len(m) == 0 || m[0] != '"' || end <= 0 || colon < 0 {
			return nil, fmt.Errorf("plugin database member %.40q is not name: value", m)
		}
		out[string(m[1:end])] = bytes.TrimSpace(m[end+colon+1:])
	}
	return out, nil
}

// splitTopLevel cuts body at the commas outside strings and brackets.
// It tracks strings and nesting only: unbalanced input is an error, other
// invalid JSON is left to the tests of the embedded data.
func splitTopLevel(body []byte) ([]json.RawMessage, error) {
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
			if depth--; depth < 0 {
				return nil, fmt.Errorf("plugin database: unbalanced %q at byte %d", c, i)
			}
		case c == ',' && depth == 0:
			items = append(items, bytes.TrimSpace(body[start:i]))
			start = i + 1
		}
	}
	if depth != 0 || inString {
		return nil, fmt.Errorf("plugin database: unterminated value")
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
