package signing

import "encoding/binary"

// EWAH-compressed bitmaps (git's ewah/), as the split index stores its
// delete and replace sets: a bit count, a word count, that many 64-bit
// big-endian words, and the position of the last run-length word.

// ewahSize returns the length of the serialized bitmap at the start of b.
func ewahSize(b []byte) (int, error) {
	if len(b) < 8 {
		return 0, indexErr("short EWAH bitmap")
	}
	words := uint64(binary.BigEndian.Uint32(b[4:]))
	n := 8 + 8*words + 4
	if n > uint64(len(b)) {
		return 0, indexErr("EWAH bitmap of %d words overruns the extension", words)
	}
	return int(n), nil
}

// ewahEach calls fn with each set bit's position, in increasing order.
// Positions at or past limit are an error, so a hostile run length costs
// no time: the caller's entries bound every position.
func ewahEach(b []byte, limit int, fn func(pos int) error) error {
	if len(b) == 0 {
		return nil
	}
	n, err := ewahSize(b)
	if err != nil {
		return err
	}
	words := b[8 : n-4]
	word := func(i int) uint64 { return binary.BigEndian.Uint64(words[8*i:]) }
	count := len(words) / 8
	pos := uint64(0)
	set := func(p uint64) error {
		if p >= uint64(limit) {
			return indexErr("EWAH bit %d past the %d entries it describes", p, limit)
		}
		return fn(int(p))
	}
	for i := 0; i < count; {
		rlw := word(i)
		i++
		run := rlw >> 1 & (1<<32 - 1)
		literals := int(rlw >> 33)
		if rlw&1 != 0 {
			for k := uint64(0); k < run*64; k++ {
				if err := set(pos + k); err != nil {
					return err
				}
			}
		}
		pos += run * 64
		if literals > count-i {
			return indexErr("EWAH literal words overrun the bitmap")
		}
		for ; literals > 0; literals-- {
			w := word(i)
			i++
			for bit := uint64(0); bit < 64; bit++ {
				if w>>bit&1 != 0 {
					if err := set(pos + bit); err != nil {
						return err
					}
				}
			}
			pos += 64
		}
	}
	return nil
}
