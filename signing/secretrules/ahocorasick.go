package secretrules

// matcher finds every occurrence of a set of keywords in one pass,
// ASCII case folded (Aho–Corasick with a dense transition table).
type matcher struct {
	next [][256]int32 // state transitions, failure links folded in
	out  [][]int      // keyword ids ending at each state
	lens []int        // keyword lengths
}

func lower(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

func newMatcher(keywords []string) *matcher {
	m := &matcher{next: make([][256]int32, 1), out: make([][]int, 1)}
	for id, kw := range keywords {
		s := int32(0)
		for i := 0; i < len(kw); i++ {
			c := lower(kw[i])
			if m.next[s][c] == 0 {
				m.next = append(m.next, [256]int32{})
				m.out = append(m.out, nil)
				m.next[s][c] = int32(len(m.next) - 1)
			}
			s = m.next[s][c]
		}
		m.out[s] = append(m.out[s], id)
		m.lens = append(m.lens, len(kw))
	}
	m.link()
	return m
}

// link turns the trie into the automaton: a breadth-first pass that
// fills missing transitions from each state's failure state.
func (m *matcher) link() {
	fail := make([]int32, len(m.next))
	var queue []int32
	for c := 0; c < 256; c++ {
		if s := m.next[0][c]; s != 0 {
			queue = append(queue, s)
		}
	}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		m.out[s] = append(m.out[s], m.out[fail[s]]...)
		for c := 0; c < 256; c++ {
			t := m.next[s][c]
			if t == 0 {
				m.next[s][c] = m.next[fail[s]][c]
				continue
			}
			fail[t] = m.next[fail[s]][c]
			queue = append(queue, t)
		}
	}
	// Upper-case letters move like their lower-case forms.
	for s := range m.next {
		for c := 'A'; c <= 'Z'; c++ {
			m.next[s][c] = m.next[s][c+'a'-'A']
		}
	}
}

// hit is one keyword occurrence: its id and start offset.
type hit struct{ kw, at int }

// find returns up to limit keyword occurrences in data.
func (m *matcher) find(data []byte, limit int) []hit {
	var out []hit
	s := int32(0)
	for i, c := range data {
		s = m.next[s][c]
		for _, id := range m.out[s] {
			if len(out) >= limit {
				return out
			}
			out = append(out, hit{kw: id, at: i + 1 - m.lens[id]})
		}
	}
	return out
}
