//go:build race

package testenv

// raceFactor: the race detector makes code about 5–20 times slower.
const raceFactor = 10
