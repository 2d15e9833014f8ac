//go:build race

package scanheap

// raceEnabled: the race runtime maps terabytes of shadow memory, so a
// child under an address-space limit cannot start.
const raceEnabled = true
