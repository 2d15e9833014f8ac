package rules

import (
	"context"
	"fmt"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/tauriaudit/tauriaudit/rules/source"
)

// MaxFindingsPerFile bounds the distinct findings one rule reports in one
// file of one app. A hostile file (a capability listing four million
// invalid entries) would otherwise make millions of findings and
// gigabytes of report; past the bound one finding says the list is cut.
const MaxFindingsPerFile = 1000

// A Pass is one application of a Rule to a Project.
type Pass struct {
	Rule    *Rule
	Project *Project
	found   []Finding
	perFile map[string]*fileFindings
}

// fileFindings counts one file's findings for MaxFindingsPerFile.
type fileFindings struct {
	keys    map[string]bool // merge keys reported; more targets may repeat one
	dropped bool
	level   Level // the most severe level dropped
}

// Report records f. Empty rule fields and level are filled from the Rule.
func (p *Pass) Report(f Finding) { p.report(f, p.Project.Dir) }

// ReportRepo records a repository-level finding: one about a file no app
// of the scan uses (a tool's lockfile), so it names no app (App "").
func (p *Pass) ReportRepo(f Finding) { p.report(f, "") }

func (p *Pass) report(f Finding, app string) {
	f.RuleID, f.RuleName = p.Rule.ID, p.Rule.Name
	if f.Level == "" {
		f.Level = p.Rule.Level
	}
	f.App = app
	f.Message, f.Subject = capMessage(f.Message), capSubject(f.Subject)
	if p.perFile == nil {
		p.perFile = map[string]*fileFindings{}
	}
	ff := p.perFile[f.Location.File]
	if ff == nil {
		ff = &fileFindings{keys: map[string]bool{}}
		p.perFile[f.Location.File] = ff
	}
	if k := mergeKey(&f); !ff.keys[k] {
		if len(ff.keys) >= MaxFindingsPerFile {
			ff.dropped = true
			if f.Level.Rank() > ff.level.Rank() {
				ff.level = f.Level
			}
			return
		}
		ff.keys[k] = true
	}
	p.found = append(p.found, f)
}

// MaxMessageBytes bounds a finding's message: messages quote values from
// the scanned files, and one 60 KB URL pattern must not make a 60 KB line
// in every report. The location still points at the whole value.
const MaxMessageBytes = 2048

// capMessage cuts msg to MaxMessageBytes, at a character boundary, and
// says how much was cut.
func capMessage(msg string) string {
	if len(msg) <= MaxMessageBytes {
		return msg
	}
	cut := runeFloor(msg, MaxMessageBytes)
	return fmt.Sprintf("%s… (%d more bytes)", msg[:cut], len(msg)-cut)
}

// truncated returns one finding for each file where findings were dropped.
func (p *Pass) truncated() []Finding {
	var out []Finding
	for file, ff := range p.perFile {
		if ff.dropped {
			out = append(out, Finding{RuleID: p.Rule.ID, RuleName: p.Rule.Name, Level: ff.level, App: p.Project.Dir,
				Location: source.Location{File: file}, Subject: "findings truncated",
				Message: fmt.Sprintf("more than %d findings of this rule in this file; the rest are not listed", MaxFindingsPerFile)})
		}
	}
	return out
}

// Reportf reports at loc; subject names what the finding is about.
func (p *Pass) Reportf(loc source.Location, subject, format string, args ...any) {
	p.Report(Finding{Location: loc, Subject: subject, Message: fmt.Sprintf(format, args...)})
}

// ReportOn reports a finding that holds for target t only; the runner
// merges identical findings of several targets into one.
//
// On a build variant's target the finding carries the variant; the runner
// drops it when the plain build has the same finding.
func (p *Pass) ReportOn(t *Target, f Finding) {
	f.Platforms = []string{string(t.Platform)}
	if t.Variant != nil {
		f.Variant = t.Variant.Label
	}
	p.Report(f)
}

// RuleError is a rule that failed or panicked; the other rules still ran.
type RuleError struct {
	RuleID string `json:"ruleId"`
	App    string `json:"app"`
	Err    string `json:"error"`
}

// Result is what Run returns.
type Result struct {
	Findings []Finding   // sorted; merged across platforms and apps
	Errors   []RuleError // rule bugs; they make the run exit 2
}

