package checks

import (
	"fmt"
	"path"
	"strings"

	"github.com/tauriaudit/tauriaudit/internal/jssrc"
	"github.com/tauriaudit/tauriaudit/internal/lazyre"
	"github.com/tauriaudit/tauriaudit/internal/urls"
	"github.com/tauriaudit/tauriaudit/rules"
	"github.com/tauriaudit/tauriaudit/rules/source"
)

// ViteEnvPrefixLeak reports Vite env prefixes that expose the updater
// signing key to the frontend bundle.
var ViteEnvPrefixLeak = &rules.Rule{
	ID:       "TA-DEP-010",
	Name:     "vite-envprefix-leak",
	Title:    "Vite envPrefix exposes the updater signing key to the frontend",
	Level:    rules.Error,
	Severity: 8.4,
	Tags:     []string{"supply-chain"},
	CWE:      []int{200, 522},
	Doc: `Vite copies every environment variable whose name starts with an envPrefix entry into
import.meta.env, and inlines it into the bundle (always in dev and debug builds, in
production wherever it is referenced). An entry that is a prefix of TAURI_SIGNING_PRIVATE_KEY
(or the v1 TAURI_PRIVATE_KEY / TAURI_KEY_PASSWORD) — 'TAURI_', 'TAURI', 'T', or '' — puts the
updater signing key and its password into JavaScript that ships with the app and that any
webview page can read. This was advisory GHSA-2rcp-jvr4-r259 (the Tauri templates recommended
['VITE_', 'TAURI_']); the v2 variable names start with TAURI_ too, so the problem remains.

Checked: envPrefix in vite.config.{js,ts,mjs,mts,cjs,cts} and vite.envPrefix in
nuxt.config.{js,ts,mjs,mts} next to the frontend's package.json (a text match on string
literals, comments ignored; a prefix computed at runtime is not seen). Also reported: a
JavaScript file in the app's frontendDist that contains TAURI_SIGNING_PRIVATE_KEY or
TAURI_PRIVATE_KEY, i.e. a bundle that already carries the variable.

**Fix:** use ['VITE_', 'TAURI_ENV_'] (the variables the Tauri CLI sets for the frontend start
with TAURI_ENV_), rebuild, and rotate the updater key if a build with the old prefix was ever
published.

Bad:

~~~ts
export default defineConfig({ envPrefix: ['VITE_', 'TAURI_'] })
~~~

Good:

~~~ts
export default defineConfig({ envPrefix: ['VITE_', 'TAURI_ENV_'] })
~~~

**False positives:** TAURI_ENV_ and TAURI_PLATFORM-style prefixes are safe and not reported.
Tauri's October 2024 Nuxt guide itself showed the bare TAURI_ prefix; it is still a leak.`,
	Run: viteEnvPrefixLeak,
}

// signingVars are the secrets an envPrefix must not cover.
var signingVars = []string{"TAURI_SIGNING_PRIVATE_KEY", "TAURI_SIGNING_PRIVATE_KEY_PASSWORD", "TAURI_PRIVATE_KEY", "TAURI_KEY_PASSWORD"}

var (
	viteConfigs = []string{"vite.config.js", "vite.config.ts", "vite.config.mjs", "vite.config.mts", "vite.config.cjs",
		"vite.config.cts", "nuxt.config.js", "nuxt.config.ts", "nuxt.config.mjs", "nuxt.config.mts"}
	envPrefixKey = lazyre.New(`\benvPrefix\s*:\s*`)
	jsString     = lazyre.New(`'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)"|` + "`([^`$\\\\]*)`")
)

func viteEnvPrefixLeak(pass *rules.Pass) error {
	p := pass.Project
	m := rules.Deps.Of(p)
	for _, pj := range m.Packages {
		for _, name := range viteConfigs {
			rel := path.Join(path.Dir(pj.File), name)
			if !p.Exists(rel) {
				continue
			}
			if f := p.Read(rel); f != nil {
				reportEnvPrefix(pass, f)
			}
		}
	}
	reportBundledKeyName(pass)
	return nil
}

// reportEnvPrefix reports each string literal of an envPrefix value that
// is a prefix of a signing variable.
func reportEnvPrefix(pass *rules.Pass, f *source.File) {
	code := jssrc.BlankComments(string(f.Data))
	bare := jssrc.BlankCommentsAndStrings(string(f.Data)) // keys inside strings do not count
	for _, k := range envPrefixKey.FindAllStringIndex(bare, -1) {
		for _, lit := range prefixLiterals(code, k[1]) {
			v := code[lit[0]:lit[1]]
			leaked := leakedVars(v)
			if len(leaked) == 0 {
				continue
			}
			pass.Report(rules.Finding{Location: f.Span(lit[0]-1, lit[1]+1), Subject: "envPrefix " + v,
				Message: fmt.Sprintf("envPrefix %q exposes %s to the frontend bundle; use 'TAURI_ENV_'", v, depList(leaked, 4))})
		}
	}
}

// prefixLiterals returns the spans of the string contents of the value at
// off: one literal, or the literals of an array.
func prefixLiterals(code string, off int) [][2]int {
	end := off
	if strings.HasPrefix(code[off:], "[") {
		if i := strings.IndexByte(code[off:], ']'); i >= 0 {
			end = off + i
		}
	} else if m := jsString.FindStringIndex(code[off:]); m != nil && m[0] == 0 {
		end = off + m[1]
	}
	var out [][2]int
	for _, m := range jsString.FindAllStringSubmatchIndex(code[off:end], -1) {
		for g := 2; g < len(m); g += 2 {
			if m[g] >= 0 {
				out = append(out, [2]int{off + m[g], off + m[g+1]})
			}
		}
	}
	return out
}

// leakedVars returns the signing variables prefix covers.
func leakedVars(prefix string) []string {
	var out []string
	for _, v := range signingVars {
		if strings.HasPrefix(v, prefix) {
			out = append(out, v)
		}
	}
	return out
}

// maxBundleFiles bounds the frontendDist files searched for key names.
const maxBundleFiles = 500

// reportBundledKeyName reports built JavaScript that names a signing
// variable: the envPrefix leak has already happened in that build.
func reportBundledKeyName(pass *rules.Pass) {
	p := pass.Project
	if p.Base == nil {
		return
	}
	dist, ok := p.Base.Root.At("build", "frontendDist").Str()
	if !ok || urls.ParseAbsURL(dist) != nil {
		return
	}
	dir := path.Clean(path.Join(p.Dir, dist))
	if dir == ".." || strings.HasPrefix(dir, "../") {
		return
	}
	files := p.FilesUnder(dir)
	for _, rel := range files[:min(len(files), maxBundleFiles)] {
		if ext := path.Ext(rel); ext != ".js" && ext != ".mjs" {
			continue
		}
		f := p.Read(rel)
		if f == nil {
			continue
		}
		for _, v := range []string{"TAURI_SIGNING_PRIVATE_KEY", "TAURI_PRIVATE_KEY"} {
			if i := strings.Index(string(f.Data), v); i >= 0 {
				pass.Report(rules.Finding{Location: f.Span(i, i+len(v)), Subject: "bundle " + v,
					Message: fmt.Sprintf("the built frontend contains %s: an envPrefix leak has shipped; rotate the updater key", v)})
				break
			}
		}
	}
}
