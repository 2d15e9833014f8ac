//go:build !linux

package scanheap

func hugePagesOffered() bool { return false }

func reserve(int) bool { return false }
