package deps

import (
	"bytes"

	"github.com/tauriaudit/tauriaudit/rules/source"
)

// yamlLines is where each line starts as yaml.v3 numbers lines, so that
// its line and column numbers can be turned into byte offsets. yaml.v3
// ends a line at CR LF, LF, and also at a lone CR, NEL (U+0085), LS
// (U+2028) and PS (U+2029) (is_break and skip_line in its scanner); a
// UTF-8 byte-order mark before line 1 is not part of it. The rest of
// tauriaudit, like editors and SARIF viewers of LF files, ends lines
// at LF only.
type yamlLines struct {
	f *source.File
	// sameLines is true when every line break is LF or CR LF, so
	// yaml.v3's lines are the file's own and the file's index serves.
	sameLines bool
	// starts holds the byte offset of each of yaml.v3's lines when they
	// are not the file's (sameLines false).
	starts []int
	// bom is true when the file starts with a UTF-8 byte-order mark,
	// which yaml.v3 does not count in line 1's columns.
	bom bool
}

var (
	utf8BOM = []byte("\xef\xbb\xbf")
	// The line breaks yaml.v3 reads besides LF and CR LF, lone CR aside.
	nel, lineSep, paraSep = []byte("\u0085"), []byte("\u2028"), []byte("\u2029")
)

func newYAMLLines(f *source.File) yamlLines {
	data := f.Data
	if bytes.HasPrefix(data, []byte("\xff\xfe")) || bytes.HasPrefix(data, []byte("\xfe\xff")) {
		// yaml.v3 decodes UTF-16 and counts in its characters, which
		// are not the file's bytes: every position is the file's start.
		return yamlLines{f: f, starts: []int{0}}
	}
	l := yamlLines{f: f, sameLines: !otherBreaks(data), bom: bytes.HasPrefix(data, utf8BOM)}
	if l.sameLines {
		return l
	}
	i := 0
	l.starts = []int{0}
	if l.bom {
		l.starts[0], i = len(utf8BOM), len(utf8BOM)
	}
	for i < len(data) {
		w := yamlBreak(data, i)
		if w == 0 {
			i++
			continue
		}
		i += w
		l.starts = append(l.starts, i)
	}
	return l
}

// otherBreaks reports a line break that yaml.v3 reads and the file's own
// lines do not: a lone CR, NEL, LS or PS.
func otherBreaks(data []byte) bool {
	for i := 0; ; {
		j := bytes.IndexByte(data[i:], '\r')
		if j < 0 {
			break
		}
		if i += j + 1; i == len(data) || data[i] != '\n' {
			return true
		}
	}
	return bytes.Contains(data, nel) || bytes.Contains(data, lineSep) || bytes.Contains(data, paraSep)
}

// count returns the number of yaml.v3's lines.
func (l yamlLines) count() int {
	if l.sameLines {
		return l.f.Lines()
	}
	return len(l.starts)
}

// start returns the byte offset where yaml.v3's 1-based line n starts;
// n must be in [1, count()].
func (l yamlLines) start(n int) int {
	switch {
	case !l.sameLines:
		return l.starts[n-1]
	case n == 1 && l.bom:
		return len(utf8BOM)
	}
	return l.f.LineStart(n)
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
