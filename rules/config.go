package rules

import (
	"fmt"
	"path"
	"strings"
	"time"

	"github.com/tauriaudit/tauriaudit/rules/source"
)

// Config is a parsed .tauriaudit.toml:
//
//	enable  = ["TA-CSP-003"]          # run only these rules (IDs or names); default all
//	disable = ["csp-hardening-gaps"]  # never run these
//	exclude = ["examples/**"]         # drop findings in files matching these globs
//	release_tags = ["v*", "app-v*"]   # tag names that are releases (default: v1.2.3-like)
//	[levels]
//	"TA-CFG-011" = "warning"          # level overrides
//	[[ignore]]
//	rule = "TA-ACL-005"               # required: ID or name
//	path = "src-tauri/capabilities/*" # optional glob on the finding's file
//	subject = "shell:allow-open"      # optional: exact finding subject
//	fingerprint = "…"                 # optional: exact fingerprint
//	reason = "why this is accepted"   # required
//	until = 2027-01-31                # optional expiry date
type Config struct {
	File    string // where it was read, for messages
	Enable  []string
	Disable []string
	Exclude []string
	// ReleaseTags are globs (path.Match) naming release tags; nil keeps
	// the default (v1.2.3, app-v1.2.3, name@1.2.3 …).
	ReleaseTags []string
	Levels      map[string]Level
	Ignores     []*Ignore
}

// Ignore is one [[ignore]] entry.
type Ignore struct {
	Rule, Path, Subject, Fingerprint, Reason string
	Until                                    time.Time // zero = no expiry
	Loc                                      source.Location
	used                                     bool
}

// ParseConfig reads a .tauriaudit.toml document. Errors name the file,
// line and column of the offending value.
func ParseConfig(f *source.File, all []*Rule) (*Config, error) {
	root, _, err := source.ParseTOML(f)
	if err != nil {
		return nil, err
	}
	c := &Config{File: f.Path, Levels: map[string]Level{}}
	p := &configParser{all: all}
	for _, m := range root.Members() {
		switch m.Name {
		case "enable":
			c.Enable = p.ruleList(m.Value)
		case "disable":
			c.Disable = p.ruleList(m.Value)
		case "exclude":
			c.Exclude = p.globList(m.Value)
		case "release_tags":
			c.ReleaseTags = p.globList(m.Value)
		case "levels":
			p.levels(m.Value, c.Levels)
		case "ignore":
			for _, n := range m.Value.Items() {
				c.Ignores = append(c.Ignores, p.ignore(n))
			}
			if m.Value.Kind != source.Array {
				p.fail(m.Value, "ignore must be an array of tables ([[ignore]])")
			}
		default:
			p.fail(m.Value, "unknown key %q (want enable, disable, exclude, release_tags, levels or ignore)", m.Name)
		}
	}
	return c, p.err
}

type configParser struct {
	all []*Rule
	err error
}

func (p *configParser) fail(n *source.Node, format string, args ...any) {
	if p.err == nil {
		p.err = &source.Error{Loc: n.Location(), Msg: fmt.Sprintf(format, args...)}
	}
}

func (p *configParser) strings(n *source.Node) []string {
	if n.Kind != source.Array {
		p.fail(n, "want an array of strings")
		return nil
	}
	var out []string
	for _, it := range n.Items() {
		s, ok := it.Str()
		if !ok {
			p.fail(it, "want a string")
		}
		out = append(out, s)
	}
	return out
}

func (p *configParser) ruleList(n *source.Node) []string {
	list := p.strings(n)
	for i, s := range list {
		if Find(p.all, s) == nil {
			p.fail(n.Index(i), "unknown rule %q", s)
		}
	}
	return list
}

func (p *configParser) globList(n *source.Node) []string {
	list := p.strings(n)
	for i, g := range list {
		if _, err := path.Match(g, ""); err != nil {
			p.fail(n.Index(i), "bad glob %q: %v", g, err)
		}
	}
	return list
}

func (p *configParser) levels(n *source.Node, out map[string]Level) {
	if n.Kind != source.Object {
		p.fail(n, "levels must be a table")
		return
	}
	for _, m := range n.Members() {
		r := Find(p.all, m.Name)
		l, err := ParseLevel(m.Value.String())
		switch {
		case r == nil:
			p.fail(m.Value, "unknown rule %q", m.Name)
		case err != nil || l == "none":
			p.fail(m.Value, "level must be error, warning or note")
		default:
			out[r.ID] = l
		}
	}
}

func (p *configParser) ignore(n *source.Node) *Ignore {
	ig := &Ignore{Loc: n.Location()}
	if n.Kind != source.Object {
		p.fail(n, "an ignore entry must be a table")
		return ig
	}
	for _, m := range n.Members() {
		s := m.Value.String()
		switch m.Name {
		case "rule":
			if r := Find(p.all, s); r != nil {
				ig.Rule = r.ID
			} else {
				p.fail(m.Value, "unknown rule %q", s)
			}
		case "path":
			ig.Path = s
		case "subject":
			ig.Subject = s
		case "fingerprint":
			ig.Fingerprint = s
		case "reason":
			ig.Reason = strings.TrimSpace(s)
		case "until":
			t, err := time.Parse("2006-01-02", s)
			if err != nil {
				p.fail(m.Value, "until must be a date such as 2027-01-31")
			}
			ig.Until = t
		default:
			p.fail(m.Value, "unknown key %q in ignore entry", m.Name)
		}
	}
	if ig.Rule == "" && p.err == nil {
		p.fail(n, "ignore entry needs a rule")
	}
	if ig.Reason == "" && p.err == nil {
		p.fail(n, "ignore entry for %s needs a reason", ig.Rule)
	}
	return ig
}
