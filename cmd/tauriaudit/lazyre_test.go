package main

import (
	"testing"

	"github.com/tauriaudit/tauriaudit/internal/lazyre"
)

// Package-level expressions compile on first use; this binary links every
// package, so compiling them all here finds a bad one before a user's run
// reaches it.
func TestEveryLazyRegexpCompiles(t *testing.T) {
	if n := lazyre.Count(); n < 80 {
		t.Fatalf("only %d lazy expressions registered; expected the project's package-level ones", n)
	}
	if expr, err := lazyre.CompileAll(); err != nil {
		t.Fatalf("%q: %v", expr, err)
	}
}
