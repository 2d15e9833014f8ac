package secretrules

import (
	"bytes"
	"path"
	"strings"
)

// Match is a secret found in a file.
type Match struct {
	RuleID, Provider, Description string
	Level                         Level
	Custom                        bool   // a rule of the repository's own configuration
	Secret                        string // the matched credential
	Identity                      string // what makes two sightings the same leak (the secret, a key's body)
	Offset, End                   int    // the secret's bytes in the file
	Line, Col, EndCol             int    // 1-based; Line 0 for a match on the path alone
	Detail                        string // what validation saw, for the message
}

// Bounds that keep the time per file linear and small.
const (
	maxHits      = 4096    // keyword occurrences examined per file
	maxGeneric   = 4096    // longest line the generic rule reads (minified code is not config)
	maxWholeScan = 1 << 20 // bytes a keyword-less custom rule reads
	before       = 512     // window bytes before a keyword
	after        = 2048    // and after it
)

// Detector applies a configuration to files.
type Detector struct {
	rules   []*Rule
	global  []*allowlist
	m       *matcher
	kwRules [][]int // keyword id → rules
	noKw    []int   // rules without keywords: run on the whole file
	ignore  *Ignore
	custom  bool // some rule comes from the repository's configuration
}

// NewDetector compiles the configuration's keywords into one matcher.
func NewDetector(c *Config, ign *Ignore) *Detector {
	d := &Detector{global: c.Allow, ignore: ign}
	kwID := map[string]int{}
	var kws []string
	for _, r := range c.Rules {
		if c.Disabled[r.ID] {
			continue
		}
		ri := len(d.rules)
		d.rules = append(d.rules, r)
		d.custom = d.custom || r.custom
		if len(r.keywords) == 0 {
			d.noKw = append(d.noKw, ri)
			continue
		}
		for _, k := range r.keywords {
			id, ok := kwID[k]
			if !ok {
				id = len(kws)
				kwID[k] = id
				kws = append(kws, k)
				d.kwRules = append(d.kwRules, nil)
			}
			d.kwRules[id] = append(d.kwRules[id], ri)
		}
	}
	d.m = newMatcher(kws)
	return d
}

// Scan finds the secrets in one file; commit is "" for the working tree.
// Binary content finds nothing.
func (d *Detector) Scan(p string, data []byte, commit string) []Match {
	if bytes.IndexByte(data[:min(len(data), 8000)], 0) >= 0 {
		return nil
	}
	if !d.custom && lockfilePath(p) {
		return nil // no built-in rule applies to a lockfile (applies)
	}
	s := fileScan{d: d, path: p, data: data, commit: commit, secretFile: SecretFile(p), skipGeneric: bulkFile(p)}
	for _, h := range d.m.find(data, maxHits) {
		for _, ri := range d.kwRules[h.kw] {
			if s.applies(d.rules[ri]) {
				s.window(ri, h.at)
			}
		}
	}
	for _, ri := range d.noKw {
		if r := d.rules[ri]; s.applies(r) {
			s.whole(ri)
		}
	}
	return s.dropCovered()
}

// dropCovered removes generic matches on bytes a specific rule already
// reported (or used as the other half of a pair): one secret, one finding.
func (s *fileScan) dropCovered() []Match {
	var out []Match
	for _, m := range s.out {
		if m.RuleID == genericRule && !m.Custom && s.covered(m) {
			continue
		}
		out = append(out, m)
	}
	return out
}

const genericRule = "generic-api-key"

func (s *fileScan) covered(g Match) bool {
	overlaps := func(a, b int) bool { return a < g.End && g.Offset < b }
	for _, m := range s.out {
		if m.RuleID != genericRule && overlaps(m.Offset, m.End) {
			return true
		}
	}
	for _, p := range s.pairs {
		if overlaps(p[0], p[1]) {
			return true
		}
	}
	return false
}

// fileScan is the state of one file's scan.
type fileScan struct {
	d                       *Detector
	path, commit            string
	data                    []byte
	secretFile, skipGeneric bool
	done                    map[int][2]int  // rule → the last window it read
	found                   map[[2]int]bool // rule, match start: reported
	pairs                   [][2]int        // other halves of reported pairs
	out                     []Match
}

