package sarifschema

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/mod/semver"
)

// GitHub's documented limits and required properties for an uploaded
// SARIF file ("SARIF support for code scanning", docs.github.com):
// more results, rules or runs and the upload is rejected; more tags per
// rule than shown are dropped; a result without a located file is not
// displayed.
const (
	MaxRuns            = 20
	MaxResultsPerRun   = 25_000
	MaxRulesPerRun     = 25_000
	MaxLocations       = 1_000
	MaxTagsShown       = 10
	MaxNameLen         = 255
	MaxDescriptionText = 1024
)

type ghLog struct {
	Schema  string  `json:"$schema"`
	Version string  `json:"version"`
	Runs    []ghRun `json:"runs"`
}

type ghRun struct {
	Tool struct {
		Driver struct {
			Name            string   `json:"name"`
			SemanticVersion *string  `json:"semanticVersion"`
			Rules           []ghRule `json:"rules"`
		} `json:"driver"`
	} `json:"tool"`
	Results *[]ghResult `json:"results"`
}

type ghText struct {
	Text string `json:"text"`
}

type ghRule struct {
	ID                   string `json:"id"`
	Name                 string `json:"name"`
	ShortDescription     ghText `json:"shortDescription"`
	FullDescription      ghText `json:"fullDescription"`
	Help                 ghText `json:"help"`
	DefaultConfiguration struct {
		Level string `json:"level"`
	} `json:"defaultConfiguration"`
	Properties struct {
		Tags             []string `json:"tags"`
		SecuritySeverity string   `json:"security-severity"`
		Precision        string   `json:"precision"`
	} `json:"properties"`
}

type ghResult struct {
	RuleID    string `json:"ruleId"`
	Level     string `json:"level"`
	Message   ghText `json:"message"`
	Locations []struct {
		PhysicalLocation struct {
			ArtifactLocation struct {
				URI string `json:"uri"`
			} `json:"artifactLocation"`
			Region *struct {
				StartLine int `json:"startLine"`
			} `json:"region"`
		} `json:"physicalLocation"`
	} `json:"locations"`
	PartialFingerprints map[string]string `json:"partialFingerprints"`
}

// CheckGitHub lists every way data breaks what GitHub code scanning
// needs to accept, place and rate each result: the documented limits and
// required properties, a file and a start line for every result, and a
// security-severity in the band of the result's level (error: 7.0 and
// up, high or critical; warning: 4.0–6.9, medium; note: below 4.0, low),
// since GitHub rates a result by its rule's security-severity alone.
func CheckGitHub(data []byte) []error {
	var log ghLog
	if err := json.Unmarshal(data, &log); err != nil {
		return []error{err}
	}
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	if log.Version != "2.1.0" || log.Schema == "" {
		bad("$schema and version 2.1.0 are required")
	}
	if len(log.Runs) == 0 || len(log.Runs) > MaxRuns {
		bad("%d runs, want 1..%d", len(log.Runs), MaxRuns)
	}
	for _, run := range log.Runs {
		errs = append(errs, checkRun(&run)...)
	}
	return errs
}

func checkRun(run *ghRun) []error {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	d := &run.Tool.Driver
	if d.Name == "" {
		bad("tool.driver.name is required")
	}
	if v := d.SemanticVersion; v != nil && (!semver.IsValid("v"+*v) || strings.HasPrefix(*v, "v")) {
		bad("semanticVersion %q is not SemVer 2.0", *v)
	}
	if len(d.Rules) > MaxRulesPerRun {
		bad("%d rules, over %d", len(d.Rules), MaxRulesPerRun)
	}
	rules := map[string]*ghRule{}
	for i := range d.Rules {
		r := &d.Rules[i]
		rules[r.ID] = r
		errs = append(errs, checkRule(r)...)
	}
	if run.Results == nil {
		bad("results[] is required, even empty")
		return errs
	}
	if n := len(*run.Results); n > MaxResultsPerRun {
		bad("%d results, over %d", n, MaxResultsPerRun)
	}
	for i, res := range *run.Results {
		if err := checkResult(&res, rules[res.RuleID]); err != nil {
			bad("result %d (%s): %v", i, res.RuleID, err)
		}
	}
	return errs
}

