package report

// SARIF for GitHub code scanning. What GitHub needs (checked against its
// SARIF support documentation, see ../shared/design/go-libs.md §1):
//   - run.tool.driver.rules[] with id, name, shortDescription, fullDescription,
//     help.text and help.markdown, defaultConfiguration.level, and
//     properties.tags (with "security") plus properties["security-severity"]
//     as a string score: that is what makes a result a security alert;
//   - results[] always present (an empty run still needs "results": []);
//   - result.locations[0] with a repository-relative artifactLocation.uri;
//     we also set uriBaseId %SRCROOT%;
//   - partialFingerprints, so alerts survive line moves;
//   - suppressed findings stay in the log with suppressions[kind=external].
// go-sarif v3 is used because v2 emits null members in suppressions, which
// the upload action's schema check rejects.

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/owenrumney/go-sarif/v3/pkg/report"
	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"

	"github.com/tauriaudit/tauriaudit/rules"
	"github.com/tauriaudit/tauriaudit/rules/source"
)

const (
	srcRoot        = "%SRCROOT%"
	fingerprintKey = "tauriaudit/v1"
	helpBase       = "https://github.com/tauriaudit/tauriaudit/blob/main/docs/rules/"
)

func writeSARIF(w io.Writer, d *Document) error {
	log := report.NewV210Report()
	run := sarif.NewRunWithInformationURI(d.Tool.Name, d.Tool.URI)
	run.Tool.Driver.WithVersion(d.Tool.Version).WithSemanticVersion(d.Tool.Version)
	run.ColumnKind = ptr("unicodeCodePoints")
	index := addRules(run, d)
	run.Results = []*sarif.Result{}
	for _, f := range d.Findings {
		run.Results = append(run.Results, sarifResult(f, index))
	}
	log.AddRun(run)
	return log.PrettyWrite(w)
}

// addRules adds every rule that ran, plus any rule a finding names that
// is not in the list, and returns each rule's index.
func addRules(run *sarif.Run, d *Document) map[string]int {
	byID := map[string]*rules.Rule{}
	for _, r := range d.Rules {
		byID[r.ID] = r
	}
	ids := make([]string, 0, len(byID))
	for id := range byID {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	index := map[string]int{}
	for i, id := range ids {
		r := byID[id]
		index[id] = i
		pb := sarif.NewPropertyBag()
		pb.Add("tags", Tags(r))
		pb.Add("security-severity", rules.SeverityText(r.Severity))
		pb.Add("precision", "high")
		if r.Gate {
			pb.Add("release-gate", true)
		}
		run.AddRule(r.ID).
			WithName(r.Name).
			WithShortDescription(sarif.NewMultiformatMessageString().WithText(r.Title)).
			WithFullDescription(sarif.NewMultiformatMessageString().WithText(r.Title)).
			WithHelp(sarif.NewMultiformatMessageString().WithText(r.Doc).WithMarkdown(r.Doc)).
			WithHelpURI(helpBase + r.ID + ".md").
			WithDefaultConfiguration(sarif.NewReportingConfiguration().WithLevel(string(r.Level))).
			WithProperties(pb)
	}
	return index
}

func sarifResult(f rules.Finding, index map[string]int) *sarif.Result {
	res := sarif.NewRuleResult(f.RuleID).
		WithLevel(string(f.Level)).
		WithMessage(sarif.NewTextMessage(f.Message)).
		WithPartialFingerprints(map[string]string{fingerprintKey: f.Fingerprint})
	if i, ok := index[f.RuleID]; ok {
		res.WithRuleIndex(i)
	}
	res.Locations = []*sarif.Location{sarifLocation(f.Location)}
	for _, r := range f.Related {
		loc := sarifLocation(r.Location).WithMessage(sarif.NewTextMessage(r.Message))
		res.RelatedLocations = append(res.RelatedLocations, loc)
	}
	pb := sarif.NewPropertyBag()
	if f.Location.Pointer != "" {
		pb.Add("jsonPointer", f.Location.Pointer)
	}
	if len(f.Platforms) > 0 {
		pb.Add("platforms", f.Platforms)
	}
	if f.Subject != "" {
		pb.Add("subject", f.Subject)
	}
	if f.App != "" {
		pb.Add("app", f.App)
	}
	if f.Location.Commit != "" {
		pb.Add("commit", f.Location.Commit)
	}
	res.WithProperties(pb)
	if f.Suppressed != nil {
		res.Suppressions = []*sarif.Suppression{sarif.NewSuppression().WithKind("external").
			WithStatus("accepted").WithJustification(f.Suppressed.Reason)}
	}
	return res
}

func sarifLocation(l source.Location) *sarif.Location {
	art := sarif.NewSimpleArtifactLocation(sarifURI(l.File)).WithURIBaseID(srcRoot)
	phys := sarif.NewPhysicalLocation().WithArtifactLocation(art)
	if l.Start.IsValid() {
		reg := sarif.NewRegion().WithStartLine(l.Start.Line).WithStartColumn(l.Start.Col)
		if l.End.IsValid() && (l.End.Line > l.Start.Line || l.End.Col > l.Start.Col) {
			reg.WithEndLine(l.End.Line).WithEndColumn(l.End.Col)
		}
		phys.WithRegion(reg)
	}
	loc := sarif.NewLocationWithPhysicalLocation(phys)
	if l.Commit != "" {
		loc.LogicalLocations = []*sarif.LogicalLocation{sarif.NewLogicalLocation().
			WithName(l.Commit).WithKind("commit").WithFullyQualifiedName("commit:" + l.Commit)}
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

func ptr[T any](v T) *T { return &v }
