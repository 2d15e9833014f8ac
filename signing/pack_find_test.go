package signing

import (
	"encoding/binary"
	"math/rand/v2"
	"os"
	"slices"
	"sort"
	"testing"
)

// findByBinarySearch is pack.find without the interpolation: the plain
// search over the fanout bucket.
func findByBinarySearch(p *pack, h *Hash) int64 {
	lo := 0
	if h.b[0] > 0 {
		lo = int(be32(p.fanout[(int(h.b[0])-1)*4:]))
	}
	hi := int(be32(p.fanout[int(h.b[0])*4:]))
	for lo < hi {
		m := (lo + hi) / 2
		switch c := compareIDs(p.ids[m*p.size:(m+1)*p.size], h.b[:p.size]); {
		case c == 0:
			return p.offsetAt(m)
		case c < 0:
			lo = m + 1
		default:
			hi = m
		}
	}
	return -1
}

func be32(b []byte) uint32 {
	return uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
}

func compareIDs(a, b []byte) int {
	for i := range a {
		if a[i] != b[i] {
			return int(a[i]) - int(b[i])
		}
	}
	return 0
}

// checkFind looks up every id of the repository's packs, each id with
// its last bytes changed (absent, or another id), and random ids, and
// compares with the plain binary search.
func checkFind(t *testing.T, dir string) {
	r, err := FindRepo(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	rng := rand.New(rand.NewPCG(3, 4))
	n := 0
	for _, p := range r.odb.packList() {
		for i := range p.n {
			h := hashFrom(p.ids[i*p.size : (i+1)*p.size])
			if got := p.find(&h); got != p.offsetAt(i) {
				t.Fatalf("%s: find(%s) = %d, want %d", p.name, h, got, p.offsetAt(i))
			}
			for _, at := range []int{1, 5, 8, 9, p.size - 1} {
				probe := h
				probe.b[at] ^= byte(1 + rng.IntN(255))
				if got, want := p.find(&probe), findByBinarySearch(p, &probe); got != want {
					t.Fatalf("%s: find(%s) = %d, the binary search %d", p.name, probe, got, want)
				}
			}
			n++
		}
		for range 10000 {
			var h Hash
			for i := range p.size {
				h.b[i] = byte(rng.IntN(256))
			}
			h.sha256 = p.size == 32
			if got, want := p.find(&h), findByBinarySearch(p, &h); got != want {
				t.Fatalf("%s: find(%s) = %d, the binary search %d", p.name, h, got, want)
			}
		}
	}
	if n < 50 {
		t.Fatalf("only %d packed ids", n)
	}
}

func TestPackFindMatchesBinarySearch(t *testing.T) {
	for _, format := range objectFormats {
		t.Run(format, func(t *testing.T) {
			e := deltaRepo(t, format)
			e.git("gc", "-q")
			checkFind(t, e.repo)
		})
	}
	t.Run("tauri", func(t *testing.T) {
		dir := "/work/.mirror/tauri-apps+tauri/repo"
		if _, err := os.Stat(dir); err != nil || testing.Short() {
			t.Skip("no tauri mirror, or -short")
		}
		checkFind(t, dir)
	})
}

// syntheticPack is an index of the given ids alone (sorted here), each
// at an offset equal to its position.
func syntheticPack(ids [][]byte, size int) *pack {
	slices.SortFunc(ids, compareIDs)
	ids = slices.CompactFunc(ids, func(a, b []byte) bool { return compareIDs(a, b) == 0 })
	p := &pack{name: "synthetic", size: size, n: len(ids), fanout: make([]byte, 1024), offsets: make([]byte, 4*len(ids))}
	for i, id := range ids {
		p.ids = append(p.ids, id...)
		binary.BigEndian.PutUint32(p.offsets[4*i:], uint32(i))
	}
	for b := range 256 {
		n := sort.Search(len(ids), func(i int) bool { return int(ids[i][0]) > b })
		binary.BigEndian.PutUint32(p.fanout[4*b:], uint32(n))
	}
	return p
}

// Interpolation on indexes a real one rarely is: uniform, clustered in
// a narrow range, sharing long prefixes, and all in one fanout bucket.
func TestPackFindSkewedIndexes(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	random := func(size int, fix func([]byte)) []byte {
		b := make([]byte, size)
		for i := range b {
			b[i] = byte(rng.IntN(256))
		}
		fix(b)
		return b
	}
	for name, fix := range map[string]func([]byte){
		"uniform":     func([]byte) {},
		"one bucket":  func(b []byte) { b[0] = 0x42 },
		"narrow":      func(b []byte) { b[0], b[1], b[2] = 0x42, 0x10, b[2]&3 },
		"long prefix": func(b []byte) { copy(b, "\x42\x42\x42\x42\x42\x42\x42\x42\x42\x42"[:min(10, len(b))]) },
		"two clumps":  func(b []byte) { b[0], b[1] = 0x42, byte(rng.IntN(2))*0xff },
	} {
		for _, size := range []int{20, 32} {
			var ids [][]byte
			for range 20000 {
				ids = append(ids, random(size, fix))
			}
			p := syntheticPack(ids, size)
			for i := range p.n {
				h := hashFrom(p.ids[i*size : (i+1)*size])
				if got := p.find(&h); got != int64(i) {
					t.Fatalf("%s/%d: find(id %d) = %d", name, size, i, got)
				}
			}
			for range 20000 {
				h := hashFrom(random(size, fix))
				if got, want := p.find(&h), findByBinarySearch(p, &h); got != want {
					t.Fatalf("%s/%d: find(%s) = %d, the binary search %d", name, size, h, got, want)
				}
			}
		}
	}
}
