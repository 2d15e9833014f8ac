package rules

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
)

// IgnoreExpired and IgnoreUnused are reported by Config.Apply, not by a
// rule run: they are about the suppression file, which only the runner sees
// in full. Their Run does nothing on purpose.
var (
	IgnoreExpired = &Rule{
		ID: "TA-CFG-019", Name: "ignore-expired", Level: Warning, Severity: 4.0,
		Title: "an ignore in .tauriaudit.toml or an inline comment has expired",
		Tags:  []string{"suppression"},
		Doc: "An `[[ignore]]` entry's or a `tauriaudit-ignore` comment's `until` date has passed, so it no\n" +
			"longer suppresses anything and the findings it covered are reported again.\n\n**Fix:** fix the findings, or review the\n" +
			"acceptance and move the date.\n\n```toml\n[[ignore]]\nrule = \"TA-ACL-005\"\nreason = \"single-window app\"\nuntil = 2027-01-31\n```\n\n" +
			"```json5\n// tauriaudit-ignore TA-ACL-005 until=2027-01-31: single-window app\n```",
		Run: func(*Pass) error { return nil },
	}
	IgnoreUnused = &Rule{
		ID: "TA-CFG-020", Name: "ignore-unused", Level: Note, Severity: 1.0,
		Title: "an ignore in .tauriaudit.toml or an inline comment matches no finding",
		Tags:  []string{"suppression"},
		Doc: "An `[[ignore]]` entry or a `tauriaudit-ignore` comment suppressed nothing in this scan. Stale\n" +
			"ignores are risky: a later finding that happens to match them would be hidden without review.\n" +
			"A malformed comment (no reason, an unknown rule, a bad date) suppresses nothing either and is\n" +
			"reported as a warning.\n\n**Fix:** delete the entry or comment, or correct it.",
		Run: func(*Pass) error { return nil },
	}
)

// Rename names the config file file (a slash path from the scanned
// root) in the findings and suppressions it causes; messages about
// parsing it were already given with the path it was read from.
func (c *Config) Rename(file string) {
	c.File = file
	for _, ig := range c.Ignores {
		ig.Loc.File = file
	}
}

// Select returns the rules c enables, in the order of all.
func (c *Config) Select(all []*Rule) []*Rule {
	if c == nil {
		return all
	}
	var out []*Rule
	for _, r := range all {
		if len(c.Enable) > 0 && !namedIn(r, c.Enable) || namedIn(r, c.Disable) {
			continue
		}
		out = append(out, r)
	}
	return out
}

func namedIn(r *Rule, list []string) bool {
	return slices.Contains(list, r.ID) || slices.Contains(list, r.Name)
}

// Apply applies level overrides, excludes and ignores to res, and adds
// findings for expired and unused ignore entries.
func (c *Config) Apply(res *Result, now time.Time) {
	if c == nil {
		return
	}
	kept := res.Findings[:0]
	for _, f := range res.Findings {
		if matchAny(c.Exclude, f.Location.File) {
			continue
		}
		if l, ok := c.Levels[f.RuleID]; ok {
			f.Level = l
		}
		c.suppress(&f, now)
		kept = append(kept, f)
	}
	res.Findings = kept
	for _, ig := range c.Ignores {
		switch {
		case !ig.Until.IsZero() && now.After(ig.Until.AddDate(0, 0, 1)):
			res.Findings = append(res.Findings, metaFinding(IgnoreExpired, ig,
				fmt.Sprintf("ignore for %s expired on %s: %s", ig.Rule, ig.Until.Format("2006-01-02"), ig.Reason)))
		case !ig.used:
			res.Findings = append(res.Findings, metaFinding(IgnoreUnused, ig, fmt.Sprintf("ignore for %s matches no finding", ig.Rule)))
		}
	}
	Sort(res.Findings)
}

func (c *Config) suppress(f *Finding, now time.Time) {
	for _, ig := range c.Ignores {
		if ig.matches(f) && (ig.Until.IsZero() || !now.After(ig.Until.AddDate(0, 0, 1))) {
			ig.used = true
			f.Suppressed = &Suppression{Reason: ig.Reason, Source: fmt.Sprintf("%s:%d", c.File, ig.Loc.Start.Line)}
			return
		}
	}
}

func (ig *Ignore) matches(f *Finding) bool {
	return ig.Rule == f.RuleID &&
		(ig.Path == "" || matchGlob(ig.Path, f.Location.File)) &&
		(ig.Subject == "" || ig.Subject == f.Subject) &&
		(ig.Fingerprint == "" || ig.Fingerprint == f.Fingerprint)
}

func metaFinding(r *Rule, ig *Ignore, msg string) Finding {
	return Finding{RuleID: r.ID, RuleName: r.Name, Level: r.Level, Message: msg, Location: ig.Loc,
		Subject: ig.Rule + " " + ig.Reason, Fingerprint: hash32(r.ID + "\x00" + ig.Rule + "\x00" + ig.Path + "\x00" + ig.Subject + "\x00" + ig.Fingerprint)}
}

func matchAny(globs []string, p string) bool {
	for _, g := range globs {
		if matchGlob(g, p) {
			return true
		}
	}
	return false
}

// matchGlob matches a slash path against a glob where * and ? stay inside
// one path segment and ** spans any number of segments.
func matchGlob(glob, p string) bool {
	var b strings.Builder
	b.WriteString("^")
	for i := 0; i < len(glob); i++ {
		switch c := glob[i]; {
		case strings.HasPrefix(glob[i:], "**/"):
			b.WriteString("(?:.*/)?")
			i += 2
		case strings.HasPrefix(glob[i:], "**"):
			b.WriteString(".*")
			i++
		case c == '*':
			b.WriteString("[^/]*")
		case c == '?':
			b.WriteString("[^/]")
		default:
			b.WriteString(regexp.QuoteMeta(string(c)))
		}
	}
	b.WriteString("$")
	rx, err := regexp.Compile(b.String())
	return err == nil && rx.MatchString(p)
}
