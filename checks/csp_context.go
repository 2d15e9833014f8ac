package checks

import (
	"path"
	"strings"

	"github.com/tauriaudit/tauriaudit/csp"
	"github.com/tauriaudit/tauriaudit/rules"
	"github.com/tauriaudit/tauriaudit/rules/source"
)

// What the TA-CSP rules share: each target's parsed policy, whether Tauri
// modifies it, and what the bundled frontend holds.

// cspPtr is where the policy lives in the config.
const cspPtr = "/app/security/csp"

func securityOf(t *rules.Target) *source.Node { return t.Config.Get("app").Get("security") }

// cspPolicy is a parsed policy value, or the reason it could not be read.
type cspPolicy struct {
	policy *csp.Policy
	err    error
}

// cspPolicies parses every distinct csp and devCsp node of the project's
// targets once; targets usually share the base file's node.
func cspPolicies(p *rules.Project) map[*source.Node]cspPolicy {
	return p.Memo("csp.policies", func() any {
		m := map[*source.Node]cspPolicy{}
		for _, t := range p.Targets {
			sec := securityOf(t)
			for _, n := range []*source.Node{sec.Get("csp"), sec.Field("devCsp")} {
				if _, done := m[n]; n != nil && !done {
					pol, err := csp.Parse(n)
					m[n] = cspPolicy{pol, err}
				}
			}
		}
		return m
	}).(map[*source.Node]cspPolicy)
}

// targetCSP returns t's production policy: nil when there is none or the
// value is one Tauri rejects (the build fails then; not a CSP matter).
func targetCSP(p *rules.Project, t *rules.Target) *csp.Policy {
	return cspPolicies(p)[securityOf(t).Get("csp")].policy
}

// cspTarget is a target whose configured policy Tauri applies.
type cspTarget struct {
	*rules.Target
	policy *csp.Policy
}

// cspTargets lists the targets that embed their assets and have a
// non-empty policy: the ones where the policy's contents matter. (With a
// remote frontendDist the page's own server headers apply; TA-CSP-001
// reports missing and empty policies.)
func cspTargets(p *rules.Project) []cspTarget {
	var out []cspTarget
	if p.Base == nil {
		return nil // the base config is unreadable: TA-CFG-000's finding
	}
	for _, t := range p.Targets {
		if pol := targetCSP(p, t); embedsAssets(t) && !pol.Empty() {
			out = append(out, cspTarget{t, pol})
		}
	}
	return out
}

// cspInjection says which directives Tauri adds its nonces and hashes to,
// from app.security.dangerousDisableAssetCspModification (true: none; a
// list: all but the listed ones, of which only script-src and style-src
// matter because Tauri modifies nothing else).
type cspInjection struct {
	script, style bool
	node          *source.Node // the setting; nil when absent
}

func injectionOf(t *rules.Target) cspInjection {
	n := securityOf(t).Field("dangerousDisableAssetCspModification")
	inj := cspInjection{script: true, style: true, node: n}
	if b, ok := n.Bool(); ok {
		inj.script, inj.style = !b, !b
	}
	for _, it := range n.Items() {
		switch it.String() { // Tauri compares the names exactly
		case "script-src":
			inj.script = false
		case "style-src":
			inj.style = false
		}
	}
	return inj
}

// tauriAddsScriptSrc reports whether Tauri is known to put a script-src of
// its own ('self' plus hashes and nonces) into t's policy: injection is on
// and the bundle in the scanned tree has scripts. A policy without
// script-src then no longer governs scripts through default-src.
func tauriAddsScriptSrc(p *rules.Project, t *rules.Target) bool {
	b := bundleOf(p, t)
	return injectionOf(t).script && b.built && b.scripts
}

// scriptDirectives returns the distinct directives that govern scripts
// for the given directive names (effective, with fallback), leaving out
// default-src when Tauri is known to add a script-src of its own.
func scriptDirectives(p *rules.Project, ct cspTarget, names ...string) []*csp.Directive {
	var out []*csp.Directive
	for _, name := range names {
		d := ct.policy.Effective(name)
		if d == nil || (d.Name == "default-src" && tauriAddsScriptSrc(p, ct.Target)) {
			continue
		}
		dup := false
		for _, o := range out {
			dup = dup || o == d
		}
		if !dup {
			out = append(out, d)
		}
	}
	return out
}

// maxHTML caps the HTML files read from a bundle.
const maxHTML = 200

// bundle is what the scan can see of a target's embedded frontend.
type bundle struct {
	// built is true when frontendDist exists in the scanned tree; the
	// facts below are then about what Tauri embeds. Build output is often
	// not committed, in which case only the source index.html is known.
	built   bool
	html    []string // root-relative .html files, at most maxHTML
	scripts bool     // any .js/.mjs file or inline <script> (only when built)
}

