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
	"unicode/utf8"

	"golang.org/x/mod/semver"

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
	Tool               sarifTool                    `json:"tool"`
	OriginalURIBaseIDs map[string]sarifBaseArtifact `json:"originalUriBaseIds"`
	ColumnKind         string                       `json:"columnKind"`
	Results            []sarifResult                `json:"results"` // never omitted: GitHub needs it, even empty
}

// sarifBaseArtifact describes %SRCROOT% without a uri: the absolute path
// of the checkout is machine-specific, and GitHub resolves relative URIs
// against the repository root anyway.
type sarifBaseArtifact struct {
	Description sarifMessage `json:"description"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name            string      `json:"name"`
	Version         string      `json:"version"`
	SemanticVersion string      `json:"semanticVersion,omitempty"`
	InformationURI  string      `json:"informationUri"`
	Rules           []sarifRule `json:"rules,omitempty"`
}

type sarifRule struct {
	ID                   string           `json:"id"`
	Name                 string           `json:"name"`
	ShortDescription     sarifMessage     `json:"shortDescription"`
	FullDescription      sarifMessage     `json:"fullDescription"`
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
	Precision        string   `json:"precision,omitempty"`
	// Rule is the tauriaudit rule ID of a level variant ("TA-CSP-003"
	// for "TA-CSP-003/note"), the ID .tauriaudit.toml and inline ignores
	// name.
	Rule        string `json:"tauriaudit/rule,omitempty"`
	ReleaseGate bool   `json:"release-gate,omitempty"`
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
	Variant     string   `json:"variant,omitempty"` // the build variant, "release.conf.json via …:42"
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

const srcRootText = "The repository root: the top of the git work tree holding the scanned folder, or the scanned folder when it is in none."

func writeSARIF(w io.Writer, d *Document) error {
	run := sarifRun{
		Tool: sarifTool{Driver: sarifDriver{Name: d.Tool.Name, Version: d.Tool.Version, SemanticVersion: semanticVersion(d.Tool.Version),
			InformationURI: d.Tool.URI, Rules: sarifRules(d)}},
		OriginalURIBaseIDs: map[string]sarifBaseArtifact{srcRoot: {Description: sarifMessage{Text: srcRootText}}},
		ColumnKind:         "unicodeCodePoints",
		Results:            []sarifResult{},
	}
	byID := rulesByID(d.Rules)
	for _, f := range d.Findings {
		run.Results = append(run.Results, newSARIFResult(d, f, byID[f.RuleID]))
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(sarifLog{Schema: sarifSchema, Version: "2.1.0", Runs: []sarifRun{run}})
}

// semanticVersion is the tool version as SemVer 2.0 (no leading "v"),
// or "" when the build has none ("devel", a -X value that is not one).
func semanticVersion(v string) string {
	if !strings.HasPrefix(v, "v") {
		v = "v" + v
	}
	if !semver.IsValid(v) || semver.Canonical(v)+semver.Build(v) != v {
		return ""
	}
	return strings.TrimPrefix(v, "v")
}

func rulesByID(rs []*rules.Rule) map[string]*rules.Rule {
	m := make(map[string]*rules.Rule, len(rs))
	for _, r := range rs {
		m[r.ID] = r
	}
	return m
}

// sarifRuleID is the SARIF rule a finding reports under. GitHub takes a
// result's security-severity from its rule only, so a finding whose level
// is not its rule's default reports under a variant of the rule for that
// level ("TA-CSP-003/note"), rated in the level's band: an inert note is
// never shown as "high". Findings at the default level, most of them,
// keep the plain rule ID.
func sarifRuleID(f rules.Finding, r *rules.Rule) string {
	if r == nil || f.Level == r.Level {
		return f.RuleID
	}
	return f.RuleID + "/" + string(f.Level)
}

// sarifRules describes the rules (and level variants) that have results,
// suppressed ones included, in ID order.
func sarifRules(d *Document) []sarifRule {
	byID := rulesByID(d.Rules)
	used := map[string]bool{}
	var out []sarifRule
	for _, f := range d.Findings {
		r := byID[f.RuleID]
		id := sarifRuleID(f, r)
		if r == nil || used[id] {
			continue
		}
		used[id] = true
		out = append(out, newSARIFRule(r, id, f.Level))
	}
	slices.SortFunc(out, func(a, b sarifRule) int { return strings.Compare(a.ID, b.ID) })
	return out
}

func newSARIFRule(r *rules.Rule, id string, level rules.Level) sarifRule {
	help := helpBase + r.ID + ".md"
	props := sarifRuleDetails{Tags: Tags(r), SecuritySeverity: rules.SeverityText(r.SeverityAt(level)),
		Precision: string(r.Precision), ReleaseGate: r.Gate}
	short := r.Title
	if id != r.ID {
		props.Rule = r.ID
		short += " (" + string(level) + ")"
	}
	return sarifRule{
		ID:                   id,
		Name:                 r.Name,
		ShortDescription:     sarifMessage{Text: clip(short, maxDescription)},
		FullDescription:      sarifMessage{Text: clip(fullDescription(r), maxDescription)},
		Help:                 sarifHelp{Text: r.Title + ". Documentation: " + help, Markdown: r.Doc},
		HelpURI:              help,
		DefaultConfiguration: sarifRuleConfig{Level: string(level)},
		Properties:           props,
	}
}

// maxDescription is GitHub's limit on shortDescription.text and
// fullDescription.text.
const maxDescription = 1024

// fullDescription is the first paragraph of the rule's documentation as
// one line of plain text: what the rule is about and why, where the
// short description is only its title.
func fullDescription(r *rules.Rule) string {
	para, _, _ := strings.Cut(strings.TrimSpace(r.Doc), "\n\n")
	text := strings.Join(strings.Fields(plainMarkdown(para)), " ")
	if text == "" || text == r.Title {
		return r.Title + ": see " + helpBase + r.ID + ".md"
	}
	return text
}

// plainMarkdown drops code-span backticks and, outside code spans, bold
// markers, leaving the words of a paragraph.
func plainMarkdown(s string) string {
	var b strings.Builder
	inCode := false
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '`':
			inCode = !inCode
		case !inCode && strings.HasPrefix(s[i:], "**"):
			i++
		default:
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

// clip shortens s to at most n bytes on a rune boundary, marking the cut.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n - len("…")
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

func newSARIFResult(d *Document, f rules.Finding, r *rules.Rule) sarifResult {
	res := sarifResult{
		RuleID:              sarifRuleID(f, r),
		Level:               string(f.Level),
		Message:             sarifMessage{Text: f.Message},
		Locations:           []sarifLocation{newSARIFLocation(d, f.Location)},
		PartialFingerprints: map[string]string{fingerprintKey: f.Fingerprint},
	}
	for _, r := range f.Related {
		loc := newSARIFLocation(d, r.Location)
		loc.Message = &sarifMessage{Text: r.Message}
		res.RelatedLocations = append(res.RelatedLocations, loc)
	}
	props := sarifFindingProps{JSONPointer: f.Location.Pointer, Platforms: f.Platforms, Subject: f.Subject,
		App: f.App, Commit: f.Location.Commit, Variant: f.Variant}
	if props.JSONPointer != "" || len(props.Platforms) > 0 || props.Subject != "" || props.App != "" || props.Commit != "" || props.Variant != "" {
		res.Properties = &props
	}
	if f.Suppressed != nil {
		res.Suppressions = []sarifSuppression{{Kind: suppressionKind(f.Suppressed), Status: "accepted", Justification: f.Suppressed.Reason}}
	}
	return res
}

// suppressionKind is "inSource" for an inline tauriaudit-ignore comment
// and "external" for .tauriaudit.toml or a baseline.
func suppressionKind(s *rules.Suppression) string {
	if s.Inline {
		return "inSource"
	}
	return "external"
}

// newSARIFLocation places l in the repository. Every location gets a
// region: GitHub needs a start line to show a result, so one about a
// whole file (unreadable, a symlink) points at its first line.
func newSARIFLocation(d *Document, l source.Location) sarifLocation {
	loc := sarifLocation{PhysicalLocation: sarifPhysical{ArtifactLocation: sarifArtifact{URI: sarifURI(d.RepoFile(l.File)), URIBaseID: srcRoot}}}
	reg := &sarifRegion{StartLine: 1, StartColumn: 1}
	if l.Start.IsValid() {
		reg.StartLine, reg.StartColumn = l.Start.Line, max(l.Start.Col, 1)
		if l.End.IsValid() && (l.End.Line > l.Start.Line || l.End.Col > l.Start.Col) {
			reg.EndLine, reg.EndColumn = l.End.Line, l.End.Col
		}
	}
	loc.PhysicalLocation.Region = reg
	if l.Commit != "" {
		// SARIF has no "commit" kind; "resource" is its kind for a named
		// thing that is not code, and the name says what it is.
		loc.LogicalLocations = []sarifLogicalLocation{{Name: l.Commit, Kind: "resource", FullyQualifiedName: "commit:" + l.Commit}}
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
