package report

// SARIF for GitHub code scanning. What GitHub needs (checked against its
// SARIF support documentation, see ../shared/design/go-libs.md §1):
//   - run.tool.driver.rules[] with id, name, shortDescription, help.markdown
//     (help.text, which the schema requires, is a one-line pointer to the
//     same page), defaultConfiguration.level, and properties.tags (with
//     "security") plus properties["security-severity"] as a string score:
//     that is what makes a result a security alert;
//   - results[] always present (an empty run still needs "results": []);
//   - result.locations[0] with a repository-relative artifactLocation.uri;
//     we also set uriBaseId %SRCROOT%;
//   - partialFingerprints, so alerts survive line moves;
//   - suppressed findings stay in the log with suppressions[kind=external].
// The log is written from our own types rather than a SARIF library's, so
// it holds only what is set: no empty arrays, no -1 placeholders. Only the
// rules that have results are listed, and results refer to them by ruleId
// alone (ruleIndex is optional), so adding a rule adds lines to a log
// without renumbering the others.

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/tauriaudit/tauriaudit/rules"
	"github.com/tauriaudit/tauriaudit/rules/source"
)

const (
	sarifSchema    = "https://raw.githubusercontent.com/oasis-tcs/sarif-spec/main/sarif-2.1/schema/sarif-schema-2.1.0.json"
	srcRoot        = "%SRCROOT%"
	fingerprintKey = "tauriaudit/v1"
	helpBase       = "https://github.com/tauriaudit/tauriaudit/blob/main/docs/rules/"
)

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool       sarifTool     `json:"tool"`
	ColumnKind string        `json:"columnKind"`
	Results    []sarifResult `json:"results"` // never omitted: GitHub needs it, even empty
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name            string      `json:"name"`
	Version         string      `json:"version"`
	SemanticVersion string      `json:"semanticVersion"`
	InformationURI  string      `json:"informationUri"`
	Rules           []sarifRule `json:"rules,omitempty"`
}

type sarifRule struct {
	ID                   string           `json:"id"`
	Name                 string           `json:"name"`
	ShortDescription     sarifMessage     `json:"shortDescription"`
	Help                 sarifHelp        `json:"help"`
	HelpURI              string           `json:"helpUri"`
	DefaultConfiguration sarifRuleConfig  `json:"defaultConfiguration"`
	Properties           sarifRuleDetails `json:"properties"`
}

type sarifHelp struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown"`
}

type sarifRuleConfig struct {
	Level string `json:"level"`
}

type sarifRuleDetails struct {
	Tags             []string `json:"tags"`
	SecuritySeverity string   `json:"security-severity"`
	Precision        string   `json:"precision"`
	ReleaseGate      bool     `json:"release-gate,omitempty"`
}

type sarifMessage struct {
	Text string `json:"text"`
}

type sarifResult struct {
	RuleID              string             `json:"ruleId"`
	Level               string             `json:"level"`
	Message             sarifMessage       `json:"message"`
	Locations           []sarifLocation    `json:"locations"`
	RelatedLocations    []sarifLocation    `json:"relatedLocations,omitempty"`
	PartialFingerprints map[string]string  `json:"partialFingerprints"`
	Suppressions        []sarifSuppression `json:"suppressions,omitempty"`
	Properties          *sarifFindingProps `json:"properties,omitempty"`
}

type sarifFindingProps struct {
	JSONPointer string   `json:"jsonPointer,omitempty"`
	Platforms   []string `json:"platforms,omitempty"`
	Subject     string   `json:"subject,omitempty"`
	App         string   `json:"app,omitempty"`
	Commit      string   `json:"commit,omitempty"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysical          `json:"physicalLocation"`
	LogicalLocations []sarifLogicalLocation `json:"logicalLocations,omitempty"`
	Message          *sarifMessage          `json:"message,omitempty"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
	Region           *sarifRegion  `json:"region,omitempty"`
}

type sarifArtifact struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn"`
	EndLine     int `json:"endLine,omitempty"`
	EndColumn   int `json:"endColumn,omitempty"`
}

type sarifLogicalLocation struct {
	Name               string `json:"name"`
	Kind               string `json:"kind"`
	FullyQualifiedName string `json:"fullyQualifiedName"`
}

