package deps

import "bytes"

// yamlLines is where each line starts as yaml.v3 numbers lines, so that
// its line and column numbers can be turned into byte offsets. yaml.v3
// ends a line at CR LF, LF, and also at a lone CR, NEL (U+0085), LS
// (U+2028) and PS (U+2029) (is_break and skip_line in its scanner); a
// UTF-8 byte-order mark before line 1 is not part of it. The rest of
// tauriaudit, like editors and SARIF viewers of LF files, ends lines
// at LF only.
type yamlLines struct {
	starts []int // byte offset of each line start
	// sameLines is true when every line break is LF or CR LF, so
	// yaml.v3's line numbers are the file's own.
	sameLines bool
	// bom is true when the file starts with a UTF-8 byte-order mark,
	// which yaml.v3 does not count in line 1's columns.
	bom bool
}

var utf8BOM = []byte("\xef\xbb\xbf")

func newYAMLLines(data []byte) yamlLines {
	l := yamlLines{starts: []int{0}, sameLines: true}
	if bytes.HasPrefix(data, []byte("\xff\xfe")) || bytes.HasPrefix(data, []byte("\xfe\xff")) {
		// yaml.v3 decodes UTF-16 and counts in its characters, which
		// are not the file's bytes: every position is the file's start.
		l.sameLines = false
		return l
	}
	i := 0
	if bytes.HasPrefix(data, utf8BOM) {
		l.bom, l.starts[0], i = true, len(utf8BOM), len(utf8BOM)
	}
	for i < len(data) {
		w := yamlBreak(data, i)
		if w == 0 {
			i++
			continue
		}
		if data[i+w-1] != '\n' {
			l.sameLines = false
		}
		i += w
		l.starts = append(l.starts, i)
	}
	return l
}

// yamlBreak returns the length of the line break at data[i] as yaml.v3
// reads it (2 for CR LF), or 0 when there is none.
func yamlBreak(data []byte, i int) int {
	switch c := data[i]; {
	case c == '\n':
		return 1
	case c == '\r':
		if i+1 < len(data) && data[i+1] == '\n' {
			return 2
		}
		return 1
	case c == 0xC2 && i+1 < len(data) && data[i+1] == 0x85:
		return 2
	case c == 0xE2 && i+2 < len(data) && data[i+1] == 0x80 && (data[i+2] == 0xA8 || data[i+2] == 0xA9):
		return 3
	}
	return 0
}
