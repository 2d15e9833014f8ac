package secretrules

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"sync"

	"github.com/pelletier/go-toml/v2"
	"github.com/tauriaudit/tauriaudit/internal/lazyre"
)

// The file shapes of a gitleaks v8 configuration, plus the fields the
// built-in table adds (provider, level, validate, scope, source), which
// gitleaks ignores.
type fileConfig struct {
	Title  string `toml:"title"`
	Extend struct {
		UseDefault    bool     `toml:"useDefault"`
		Path          string   `toml:"path"`
		DisabledRules []string `toml:"disabledRules"`
	} `toml:"extend"`
	Rules      []fileRule      `toml:"rules"`
	Allowlist  *fileAllowlist  `toml:"allowlist"`
	Allowlists []fileAllowlist `toml:"allowlists"`
}

type fileRule struct {
	ID          string          `toml:"id"`
	Description string          `toml:"description"`
	Regex       string          `toml:"regex"`
	SecretGroup int             `toml:"secretGroup"`
	Entropy     float64         `toml:"entropy"`
	Keywords    []string        `toml:"keywords"`
	Path        string          `toml:"path"`
	Tags        []string        `toml:"tags"`
	Allowlist   *fileAllowlist  `toml:"allowlist"`
	Allowlists  []fileAllowlist `toml:"allowlists"`
	Provider    string          `toml:"provider"`
	Level       string          `toml:"level"`
	Validate    string          `toml:"validate"`
	Scope       string          `toml:"scope"`
	Source      string          `toml:"source"`
}

type fileAllowlist struct {
	Description string   `toml:"description"`
	Condition   string   `toml:"condition"`
	Commits     []string `toml:"commits"`
	Paths       []string `toml:"paths"`
	Regexes     []string `toml:"regexes"`
	RegexTarget string   `toml:"regexTarget"`
	Stopwords   []string `toml:"stopwords"`
	TargetRules []string `toml:"targetRules"`
}

// Level is how serious a match is.
type Level uint8

// The levels, mapped onto the scanner's by the caller.
const (
	Error Level = iota
	Warning
	Note
)

// Rule is one compiled detector.
type Rule struct {
	ID, Description, Provider, Source string
	Level                             Level
	re                                *lazyre.Regexp // built-in ones compile on first use
	secretGroup                       int
	entropy                           float64
	keywords                          []string
	path                              *regexp.Regexp
	validate                          validator
	validateName                      string
	secretFiles                       bool // only in files where secrets live
	custom                            bool // from the repository's configuration
	allow                             []*allowlist
}

type allowlist struct {
	and         bool
	commits     map[string]bool
	paths       []*regexp.Regexp
	regexes     []*regexp.Regexp
	target      string // "secret" (default), "match" or "line"
	stopwords   []string
	targetRules map[string]bool
}

// ConfigError is a problem in a configuration file, at its line.
type ConfigError struct {
	Line int
	Msg  string
}

func (e ConfigError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }

//go:embed builtin.toml
var builtinTOML []byte

// Builtin returns the built-in detectors, read once and shared: a Config
// is never modified (Merge makes a new one). Their expressions compile
// when a keyword first calls for them; TestBuiltinRulesCompile checks
// them all.
var Builtin = sync.OnceValue(func() *Config {
	c, errs := parse(builtinTOML, false)
	if len(errs) > 0 {
		panic("builtin.toml: " + errs[0].Error()) // caught by the package tests
	}
	return c
})

// Config is a set of rules and global allowlists.
type Config struct {
	Rules    []*Rule
	Allow    []*allowlist
	Disabled map[string]bool
}

// ParseGitleaks reads a repository's .gitleaks.toml. Rules and allowlists
// that do not compile are left out and reported at their line; the rest
// still apply.
func ParseGitleaks(data []byte) (*Config, []ConfigError) { return parse(data, true) }

func parse(data []byte, custom bool) (*Config, []ConfigError) {
	var fc fileConfig
	// go-toml, the TOML library the rest of the binary reads with.
	if err := toml.Unmarshal(data, &fc); err != nil {
		line := 1
		var de *toml.DecodeError
		if errors.As(err, &de) {
			line, _ = de.Position()
		}
		return &Config{}, []ConfigError{{Line: line, Msg: "not a valid gitleaks configuration: " + firstLine(err.Error())}}
	}
	c := &Config{Disabled: map[string]bool{}}
	for _, id := range fc.Extend.DisabledRules {
		c.Disabled[id] = true
	}
	var errs []ConfigError
	fail := func(pattern, near, msg string) {
		errs = append(errs, ConfigError{Line: lineOf(data, pattern, near), Msg: msg})
	}
	for _, fr := range fc.Rules {
		r, err := compileRule(fr, custom, fail)
		if err == nil {
			c.Rules = append(c.Rules, r)
		}
	}
	global := fc.Allowlists
	if fc.Allowlist != nil {
		global = append(global, *fc.Allowlist)
	}
	for _, fa := range global {
		if a := compileAllowlist(fa, "", fail); a != nil {
			c.Allow = append(c.Allow, a)
		}
	}
	return c, errs
}