// Run applies every rule to every project.
func Run(ctx context.Context, projects []*Project, rs []*Rule) *Result {
	res := &Result{}
	var plain, final []*Rule
	for _, r := range rs {
		if r.Final {
			final = append(final, r)
		} else {
			plain = append(plain, r)
		}
	}
	for _, p := range projects {
		res.Errors = append(res.Errors, buildAll(p)...)
		// Final rules read what the others recorded, so they run after.
		for _, group := range [][]*Rule{plain, final} {
			if !runGroup(ctx, res, group, p) {
				return res
			}
		}
	}
	res.Findings = dedupe(res.Findings)
	for i := range res.Findings {
		placeInFile(&res.Findings[i])
	}
	Sort(res.Findings)
	assignFingerprints(res.Findings)
	return res
}

// runGroup runs rs on p on every core and appends their findings and
// errors to res in the order of rs, so the result does not depend on
// scheduling. It returns false when ctx was cancelled before every rule ran.
func runGroup(ctx context.Context, res *Result, rs []*Rule, p *Project) bool {
	found := make([][]Finding, len(rs))
	errs := make([]error, len(rs))
	ran := make([]bool, len(rs))
	parallel(len(rs), func(i int) {
		if ctx.Err() == nil {
			found[i], errs[i] = runOne(rs[i], p)
			ran[i] = true
		}
	})
	for i, r := range rs {
		if !ran[i] { // cancelled: name the first rule that did not run
			res.Errors = append(res.Errors, RuleError{RuleID: r.ID, App: p.Dir, Err: ctx.Err().Error()})
			return false
		}
		if errs[i] != nil {
			res.Errors = append(res.Errors, RuleError{RuleID: r.ID, App: p.Dir, Err: errs[i].Error()})
		}
		res.Findings = append(res.Findings, mergePlatforms(found[i], p)...)
	}
	return true
}

// parallel calls f(0..n-1) on GOMAXPROCS goroutines and waits. f must not
// panic (runOne and buildOne recover); with one core it runs inline.
func parallel(n int, f func(int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	if workers <= 1 {
		for i := range n {
			f(i)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				f(i)
			}
		}()
	}
	wg.Wait()
}

// placeInFile gives a finding about a whole file (unreadable, a symlink,
// a missing setting in an empty file) its first line, so every report
// can point at a line: lines are 1-based everywhere, and GitHub shows a
// result only with a start line.
func placeInFile(f *Finding) {
	fileStart := source.Pos{Line: 1, Col: 1}
	if !f.Location.Start.IsValid() {
		f.Location.Start, f.Location.End = fileStart, source.Pos{}
	}
	for i := range f.Related {
		if !f.Related[i].Location.Start.IsValid() {
			f.Related[i].Location.Start, f.Related[i].Location.End = fileStart, source.Pos{}
		}
	}
}

// buildAll builds every declared model of p before any rule reads it; a
// panic while building becomes an error naming the model, like a rule's.
func buildAll(p *Project) []RuleError {
	errs := make([]*RuleError, len(declared))
	parallel(len(declared), func(i int) { errs[i] = buildOne(declared[i], p) })
	var out []RuleError
	for _, e := range errs {
		if e != nil {
			out = append(out, *e)
		}
	}
	return out
}

// buildOne builds m for p, turning a panic into an error naming the model.
func buildOne(m model, p *Project) (err *RuleError) {
	defer func() {
		if v := recover(); v != nil {
			err = &RuleError{RuleID: "model " + m.modelName(), App: p.Dir,
				Err: fmt.Sprintf("panic: %v\n%s", v, debug.Stack())}
		}
	}()
	m.force(p)
	return nil
}

// runOne runs r on p, turning a panic into an error so one broken rule
// cannot take down the scan.
func runOne(r *Rule, p *Project) (found []Finding, err error) {
	pass := &Pass{Rule: r, Project: p}
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("panic: %v\n%s", v, debug.Stack())
		}
		found = append(pass.found, pass.truncated()...)
	}()
	return nil, r.Run(pass)
}

