package isolation

import (
	"strings"
	"testing"
)

func TestFindHookVerdict(t *testing.T) {
	for src, want := range map[string]Verdict{
		// The create-tauri-app / docs example: logs and passes through.
		"window.__TAURI_ISOLATION_HOOK__ = (payload) => {\n  console.log('hook', payload)\n  return payload\n}":                PassThrough,
		"window.__TAURI_ISOLATION_HOOK__ = payload => payload;":                                                                PassThrough,
		"window.__TAURI_ISOLATION_HOOK__=e=>e":                                                                                 PassThrough,
		"window['__TAURI_ISOLATION_HOOK__'] = function (p, options) { /* if (x) throw 1 */ return p }":                         PassThrough,
		"window.__TAURI_ISOLATION_HOOK__ = async (payload, _opts) => { console.debug(`cmd ${payload.cmd}`); return payload; }": PassThrough,
		`window.__TAURI_ISOLATION_HOOK__=e=>(console.log("hook",e),e)`:                                                         PassThrough,
		"window.__TAURI_ISOLATION_HOOK__ = (p) => { return (p) }":                                                              PassThrough,
		"window.__TAURI_ISOLATION_HOOK__ = (p) => { return {a, p} }":                                                           Judges,
		"window.__TAURI_ISOLATION_HOOK__ = (p) => (check(p), p)":                                                               Judges,
		"window.__TAURI_ISOLATION_HOOK__ = (p) => typeof p":                                                                    Judges,
		"window.__TAURI_ISOLATION_HOOK__ = () => {}":                                                                           Empty,
		"window.__TAURI_ISOLATION_HOOK__ = function hook(payload) {\n}":                                                        Empty,
		"window.__TAURI_ISOLATION_HOOK__ = (p) => { if (!ALLOWED.has(p.cmd)) throw new Error('no'); return p }":                Judges,
		"window.__TAURI_ISOLATION_HOOK__ = (p) => ALLOWED.includes(p.cmd) ? p : null":                                          Judges,
		"window.__TAURI_ISOLATION_HOOK__ = (p) => validate(p)":                                                                 Judges,
		"window.__TAURI_ISOLATION_HOOK__ = (p) => { return p.cmd === 'greet' && p }":                                           Judges,
		"window.__TAURI_ISOLATION_HOOK__ = (p) => { return { ...p, extra: 1 } }":                                               Judges,
		"window.__TAURI_ISOLATION_HOOK__ = ({ cmd, ...rest }) => { return rest }":                                              Judges,
		"window.__TAURI_ISOLATION_HOOK__ = hookFromElsewhere":                                                                  Judges,
		"window.__TAURI_ISOLATION_HOOK__ = (p) => { console.log(p); return p":                                                  Judges, // unbalanced
	} {
		f, ok := FindHook(src)
		if !ok {
			t.Errorf("FindHook(%q): not found", src)
			continue
		}
		if f.Verdict != want {
			t.Errorf("FindHook(%q) = %v, want %v", src, f.Verdict, want)
		}
		if !strings.HasPrefix(src[f.Offset:], "__TAURI_ISOLATION_HOOK__") {
			t.Errorf("FindHook(%q): offset %d", src, f.Offset)
		}
	}
	for _, src := range []string{"", "if (window.__TAURI_ISOLATION_HOOK__ == null) {}", "// window.__TAURI_ISOLATION_HOOK__ = p => p",
		`log("window.__TAURI_ISOLATION_HOOK__ = p => p")`, "window.__TAURI_ISOLATION_HOOK__"} {
		if f, ok := FindHook(src); ok {
			t.Errorf("FindHook(%q) = %+v, want none", src, f)
		}
	}
}

type tree map[string]string

func (t tree) ReadText(rel string) (string, bool) { s, ok := t[rel]; return s, ok }
func (t tree) IsDir(rel string) bool {
	for k := range t {
		if strings.HasPrefix(k, rel+"/") {
			return true
		}
	}
	return rel == "empty"
}

func TestFind(t *testing.T) {
	fs := tree{
		"iso/index.html":     `<html><script src="https://cdn.example/x.js"></script><script type="module" src="./lib/hook.js"></script></html>`,
		"iso/lib/hook.js":    "window.__TAURI_ISOLATION_HOOK__ = (p) => p",
		"inline/index.html":  "<!doctype html>\n<script>\n  window.__TAURI_ISOLATION_HOOK__ = (p) => { if (p) return p }\n</script>",
		"nohook/index.html":  `<script src="../iso/lib/hook.js"></script><script src="/main.js"></script>`,
		"nohook/main.js":     "console.log('hello')",
		"noindex/readme.txt": "",
	}
	for dir, want := range map[string]Hook{
		"iso":     {Status: Found, Dir: "iso", File: "iso/lib/hook.js", Func: Func{Offset: 7, Verdict: PassThrough}},
		"inline":  {Status: Found, Dir: "inline", File: "inline/index.html", Func: Func{Offset: 34, Verdict: Judges}},
		"nohook":  {Status: NoHook, Dir: "nohook"},
		"noindex": {Status: NoIndex, Dir: "noindex"},
		"missing": {Status: NoDir, Dir: "missing"},
		"empty":   {Status: NoIndex, Dir: "empty"},
	} {
		if got := Find(dir, fs); got != want {
			t.Errorf("Find(%q) = %+v, want %+v", dir, got, want)
		}
	}
}

func FuzzFindHook(f *testing.F) {
	for _, s := range []string{"window.__TAURI_ISOLATION_HOOK__ = (p) => { return p }", "__TAURI_ISOLATION_HOOK__=function(", "__TAURI_ISOLATION_HOOK__ = x =>", `['__TAURI_ISOLATION_HOOK__']=(`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if h, ok := FindHook(s); ok && (h.Offset < 0 || h.Offset >= len(s)) {
			t.Fatalf("offset %d outside %d bytes", h.Offset, len(s))
		}
	})
}
