//go:build !race

package testenv

const raceFactor = 1