// mergeKey identifies "the same finding" across platforms and apps.
func mergeKey(f *Finding) string {
	return strings.Join([]string{f.RuleID, f.Location.File, f.Location.Pointer,
		strconv.Itoa(f.Location.Start.Offset), strconv.Itoa(f.Location.End.Offset), f.Location.Commit,
		f.Subject, f.Message, string(f.Level), f.Variant}, "\x00")
}

// dropVariantRepeats removes variant findings the plain build has too
// (same rule, position and message: the base is reported once) and names
// the variant in the message of the others.
func dropVariantRepeats(fs []Finding) []Finding {
	plain := map[string]bool{}
	for i := range fs {
		if fs[i].Variant == "" {
			plain[mergeKey(&fs[i])] = true
		}
	}
	out := fs[:0]
	for _, f := range fs {
		if f.Variant == "" || !plain[variantFreeKey(f)] {
			out = append(out, f)
		}
	}
	return out
}

// variantFreeKey is mergeKey without the variant: several variants with
// the same finding make one finding naming them all.
func variantFreeKey(f Finding) string {
	f.Variant = ""
	return mergeKey(&f)
}

// mergePlatforms folds findings that differ only in platform into one; a
// finding that holds on every audited platform gets an empty list.
func mergePlatforms(fs []Finding, p *Project) []Finding {
	index := map[string]int{}
	var out []Finding
	fs = dropVariantRepeats(fs)
	for _, f := range fs {
		k := variantFreeKey(f)
		if i, ok := index[k]; ok {
			if len(out[i].Platforms) > 0 && len(f.Platforms) > 0 {
				out[i].Platforms = union(out[i].Platforms, f.Platforms)
			} else {
				out[i].Platforms = nil
			}
			if f.Variant != "" && !slices.Contains(strings.Split(out[i].Variant, "; "), f.Variant) {
				out[i].Variant += "; " + f.Variant
			}
			continue
		}
		index[k] = len(out)
		out = append(out, f)
	}
	all := p.Platforms()
	for i := range out {
		if len(out[i].Platforms) == len(all) {
			out[i].Platforms = nil
		}
		slices.SortFunc(out[i].Platforms, func(a, b string) int { return platformRank(a) - platformRank(b) })
		if out[i].Variant != "" {
			out[i].Message += " (variant: " + out[i].Variant + ")"
		}
	}
	return out
}

func union(a, b []string) []string {
	for _, s := range b {
		if !slices.Contains(a, s) {
			a = append(a, s)
		}
	}
	return a
}

func platformRank(s string) int {
	return slices.Index(source.Platforms, source.Platform(s))
}

// dedupe drops findings already reported by another app of the same scan
// (files shared in a monorepo, such as a root Cargo.lock).
func dedupe(fs []Finding) []Finding {
	seen := map[string]bool{}
	out := fs[:0]
	for _, f := range fs {
		k := mergeKey(&f) + "\x00" + strings.Join(f.Platforms, ",")
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, f)
	}
	return out
}

// Sort orders findings by file, position, rule and message: the order of
// every output format.
func Sort(fs []Finding) {
	slices.SortStableFunc(fs, func(a, b Finding) int {
		if c := strings.Compare(a.Location.File, b.Location.File); c != 0 {
			return c
		}
		if c := a.Location.Start.Offset - b.Location.Start.Offset; c != 0 {
			return c
		}
		if c := strings.Compare(a.RuleID, b.RuleID); c != 0 {
			return c
		}
		if c := strings.Compare(a.Location.Commit, b.Location.Commit); c != 0 {
			return c
		}
		return strings.Compare(a.Message, b.Message)
	})
}

// assignFingerprints gives each finding a stable id. Findings with the
// same base (same rule, file and subject) are numbered in file order, as
// GitHub numbers equal line hashes.
func assignFingerprints(fs []Finding) {
	count := map[string]int{}
	for i := range fs {
		base := fs[i].fingerprintBase()
		n := count[base]
		count[base]++
		fs[i].Fingerprint = hash32(base + "\x00" + strconv.Itoa(n))
	}
}

// Failing counts unsuppressed findings at or above level.
func Failing(fs []Finding, level Level) int {
	if level == "none" {
		return 0
	}
	n := 0
	for _, f := range fs {
		if f.Suppressed == nil && f.Level.Rank() >= level.Rank() {
			n++
		}
	}
	return n
}
