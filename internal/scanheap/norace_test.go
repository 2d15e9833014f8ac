//go:build !race

package scanheap

const raceEnabled = false
