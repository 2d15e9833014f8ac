package secretrules

// matcher finds every occurrence of a set of keywords in one pass,
// ASCII case folded: an Aho–Corasick automaton over byte classes (the
// bytes that occur in some keyword, and one class for all others), so
// its table stays small enough for the first-level cache.
type matcher struct {
	class  [256]uint8
	n      int     // classes
	next   []int32 // state*n + class → state, failure links folded in
	out    [][]int // keyword ids ending at each state
	lens   []int   // keyword lengths
	starts [256]bool
	// grams holds the class triples keywords start with, a bit each;
	// nil when some keyword is shorter than three bytes or the classes
	// are too many for a small table.
	grams  []uint64
	c1, c2 [256]int32 // class times n², times n: a triple's index is c1+c2+class
}

func lower(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

func newMatcher(keywords []string) *matcher {
	m := &matcher{n: 1}
	for _, kw := range keywords {
		for i := 0; i < len(kw); i++ {
			if c := lower(kw[i]); m.class[c] == 0 {
				m.class[c] = uint8(m.n)
				m.n++
			}
		}
	}
	for c := 'A'; c <= 'Z'; c++ {
		m.class[c] = m.class[c+'a'-'A']
	}
	m.addState()
	for id, kw := range keywords {
		s := int32(0)
		for i := 0; i < len(kw); i++ {
			k := int(s)*m.n + int(m.class[lower(kw[i])])
			if m.next[k] == 0 {
				m.next[k] = m.addState()
			}
			s = m.next[k]
		}
		m.out[s] = append(m.out[s], id)
		m.lens = append(m.lens, len(kw))
		if len(kw) > 0 {
			m.starts[lower(kw[0])], m.starts[kw[0]&^0x20] = true, true
		}
	}
	m.link()
	m.gramTable(keywords)
	// Transitions into a state where keywords end are stored negated, so
	// the scan tests a sign instead of loading a slice per byte.
	for i, t := range m.next {
		if len(m.out[t]) > 0 {
			m.next[i] = -t
		}
	}
	return m
}

// maxGramClasses bounds the triple table to 32 KB.
const maxGramClasses = 64

// gramTable records the first three bytes (as classes) of every keyword.
func (m *matcher) gramTable(keywords []string) {
	if m.n > maxGramClasses || len(keywords) == 0 {
		return
	}
	for b := range 256 {
		m.c1[b], m.c2[b] = int32(m.class[b])*int32(m.n*m.n), int32(m.class[b])*int32(m.n)
	}
	grams := make([]uint64, (m.n*m.n*m.n+63)/64)
	for _, kw := range keywords {
		if len(kw) < 3 {
			return
		}
		k := m.gram(kw[0], kw[1], kw[2])
		grams[k>>6] |= 1 << (k & 63)
	}
	m.grams = grams
}

func (m *matcher) gram(a, b, c byte) int {
	return int(m.c1[a] + m.c2[b] + int32(m.class[c]))
}

// skip returns the first position from i where a keyword may start.
// Skipping a position in the start state is exact: the scan from there
// on finds the keywords that start there or later, in the same order.
func (m *matcher) skip(data []byte, i int) int {
	if grams := m.grams; grams != nil && i < len(data) {
		c1, c2, class := &m.c1, &m.c2, &m.class
		for d := data[i:]; len(d) >= 3; d = d[1:] {
			k := uint(c1[d[0]] + c2[d[1]] + int32(class[d[2]]))
			if k>>6 < uint(len(grams)) && grams[k>>6]&(1<<(k&63)) != 0 {
				return len(data) - len(d)
			}
		}
		i = max(i, len(data)-2)
	}
	for i < len(data) && !m.starts[data[i]] {
		i++
	}
	return i
}

func (m *matcher) addState() int32 {
	m.next = append(m.next, make([]int32, m.n)...)
	m.out = append(m.out, nil)
	return int32(len(m.out) - 1)
}

// link turns the trie into the automaton: a breadth-first pass that
// fills missing transitions from each state's failure state.
func (m *matcher) link() {
	fail := make([]int32, len(m.out))
	var queue []int32
	for c := 1; c < m.n; c++ {
		if s := m.next[c]; s != 0 {
			queue = append(queue, s)
		}
	}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		m.out[s] = append(m.out[s], m.out[fail[s]]...)
		for c := 0; c < m.n; c++ {
			t := m.next[int(s)*m.n+c]
			if t == 0 || c == 0 {
				m.next[int(s)*m.n+c] = m.next[int(fail[s])*m.n+c]
				continue
			}
			fail[t] = m.next[int(fail[s])*m.n+c]
			queue = append(queue, t)
		}
	}
}

// hit is one keyword occurrence: its id and start offset.
type hit struct{ kw, at int }

// find returns up to limit keyword occurrences in data.
func (m *matcher) find(data []byte, limit int) []hit {
	var out []hit
	next, class, n := m.next, &m.class, m.n
	s := int32(0)
	for i := 0; i < len(data); i++ {
		if s == 0 {
			// Outside any partial match, skip to where a keyword may start.
			if i = m.skip(data, i); i == len(data) {
				return out
			}
		}
		s = next[int(s)*n+int(class[data[i]])]
		if s < 0 { // a state where keywords end
			s = -s
			for _, id := range m.out[s] {
				if len(out) >= limit {
					return out
				}
				out = append(out, hit{kw: id, at: i + 1 - m.lens[id]})
			}
		}
	}
	return out
}

// Finder tells whether any of a set of words occurs in a text, ASCII
// case folded, in one pass of the keyword automaton.
type Finder struct{ m *matcher }

// NewFinder compiles the words.
func NewFinder(words ...string) *Finder { return &Finder{m: newMatcher(words)} }

// Any reports whether some word occurs in data, in any ASCII case.
func (f *Finder) Any(data []byte) bool { return len(f.m.find(data, 1)) > 0 }
