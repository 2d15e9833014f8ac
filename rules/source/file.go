// Package source is the positioned model every tauriaudit parser produces:
// files, positions, locations and a JSON-shaped Node tree that keeps the
// file, byte span and JSON Pointer of every value, also through merge patch.
package source

import (
	"bytes"
	"sort"
	"sync"
	"unicode/utf8"
)

// Pos is a position in a file. The zero Pos means "unknown".
type Pos struct {
	Line   int `json:"line"`   // 1-based
	Col    int `json:"column"` // 1-based, counted in Unicode code points
	Offset int `json:"offset"` // 0-based byte offset
}

// IsValid reports whether p is a known position.
func (p Pos) IsValid() bool { return p.Line > 0 }

// Location says where something is.
type Location struct {
	File    string `json:"file"`              // slash path relative to the scanned root
	Pointer string `json:"pointer,omitempty"` // RFC 6901 pointer into File's document
	Start   Pos    `json:"start,omitzero"`    // findings always have one (line 1 for a whole file)
	End     Pos    `json:"end,omitzero"`      // exclusive; zero (left out of JSON) if unknown
	Commit  string `json:"commit,omitempty"`
}

// File is one file read by the loader.
type File struct {
	Path string // slash path relative to the scanned root
	Data []byte

	once  sync.Once
	lines []int // byte offset of each line start
	// runeMarks index code points, so that a column on a very long line
	// costs O(runeMarkStep), not O(line): a minified or hostile one-line
	// file can have millions of findings. Mark k is the first place
	// decoding from the start of Data stops at on or after byte
	// k*runeMarkStep, with the code points decoded before it (invalid
	// bytes count one each, as in utf8.RuneCount). Nil for small files.
	runeMarks []runeMark
	ascii     bool // every byte is ASCII: columns are byte distances
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

type runeMark struct{ pos, runes int }

// runeMarkStep is the byte distance between runeMarks.
const runeMarkStep = 1024

// NewFile returns a File for data at path.
func NewFile(path string, data []byte) *File { return &File{Path: path, Data: data} }

func (f *File) index() {
	f.once.Do(func() {
		f.lines = make([]int, 1, bytes.Count(f.Data, []byte{'\n'})+1)
		for i := 0; ; {
			j := bytes.IndexByte(f.Data[i:], '\n')
			if j < 0 {
				break
			}
			i += j + 1
			f.lines = append(f.lines, i)
		}
		f.ascii = isASCII(f.Data)
		if f.ascii || len(f.Data) <= runeMarkStep {
			return
		}
		f.runeMarks = make([]runeMark, 0, len(f.Data)/runeMarkStep+1)
		for i, n := 0, 0; ; n++ {
			for len(f.runeMarks)*runeMarkStep <= i {
				f.runeMarks = append(f.runeMarks, runeMark{i, n})
			}
			if i >= len(f.Data) {
				break
			}
			_, size := utf8.DecodeRune(f.Data[i:])
			i += size
		}
	})
}

// runesTo returns utf8.RuneCount(Data[b:x]) plus the code points decoded
// from the start of Data up to b, the last place decoding stops at on or
// before x. Between a line start (where decoding always stops: '\n' is
// never inside an encoded code point) and x, the column is the
// difference.
func (f *File) runesTo(x int) int {
	k := min(x/runeMarkStep, len(f.runeMarks)-1)
	m := f.runeMarks[k]
	for m.pos > x {
		k--
		m = f.runeMarks[k]
	}
	i, n := m.pos, m.runes
	for i < x {
		_, size := utf8.DecodeRune(f.Data[i:])
		if i+size > x {
			return n + utf8.RuneCount(f.Data[i:x])
		}
		i += size
		n++
	}
	return n
}

// column returns the 1-based code point column of offset on the line
// starting at start.
func (f *File) column(start, offset int) int {
	if f.ascii {
		return offset - start + 1
	}
	if f.runeMarks != nil && offset-start > runeMarkStep {
		return f.runesTo(offset) - f.runesTo(start) + 1
	}
	return utf8.RuneCount(f.Data[start:offset]) + 1
}

// Pos converts a byte offset into a line and code-point column.
func (f *File) Pos(offset int) Pos {
	if f == nil {
		return Pos{}
	}
	if offset < 0 {
		offset = 0
	}
	if offset > len(f.Data) {
		offset = len(f.Data)
	}
	f.index()
	line := sort.Search(len(f.lines), func(i int) bool { return f.lines[i] > offset }) - 1
	start := f.lines[line]
	return Pos{Line: line + 1, Col: f.column(start, offset), Offset: offset}
}

// Line returns the text of 1-based line n without its line ending.
func (f *File) Line(n int) string {
	if f == nil || n < 1 {
		return ""
	}
	f.index()
	if n > len(f.lines) {
		return ""
	}
	start := f.lines[n-1]
	end := len(f.Data)
	if n < len(f.lines) {
		end = f.lines[n] - 1
	}
	if end > start && f.Data[end-1] == '\r' {
		end--
	}
	return string(f.Data[start:end])
}

// Lines returns the number of lines: one more than the LF bytes.
func (f *File) Lines() int {
	if f == nil {
		return 0
	}
	f.index()
	return len(f.lines)
}

// LineStart returns the byte offset where 1-based line n starts, in
// O(log lines); n is clamped to the file's lines.
func (f *File) LineStart(n int) int {
	if f == nil || n < 1 {
		return 0
	}
	f.index()
	return f.lines[min(n, len(f.lines))-1]
}

// Span returns the location of bytes [start, end) of f.
func (f *File) Span(start, end int) Location {
	if f == nil {
		return Location{}
	}
	return Location{File: f.Path, Start: f.Pos(start), End: f.Pos(end)}
}

// FileSet holds every file the loader read, by path.
type FileSet struct {
	mu    sync.Mutex
	files map[string]*File
}

// Add records f and returns it.
func (s *FileSet) Add(f *File) *File {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.files == nil {
		s.files = map[string]*File{}
	}
	s.files[f.Path] = f
	return f
}

// File returns the file at path, or nil.
func (s *FileSet) File(path string) *File {
	if s == nil {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.files[path]
}

// Paths returns every path in the set, sorted.
func (s *FileSet) Paths() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]string, 0, len(s.files))
	for p := range s.files {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}