func (s *fileScan) applies(r *Rule) bool {
	if r.secretFiles && (!s.secretFile || s.skipGeneric || exampleFile(s.path)) {
		return false
	}
	if !r.custom && lockfilePath(s.path) {
		return false
	}
	return r.path == nil || r.path.MatchString(s.path)
}

func lockfilePath(p string) bool { return lockfile(p) || strings.HasSuffix(p, ".lock") }

// window runs rule ri on the line around a keyword occurrence, clipped.
func (s *fileScan) window(ri, at int) {
	r := s.d.rules[ri]
	if r.re == nil {
		return
	}
	// The line around the keyword, looked for only as far as the window
	// reaches: a 4 MB single line costs the window, not the line.
	lo, hi := max(0, at-before), min(len(s.data), at+max(after, maxGeneric))
	ls := lo + bytes.LastIndexByte(s.data[lo:at], '\n') + 1
	le := bytes.IndexByte(s.data[at:hi], '\n')
	long := le < 0 && hi < len(s.data) || ls == lo && lo > 0 && s.data[lo-1] != '\n'
	if le < 0 {
		le = hi
	} else {
		le += at
	}
	if r.secretFiles && long {
		return // minified code, not an assignment in a config file
	}
	from, to := ls, min(le, at+after)
	// A keyword inside a window this rule already read, with room for a
	// whole token after it, was covered by that run.
	if w, ok := s.done[ri]; ok && at >= w[0] && (at+256 <= w[1] || w[1] == le) {
		return
	}
	if s.done == nil { // most scans (one line of a workflow) hit no keyword
		s.done = map[int][2]int{}
	}
	s.done[ri] = [2]int{from, to}
	s.run(ri, from, to)
}

// whole runs a keyword-less rule on the file (capped), or on its path.
func (s *fileScan) whole(ri int) {
	r := s.d.rules[ri]
	if r.re == nil { // a path-only rule: the file itself is the finding
		s.judge(r, Match{RuleID: r.ID, Secret: s.path}, "")
		return
	}
	s.run(ri, 0, min(len(s.data), maxWholeScan))
}

func (s *fileScan) run(ri, from, to int) {
	r := s.d.rules[ri]
	for _, m := range r.re.FindAllSubmatchIndex(s.data[from:to], 16) {
		g := secretGroupOf(r, len(m)/2-1)
		if m[2*g] < 0 {
			continue
		}
		start, end := from+m[2*g], from+m[2*g+1]
		if s.found[[2]int{ri, start}] {
			continue
		}
		if s.found == nil {
			s.found = map[[2]int]bool{}
		}
		s.found[[2]int{ri, start}] = true
		c := candidate{data: s.data, start: from + m[0], end: from + m[1], secret: string(s.data[start:end])}
		s.judge(r, Match{RuleID: r.ID, Secret: c.secret, Offset: start, End: end}, string(s.data[c.start:c.end]), c)
	}
}

// secretGroupOf is gitleaks' choice: secretGroup when set, else the only
// group when there is one, else the whole match.
func secretGroupOf(r *Rule, groups int) int {
	switch {
	case r.secretGroup > 0:
		return r.secretGroup
	case groups == 1:
		return 1
	}
	return 0
}

// judge applies entropy, validation, allowlists and the ignore file.
func (s *fileScan) judge(r *Rule, m Match, whole string, cs ...candidate) {
	m.Provider, m.Description, m.Level, m.Custom = r.Provider, r.Description, r.Level, r.custom
	if r.entropy > 0 && entropy(m.Secret) < r.entropy {
		return
	}
	if r.validate != nil && len(cs) > 0 {
		v := r.validate(cs[0])
		if !v.keep {
			return
		}
		if v.lower {
			m.Level = max(m.Level, v.level)
		}
		m.Detail = v.detail
		m.Identity = v.id
		if v.pair[1] > 0 {
			s.pairs = append(s.pairs, v.pair)
		}
	}
	if !r.custom && !checksummed(r) && isPlaceholderSecret(m.Secret) {
		return
	}
	if m.Identity == "" {
		m.Identity = m.Secret
	}
	if m.End > 0 {
		m.Line, m.Col, m.EndCol = position(s.data, m.Offset, m.End)
	}
	line := lineAt(s.data, m.Offset)
	for _, a := range append(append([]*allowlist(nil), r.allow...), s.d.global...) {
		if (len(a.targetRules) == 0 || a.targetRules[r.ID]) && a.allows(s.commit, s.path, m.Secret, whole, line) {
			return
		}
	}
	if s.d.ignore.ignored(s.commit, s.path, r.ID, m.Line) {
		return
	}
	s.out = append(s.out, m)
}

