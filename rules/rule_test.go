package rules

import (
	"strings"
	"testing"
)

func TestValidateSeverityAndCWE(t *testing.T) {
	for _, tc := range []struct {
		severity float64
		cwe      []int
		err      string // "" when valid
	}{
		{0.1, nil, ""},
		{5.5, []int{22, 200}, ""},
		{10, nil, ""},
		{0, nil, "security-severity 0 "},
		{0.05, nil, "security-severity"},
		{10.1, nil, "security-severity"},
		{-1, nil, "security-severity"},
		{5.55, nil, "security-severity 5.55"},
		{5.5, []int{79, 0}, "bad CWE"},
		{5.5, []int{-22}, "bad CWE"},
	} {
		r := &Rule{ID: "TA-CFG-999", Name: "x", Title: "t", Doc: "d", Level: Note, Severity: tc.severity, CWE: tc.cwe,
			Run: func(*Pass) error { return nil }}
		err := Validate([]*Rule{r})
		if tc.err == "" && err != nil || tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)) {
			t.Errorf("severity %v, CWE %v: got %v, want %q", tc.severity, tc.cwe, err, tc.err)
		}
	}
}

func TestSeverityText(t *testing.T) {
	for in, want := range map[float64]string{5.5: "5.5", 10: "10.0", 0.1: "0.1", 3: "3.0"} {
		if got := SeverityText(in); got != want {
			t.Errorf("SeverityText(%v) = %q, want %q", in, got, want)
		}
	}
}