// bundleOf inspects build.frontendDist (a directory or file path relative
// to the config directory, or a list of them). When it is a single path
// that is not in the tree, the index.html beside it is used instead: the
// page a bundler such as Vite copies into it with external script tags
// unchanged.
func bundleOf(p *rules.Project, t *rules.Target) *bundle {
	dist := t.Config.Get("build").Field("frontendDist")
	var paths []string
	if s, ok := dist.Str(); ok {
		paths = []string{s}
	}
	for _, it := range dist.Items() {
		paths = append(paths, it.String())
	}
	key := "csp.bundle\x00" + strings.Join(paths, "\x00")
	return p.Memo(key, func() any { return scanBundle(p, paths) }).(*bundle)
}

func scanBundle(p *rules.Project, dists []string) *bundle {
	b := &bundle{}
	var files []string
	for _, d := range dists {
		rel := p.Path(d)
		switch {
		case d == "" || strings.HasPrefix(rel, "../") || rel == "..":
			continue // outside the scanned tree
		case p.IsDir(rel):
			files = append(files, p.FilesUnder(rel)...)
			b.built = true
		case p.Exists(rel):
			files = append(files, rel)
			b.built = true
		}
	}
	if !b.built && len(dists) == 1 {
		if idx := path.Join(path.Dir(p.Path(dists[0])), "index.html"); p.Exists(idx) {
			b.html = []string{idx}
		}
		return b
	}
	for _, f := range files {
		switch path.Ext(f) {
		case ".js", ".mjs":
			b.scripts = true
		case ".html", ".htm":
			if len(b.html) < maxHTML {
				b.html = append(b.html, f)
			}
		}
	}
	for _, h := range b.html {
		if b.scripts {
			break
		}
		for _, tag := range scriptTags(p.Read(h)) {
			b.scripts = b.scripts || tag.inline
		}
	}
	return b
}

// scriptTag is one <script> element of an HTML file.
type scriptTag struct {
	src        string
	start, end int  // byte span of src's value
	inline     bool // no src, non-blank content
	integrity  bool
}

// scriptTags finds the <script> elements of an HTML file, skipping
// comments. It is a tolerant scanner, not an HTML parser: enough to find
// the tags a bundler writes.
func scriptTags(f *source.File) []scriptTag {
	if f == nil {
		return nil
	}
	data := f.Data
	lower := asciiLower(data)
	var out []scriptTag
	for i := 0; i < len(data); {
		j := strings.Index(lower[i:], "<")
		if j < 0 {
			break
		}
		i += j
		if strings.HasPrefix(lower[i:], "<!--") {
			end := strings.Index(lower[i+4:], "-->")
			if end < 0 {
				break
			}
			i += 4 + end + 3
			continue
		}
		if !strings.HasPrefix(lower[i:], "<script") || i+7 >= len(data) || !strings.ContainsRune(" \t\r\n\f/>", rune(data[i+7])) {
			i++
			continue
		}
		tag, next := scanScriptTag(string(data), lower, i+7)
		out = append(out, tag)
		i = next
	}
	return out
}

// scanScriptTag reads the attributes and content of a <script> element
// whose attributes start at i, and returns it with the offset after it.
func scanScriptTag(data, lower string, i int) (scriptTag, int) {
	var tag scriptTag
	hasSrc := false
	for i < len(data) && data[i] != '>' {
		if strings.ContainsRune(" \t\r\n\f/", rune(data[i])) {
			i++
			continue
		}
		nameStart := i
		for i < len(data) && !strings.ContainsRune(" \t\r\n\f/>=", rune(data[i])) {
			i++
		}
		name := lower[nameStart:i]
		vs, ve := i, i
		if j := skipSpace(data, i); j < len(data) && data[j] == '=' {
			vs, ve, i = attrValue(data, j+1)
		}
		switch name {
		case "src":
			hasSrc, tag.src, tag.start, tag.end = true, data[vs:ve], vs, ve
		case "integrity":
			tag.integrity = ve > vs
		}
	}
	body := i + 1
	end := strings.Index(lower[min(body, len(lower)):], "</script")
	if end < 0 {
		return tag, len(data)
	}
	content := data[body : body+end]
	tag.inline = !hasSrc && strings.TrimSpace(content) != ""
	return tag, body + end
}

// attrValue reads an attribute value at i (quoted or not) and returns its
// span and the offset after it.
func attrValue(data string, i int) (start, end, next int) {
	i = skipSpace(data, i)
	if i < len(data) && (data[i] == '"' || data[i] == '\'') {
		q := data[i]
		end := strings.IndexByte(data[i+1:], q)
		if end < 0 {
			return i + 1, len(data), len(data)
		}
		return i + 1, i + 1 + end, i + 2 + end
	}
	start = i
	for i < len(data) && !strings.ContainsRune(" \t\r\n\f>", rune(data[i])) {
		i++
	}
	return start, i, i
}

// skipSpace returns the offset of the first non-whitespace byte at or
// after i.
func skipSpace(data string, i int) int {
	for i < len(data) && strings.ContainsRune(" \t\r\n\f", rune(data[i])) {
		i++
	}
	return i
}

// asciiLower lower-cases ASCII letters only, so offsets stay true.
func asciiLower(b []byte) string {
	out := make([]byte, len(b))
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		out[i] = c
	}
	return string(out)
}