type sarifSuppression struct {
	Kind          string `json:"kind"`
	Status        string `json:"status"`
	Justification string `json:"justification,omitempty"`
}

func writeSARIF(w io.Writer, d *Document) error {
	run := sarifRun{
		Tool: sarifTool{Driver: sarifDriver{Name: d.Tool.Name, Version: d.Tool.Version, SemanticVersion: d.Tool.Version,
			InformationURI: d.Tool.URI, Rules: sarifRules(d)}},
		ColumnKind: "unicodeCodePoints",
		Results:    []sarifResult{},
	}
	for _, f := range d.Findings {
		run.Results = append(run.Results, newSARIFResult(f))
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(sarifLog{Schema: sarifSchema, Version: "2.1.0", Runs: []sarifRun{run}})
}

// sarifRules describes the rules that ran and have results (suppressed
// ones included), in ID order.
func sarifRules(d *Document) []sarifRule {
	used := map[string]bool{}
	for _, f := range d.Findings {
		used[f.RuleID] = true
	}
	var out []sarifRule
	for _, r := range d.Rules {
		if !used[r.ID] {
			continue
		}
		used[r.ID] = false // listed once
		help := helpBase + r.ID + ".md"
		out = append(out, sarifRule{
			ID:                   r.ID,
			Name:                 r.Name,
			ShortDescription:     sarifMessage{Text: r.Title},
			Help:                 sarifHelp{Text: r.Title + ". Documentation: " + help, Markdown: r.Doc},
			HelpURI:              help,
			DefaultConfiguration: sarifRuleConfig{Level: string(r.Level)},
			Properties: sarifRuleDetails{Tags: Tags(r), SecuritySeverity: rules.SeverityText(r.Severity),
				Precision: "high", ReleaseGate: r.Gate},
		})
	}
	slices.SortFunc(out, func(a, b sarifRule) int { return strings.Compare(a.ID, b.ID) })
	return out
}

func newSARIFResult(f rules.Finding) sarifResult {
	res := sarifResult{
		RuleID:              f.RuleID,
		Level:               string(f.Level),
		Message:             sarifMessage{Text: f.Message},
		Locations:           []sarifLocation{newSARIFLocation(f.Location)},
		PartialFingerprints: map[string]string{fingerprintKey: f.Fingerprint},
	}
	for _, r := range f.Related {
		loc := newSARIFLocation(r.Location)
		loc.Message = &sarifMessage{Text: r.Message}
		res.RelatedLocations = append(res.RelatedLocations, loc)
	}
	props := sarifFindingProps{JSONPointer: f.Location.Pointer, Platforms: f.Platforms, Subject: f.Subject,
		App: f.App, Commit: f.Location.Commit}
	if props.JSONPointer != "" || len(props.Platforms) > 0 || props.Subject != "" || props.App != "" || props.Commit != "" {
		res.Properties = &props
	}
	if f.Suppressed != nil {
		res.Suppressions = []sarifSuppression{{Kind: "external", Status: "accepted", Justification: f.Suppressed.Reason}}
	}
	return res
}

func newSARIFLocation(l source.Location) sarifLocation {
	loc := sarifLocation{PhysicalLocation: sarifPhysical{ArtifactLocation: sarifArtifact{URI: sarifURI(l.File), URIBaseID: srcRoot}}}
	if l.Start.IsValid() {
		reg := &sarifRegion{StartLine: l.Start.Line, StartColumn: l.Start.Col}
		if l.End.IsValid() && (l.End.Line > l.Start.Line || l.End.Col > l.Start.Col) {
			reg.EndLine, reg.EndColumn = l.End.Line, l.End.Col
		}
		loc.PhysicalLocation.Region = reg
	}
	if l.Commit != "" {
		loc.LogicalLocations = []sarifLogicalLocation{{Name: l.Commit, Kind: "commit", FullyQualifiedName: "commit:" + l.Commit}}
	}
	return loc
}

// sarifURI turns a slash path into the relative URI reference SARIF
// requires (RFC 3986): every byte but unreserved characters, sub-delims,
// '@' and '/' is percent-encoded, so names with spaces, '%', '#', '?',
// control characters or non-UTF-8 bytes decode back exactly, and a ':'
// cannot make the first segment read as a scheme.
func sarifURI(p string) string {
	const keep = "-._~!$&'()*+,;=@/"
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		c := p[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte(keep, c) >= 0 {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}
