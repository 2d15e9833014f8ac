package rules

import (
	"encoding/json"
	"fmt"
	"io"
)

// BaselineSchema names the baseline file format.
const BaselineSchema = "tauriaudit-baseline/v1"

// Baseline is a set of accepted findings, by fingerprint. Fingerprints
// leave lines out, so a baseline survives edits elsewhere in a file.
type Baseline struct {
	Schema   string          `json:"schema"`
	Findings []BaselineEntry `json:"findings"`
}

// BaselineEntry is one accepted finding; only Fingerprint is matched, the
// rest helps a reviewer read the file.
type BaselineEntry struct {
	Fingerprint string `json:"fingerprint"`
	RuleID      string `json:"ruleId"`
	File        string `json:"file"`
	Message     string `json:"message"`
}

// NewBaseline records every unsuppressed finding.
func NewBaseline(fs []Finding) *Baseline {
	b := &Baseline{Schema: BaselineSchema, Findings: []BaselineEntry{}}
	for _, f := range fs {
		if f.Suppressed == nil {
			b.Findings = append(b.Findings, BaselineEntry{f.Fingerprint, f.RuleID, f.Location.File, f.Message})
		}
	}
	return b
}

// Write stores b as indented JSON.
func (b *Baseline) Write(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(b)
}

// ReadBaseline parses a baseline file.
func ReadBaseline(data []byte) (*Baseline, error) {
	var b Baseline
	if err := json.Unmarshal(data, &b); err != nil {
		return nil, fmt.Errorf("baseline: %w", err)
	}
	if b.Schema != BaselineSchema {
		return nil, fmt.Errorf("baseline: schema %q, want %q", b.Schema, BaselineSchema)
	}
	return &b, nil
}

// Apply marks findings already in the baseline as suppressed, so only new
// findings are reported and counted.
func (b *Baseline) Apply(res *Result, source string) {
	known := map[string]bool{}
	for _, e := range b.Findings {
		known[e.Fingerprint] = true
	}
	for i := range res.Findings {
		f := &res.Findings[i]
		if f.Suppressed == nil && known[f.Fingerprint] {
			f.Suppressed = &Suppression{Reason: "in baseline", Source: source}
		}
	}
}