func firstLine(s string) string { s, _, _ = strings.Cut(s, "\n"); return s }

type failFunc func(pattern, near, msg string)

func compileRule(fr fileRule, custom bool, fail failFunc) (*Rule, error) {
	r := &Rule{ID: fr.ID, Description: fr.Description, Provider: fr.Provider, Source: fr.Source, secretGroup: fr.SecretGroup,
		entropy: fr.Entropy, custom: custom, secretFiles: fr.Scope == "secret-files"}
	if r.ID == "" {
		fail(fr.Regex, "[[rules]]", "a rule without an id is ignored")
		return nil, fmt.Errorf("no id")
	}
	for _, k := range fr.Keywords {
		if k != "" {
			r.keywords = append(r.keywords, strings.ToLower(k))
		}
	}
	switch fr.Level {
	case "", "error":
	case "warning":
		r.Level = Warning
	case "note":
		r.Level = Note
	}
	var err error
	if fr.Regex == "" && fr.Path == "" {
		fail("", `"`+fr.ID+`"`, fmt.Sprintf("rule %s has neither regex nor path", fr.ID))
		return nil, fmt.Errorf("empty rule")
	}
	if fr.Regex != "" && !custom {
		r.re = lazyre.New(fr.Regex)
	} else if fr.Regex != "" {
		re, err := regexp.Compile(fr.Regex)
		if err != nil {
			fail(fr.Regex, `"`+fr.ID+`"`, fmt.Sprintf("rule %s: its regex does not compile (Go RE2): %v", fr.ID, err))
			return nil, err
		}
		if r.secretGroup > re.NumSubexp() {
			fail(fr.Regex, `"`+fr.ID+`"`, fmt.Sprintf("rule %s: secretGroup %d but the regex has %d groups", fr.ID, r.secretGroup, re.NumSubexp()))
			return nil, fmt.Errorf("bad group")
		}
		r.re = lazyre.Compiled(re)
	}
	if fr.Path != "" {
		if r.path, err = regexp.Compile(fr.Path); err != nil {
			fail(fr.Path, `"`+fr.ID+`"`, fmt.Sprintf("rule %s: its path regex does not compile (Go RE2): %v", fr.ID, err))
			return nil, err
		}
	}
	if fr.Validate != "" {
		r.validateName = fr.Validate
		if r.validate = validators[fr.Validate]; r.validate == nil {
			return nil, fmt.Errorf("rule %s: unknown validator %q", fr.ID, fr.Validate)
		}
	}
	lists := fr.Allowlists
	if fr.Allowlist != nil {
		lists = append(lists, *fr.Allowlist)
	}
	for _, fa := range lists {
		if a := compileAllowlist(fa, fr.ID, fail); a != nil {
			r.allow = append(r.allow, a)
		}
	}
	return r, nil
}

func compileAllowlist(fa fileAllowlist, near string, fail failFunc) *allowlist {
	a := &allowlist{and: strings.EqualFold(fa.Condition, "AND"), commits: map[string]bool{}, target: fa.RegexTarget,
		targetRules: map[string]bool{}}
	for _, c := range fa.Commits {
		a.commits[c] = true
	}
	for _, id := range fa.TargetRules {
		a.targetRules[id] = true
	}
	for _, w := range fa.Stopwords {
		a.stopwords = append(a.stopwords, strings.ToLower(w))
	}
	compile := func(list []string, kind string) []*regexp.Regexp {
		var out []*regexp.Regexp
		for _, p := range list {
			re, err := regexp.Compile(p)
			if err != nil {
				fail(p, near, fmt.Sprintf("allowlist %s %q does not compile (Go RE2): %v", kind, p, err))
				continue
			}
			out = append(out, re)
		}
		return out
	}
	a.paths = compile(fa.Paths, "path")
	a.regexes = compile(fa.Regexes, "regex")
	return a
}

// lineOf finds the 1-based line of a pattern in the file (as written in a
// literal string), else of the text near it, else 1.
func lineOf(data []byte, pattern, near string) int {
	for _, s := range []string{pattern, near} {
		if s == "" {
			continue
		}
		if i := bytes.Index(data, []byte(s)); i >= 0 {
			return bytes.Count(data[:i], []byte("\n")) + 1
		}
	}
	return 1
}

// Merge adds a repository's configuration to the built-in one: its rules
// join (replacing a built-in rule of the same id), its allowlists apply
// to every rule, and extend.disabledRules turns rules off.
func (c *Config) Merge(repo *Config) *Config {
	if repo == nil {
		return c
	}
	out := &Config{Disabled: map[string]bool{}, Allow: append(append([]*allowlist(nil), c.Allow...), repo.Allow...)}
	for k := range c.Disabled {
		out.Disabled[k] = true
	}
	for k := range repo.Disabled {
		out.Disabled[k] = true
	}
	ids := map[string]bool{}
	for _, r := range repo.Rules {
		ids[r.ID] = true
	}
	for _, r := range c.Rules {
		if !ids[r.ID] {
			out.Rules = append(out.Rules, r)
		}
	}
	out.Rules = append(out.Rules, repo.Rules...)
	return out
}