func checkRule(r *ghRule) []error {
	var errs []error
	bad := func(format string, args ...any) {
		errs = append(errs, fmt.Errorf("rule %s: "+format, append([]any{r.ID}, args...)...))
	}
	switch {
	case r.ID == "":
		bad("id is required")
	case r.ShortDescription.Text == "" || r.FullDescription.Text == "" || r.Help.Text == "":
		bad("shortDescription, fullDescription and help text are required")
	case r.ShortDescription.Text == r.FullDescription.Text:
		bad("shortDescription and fullDescription are the same")
	}
	if utf8.RuneCountInString(r.Name) > MaxNameLen {
		bad("name over %d characters", MaxNameLen)
	}
	for _, s := range []string{r.ShortDescription.Text, r.FullDescription.Text} {
		if utf8.RuneCountInString(s) > MaxDescriptionText {
			bad("description over %d characters", MaxDescriptionText)
		}
	}
	if len(r.Properties.Tags) > MaxTagsShown || len(r.Properties.Tags) == 0 || r.Properties.Tags[0] != "security" {
		bad("tags %v: want \"security\" first and at most %d (GitHub shows only %d)", r.Properties.Tags, MaxTagsShown, MaxTagsShown)
	}
	switch r.Properties.Precision {
	case "very-high", "high", "medium", "low":
	default:
		bad("precision %q", r.Properties.Precision)
	}
	if _, err := severityBand(r.Properties.SecuritySeverity); err != nil {
		bad("%v", err)
	}
	return errs
}

func checkResult(res *ghResult, r *ghRule) error {
	switch {
	case r == nil:
		return fmt.Errorf("no rule with this id")
	case res.Message.Text == "":
		return fmt.Errorf("message.text is required")
	case len(res.Locations) == 0 || len(res.Locations) > MaxLocations:
		return fmt.Errorf("%d locations, want 1..%d", len(res.Locations), MaxLocations)
	case len(res.PartialFingerprints) == 0:
		return fmt.Errorf("no partialFingerprints")
	}
	pl := res.Locations[0].PhysicalLocation
	if uri := pl.ArtifactLocation.URI; uri == "" || uri == "." || strings.HasPrefix(uri, "../") || strings.HasSuffix(uri, "/") {
		return fmt.Errorf("uri %q is not a file in the repository", uri)
	}
	if pl.Region == nil || pl.Region.StartLine < 1 {
		return fmt.Errorf("no region.startLine ≥ 1")
	}
	level := res.Level
	if level == "" {
		level = r.DefaultConfiguration.Level
	}
	band, _ := severityBand(r.Properties.SecuritySeverity)
	if band == "critical" {
		band = "high" // both are an error's
	}
	if want := levelBand(level); band != want {
		return fmt.Errorf("level %s is shown with security-severity %s (%s), want %s", level, r.Properties.SecuritySeverity, band, want)
	}
	return nil
}

// severityBand is GitHub's rating of a security-severity string.
func severityBand(s string) (string, error) {
	v, err := strconv.ParseFloat(s, 64)
	switch {
	case err != nil || v <= 0 || v > 10:
		return "", fmt.Errorf("security-severity %q is not a score in (0, 10]", s)
	case v >= 9.0:
		return "critical", nil
	case v >= 7.0:
		return "high", nil
	case v >= 4.0:
		return "medium", nil
	}
	return "low", nil
}

// levelBand is the rating a level must be shown with; an error may be
// high or critical, which severityBand tells apart.
func levelBand(level string) string {
	switch level {
	case "error":
		return "high"
	case "warning":
		return "medium"
	}
	return "low"
}