// checksummed rules verify their matches, which placeholders fail.
func checksummed(r *Rule) bool { return r.validateName == "base62-crc32" }

func position(data []byte, off, end int) (line, col, endCol int) {
	line = bytes.Count(data[:off], []byte("\n")) + 1
	ls := bytes.LastIndexByte(data[:off], '\n') + 1
	return line, off - ls + 1, end - ls + 1
}

func lineAt(data []byte, off int) string {
	ls := bytes.LastIndexByte(data[:off], '\n') + 1
	le := bytes.IndexByte(data[off:], '\n')
	if le < 0 {
		le = len(data) - off
	}
	return string(data[ls:min(off+le, ls+maxGeneric)])
}

func (a *allowlist) allows(commit, p, secret, match, line string) bool {
	var checks []bool
	if len(a.commits) > 0 {
		checks = append(checks, commit != "" && a.commits[commit])
	}
	if len(a.paths) > 0 {
		ok := false
		for _, re := range a.paths {
			ok = ok || re.MatchString(p)
		}
		checks = append(checks, ok)
	}
	if len(a.regexes) > 0 {
		target := secret
		switch a.target {
		case "match":
			target = match
		case "line":
			target = line
		}
		ok := false
		for _, re := range a.regexes {
			ok = ok || re.MatchString(target)
		}
		checks = append(checks, ok)
	}
	if len(a.stopwords) > 0 {
		l, ok := strings.ToLower(secret), false
		for _, w := range a.stopwords {
			ok = ok || strings.Contains(l, w)
		}
		checks = append(checks, ok)
	}
	if len(checks) == 0 {
		return false
	}
	for _, c := range checks {
		if c && !a.and {
			return true
		}
		if !c && a.and {
			return false
		}
	}
	return a.and
}

// SecretFile reports the files where secrets live, the only ones the
// generic assignment rule reads: env files, config files and CI files.
func SecretFile(p string) bool {
	base := strings.ToLower(path.Base(p))
	switch {
	case strings.HasPrefix(base, ".env"), strings.HasSuffix(base, ".env"), base == ".npmrc", base == ".pypirc",
		base == "credentials", base == ".netrc", base == ".gitlab-ci.yml", base == "dockerfile":
		return true
	case strings.Contains(p, ".github/workflows/"), strings.Contains(p, ".circleci/"):
		return true
	}
	switch path.Ext(base) {
	case ".toml", ".yml", ".yaml", ".ini", ".cfg", ".conf", ".properties", ".xcconfig", ".secret", ".secrets":
		return true
	}
	return false
}

// bulkFile: minified bundles and source maps, never config.
func bulkFile(p string) bool {
	b := strings.ToLower(path.Base(p))
	return strings.Contains(b, ".min.") || strings.HasSuffix(b, ".map")
}

// lockfile reports package-manager lockfiles: integrity hashes and
// resolved URLs, never credentials written by hand.
func lockfile(p string) bool {
	switch strings.ToLower(path.Base(p)) {
	case "package-lock.json", "npm-shrinkwrap.json", "yarn.lock", "pnpm-lock.yaml", "bun.lock", "cargo.lock",
		"deno.lock", "composer.lock", "gemfile.lock", "poetry.lock", "go.sum", "flake.lock", "uv.lock":
		return true
	}
	return false
}

// exampleFile: .env.example, config.sample.toml, docker-compose.template.yml
// hold example values by name; the generic rule leaves them alone (a
// provider's token there is still reported).
func exampleFile(p string) bool {
	b := strings.ToLower(path.Base(p))
	for _, w := range []string{"example", "sample", "template", ".dist", ".tmpl", ".tpl"} {
		if strings.Contains(b, w) {
			return true
		}
	}
	return false
}
