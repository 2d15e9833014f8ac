package csp

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tauriaudit/tauriaudit/rules/source"
)

// parseDoc parses a config document by its name's extension and returns
// the policy at ptr.
func parseDoc(t testing.TB, name, doc, ptr string) (*Policy, *source.File) {
	t.Helper()
	f := source.NewFile(name, []byte(doc))
	var root *source.Node
	var err error
	switch {
	case strings.HasSuffix(name, ".toml"):
		root, _, err = source.ParseTOML(f)
	case strings.HasSuffix(name, ".json5"):
		root, _, err = source.ParseJSON5(f)
	default:
		root, _, err = source.ParseJSON(f, false)
	}
	if err != nil {
		t.Fatalf("parse %s: %v", name, err)
	}
	p, err := Parse(root.Lookup(ptr))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return p, f
}

// at returns the file bytes a location spans, with its pointer.
func at(f *source.File, loc source.Location) string {
	return fmt.Sprintf("%s#%s", f.Data[loc.Start.Offset:loc.End.Offset], loc.Pointer)
}

// describe renders a policy as one line per directive:
// "name <name bytes> | source/kind <source bytes> ...".
func describe(p *Policy, f *source.File) []string {
	var out []string
	add := func(prefix string, d *Directive) {
		s := fmt.Sprintf("%s%s <%s>", prefix, d.Name, at(f, d.Loc))
		if !d.Known {
			s += " unknown"
		}
		for _, src := range d.Sources {
			s += fmt.Sprintf(" | %s/%s <%s>", src.Text, src.Kind, at(f, src.Loc))
		}
		out = append(out, s)
	}
	for _, d := range p.Directives {
		add("", d)
	}
	for _, d := range p.Duplicates {
		add("dup ", d)
	}
	return out
}

func TestParse(t *testing.T) {
	tests := []struct {
		name, file, doc, ptr string
		want                 []string
	}{{
		name: "string",
		file: "tauri.conf.json",
		doc:  `{"csp": "default-src 'self'; SCRIPT-src 'unsafe-eval' https://cdn.example.com:443/lib/"}`,
		ptr:  "/csp",
		want: []string{
			"default-src <default-src#/csp> | 'self'/keyword <'self'#/csp>",
			"script-src <SCRIPT-src#/csp> | 'unsafe-eval'/keyword <'unsafe-eval'#/csp> | https://cdn.example.com:443/lib/" +
				"/host <https://cdn.example.com:443/lib/#/csp>",
		},
	}, {
		name: "escapes and whitespace",
		file: "tauri.conf.json",
		doc:  `{"csp": "default-src \u0027self\u0027;\tscript-src\n\u00e9 \"x\" data:"}`,
		ptr:  "/csp",
		want: []string{
			`default-src <default-src#/csp> | 'self'/keyword <\u0027self\u0027#/csp>`,
			`script-src <script-src#/csp> | é/invalid <\u00e9#/csp> | "x"/invalid <\"x\"#/csp> | data:/scheme <data:#/csp>`,
		},
	}, {
		name: "duplicates and a header line",
		file: "tauri.conf.json5",
		doc:  `{csp: "Content-Security-Policy: default-src 'none'; script-src 'self'; script-src *;;"}`,
		ptr:  "/csp",
		want: []string{
			"content-security-policy: <Content-Security-Policy:#/csp> unknown | default-src/host <default-src#/csp> | 'none'/keyword <'none'#/csp>",
			"script-src <script-src#/csp> | 'self'/keyword <'self'#/csp>",
			"dup script-src <script-src#/csp> | */wildcard <*#/csp>",
		},
	}, {
		name: "object form",
		file: "tauri.conf.json",
		doc:  `{"csp": {"default-src": "'self' ipc:", "IMG-SRC": ["'self'", "data: blob:"], "connect-src": []}}`,
		ptr:  "/csp",
		want: []string{
			`default-src <default-src#/csp/default-src> | 'self'/keyword <'self'#/csp/default-src> | ipc:/scheme <ipc:#/csp/default-src>`,
			`img-src <IMG-SRC#/csp/IMG-SRC> | 'self'/keyword <'self'#/csp/IMG-SRC/0> | data:/scheme <data:#/csp/IMG-SRC/1> | blob:/scheme <blob:#/csp/IMG-SRC/1>`,
			`connect-src <connect-src#/csp/connect-src>`,
		},
	}, {
		name: "object form value with a semicolon",
		file: "tauri.conf.json",
		doc:  `{"csp": {"img-src": "'self'; script-src *"}}`,
		ptr:  "/csp",
		want: []string{
			`img-src <img-src#/csp/img-src> | 'self'/keyword <'self'#/csp/img-src>`,
			`script-src <script-src#/csp/img-src> | */wildcard <*#/csp/img-src>`,
		},
	}, {
		name: "toml basic string",
		file: "Tauri.toml",
		doc:  "[app.security]\ncsp = \"default-src 'self' \\u0069pc:\"\n",
		ptr:  "/app/security/csp",
		want: []string{
			"default-src <default-src#/app/security/csp> | 'self'/keyword <'self'#/app/security/csp> | ipc:/scheme <\\u0069pc:#/app/security/csp>",
		},
	}, {
		name: "toml multi-line strings",
		file: "Tauri.toml",
		doc:  "[app.security]\ncsp = \"\"\"\ndefault-src 'self' \\\n   img-src\"\"\"\ndev-csp = '''\nscript-src \\d'''\n",
		ptr:  "/app/security/csp",
		want: []string{
			"default-src <default-src#/app/security/csp> | 'self'/keyword <'self'#/app/security/csp> | img-src/host <img-src#/app/security/csp>",
		},
	}, {
		name: "toml object form with bare keys",
		file: "Tauri.toml",
		doc:  "[app.security.csp]\ndefault-src = \"'self'\"\nscript-src = ['https://a.example']\n",
		ptr:  "/app/security/csp",
		want: []string{
			`default-src <default-src#/app/security/csp/default-src> | 'self'/keyword <'self'#/app/security/csp/default-src>`,
			`script-src <script-src#/app/security/csp/script-src> | https://a.example/host <https://a.example#/app/security/csp/script-src/0>`,
		},
	}, {
		name: "json5 single quotes and continuation",
		file: "tauri.conf.json5",
		doc:  "{csp: 'default-src \\'self\\' \\\nhttps:'}",
		ptr:  "/csp",
		want: []string{
			`default-src <default-src#/csp> | 'self'/keyword <\'self\'#/csp> | https:/scheme <https:#/csp>`,
		},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, f := parseDoc(t, tt.file, tt.doc, tt.ptr)
			for _, d := range append(p.Directives, p.Duplicates...) {
				checkInside(t, f, d.Loc)
				for _, s := range d.Sources {
					checkInside(t, f, s.Loc)
				}
			}
			if diff := cmp.Diff(tt.want, describe(p, f)); diff != "" {
				t.Errorf("(-want +got)\n%s", diff)
			}
		})
	}
}

func TestParseNoPolicy(t *testing.T) {
	for _, doc := range []string{`{}`, `{"csp": null}`} {
		root, _, err := source.ParseJSON(source.NewFile("a.json", []byte(doc)), true)
		if err != nil {
			t.Fatal(err)
		}
		if p, err := Parse(root.Get("csp")); p != nil || err != nil {
			t.Errorf("%s: got %v, %v; want nil, nil", doc, p, err)
		}
	}
}

func TestParseRejects(t *testing.T) {
	for _, doc := range []string{`{"csp": 1}`, `{"csp": ["default-src"]}`, `{"csp": {"img-src": 1}}`,
		`{"csp": {"img-src": [null]}}`, `{"csp": {"img-src": null}}`} {
		root, _, err := source.ParseJSON(source.NewFile("a.json", []byte(doc)), true)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := Parse(root.Get("csp")); err == nil {
			t.Errorf("%s: no error", doc)
		}
	}
}

func TestClassify(t *testing.T) {
	tests := []struct {
		text string
		want Source
	}{
		{"*", Source{Kind: Wildcard}},
		{"'SELF'", Source{Kind: Keyword, Keyword: Self}},
		{"'Unsafe-Eval'", Source{Kind: Keyword, Keyword: UnsafeEval}},
		{"'wasm-unsafe-eval'", Source{Kind: Keyword, Keyword: WasmUnsafeEval}},
		{"'unsafe-allow-redirects'", Source{Kind: Keyword, Keyword: UnsafeAllowRedirects}},
		{"'nonce-abc+/='", Source{Kind: Nonce}},
		{"'nonce-'", Source{}},
		{"'sha256-AbC-_='", Source{Kind: Hash}},
		{"'sha1-abc'", Source{}},
		{"'self", Source{}},
		{"self", Source{Kind: Host, Host: "self"}},
		{"data:", Source{Kind: Scheme, Scheme: "data"}},
		{"HTTPS:", Source{Kind: Scheme, Scheme: "https"}},
		{"ipc:", Source{Kind: Scheme, Scheme: "ipc"}},
		{"1abc:", Source{}},
		{"https://*", Source{Kind: Host, Scheme: "https", Host: "*"}},
		{"*.Example.com", Source{Kind: Host, Host: "*.example.com"}},
		{"ws://localhost:*", Source{Kind: Host, Scheme: "ws", Host: "localhost", Port: "*"}},
		{"http://127.0.0.1:1420/a/b", Source{Kind: Host, Scheme: "http", Host: "127.0.0.1", Port: "1420", Path: "/a/b"}},
		{"http://[::1]:80", Source{Kind: Host, Scheme: "http", Host: "[::1]", Port: "80"}},
		{"example.com.", Source{Kind: Host, Host: "example.com."}},
		{"example.com:x", Source{}},
		{"a..b", Source{}},
		{"*.*.com", Source{}},
		{"content-security-policy:", Source{Kind: Scheme, Scheme: "content-security-policy"}},
		{"ht tp://x", Source{}},
		{"", Source{}},
	}
	for _, tt := range tests {
		got := *classify(tt.text, source.Location{})
		tt.want.Text = tt.text
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("classify(%q) (-want +got)\n%s", tt.text, diff)
		}
	}
}

func TestEffective(t *testing.T) {
	p, _ := parseDoc(t, "a.json", `{"csp": "default-src 'none'; script-src 'self'; child-src blob:; base-uri 'self'"}`, "/csp")
	tests := map[string]string{
		"script-src":      "script-src",
		"script-src-elem": "script-src",
		"script-src-attr": "script-src",
		"style-src-elem":  "default-src",
		"worker-src":      "child-src",
		"frame-src":       "child-src",
		"connect-src":     "default-src",
		"object-src":      "default-src",
		"base-uri":        "base-uri",
		"form-action":     "",
		"frame-ancestors": "",
	}
	for name, want := range tests {
		got := ""
		if d := p.Effective(name); d != nil {
			got = d.Name
		}
		if got != want {
			t.Errorf("Effective(%q) = %q, want %q", name, got, want)
		}
	}
	if got, want := p.String(), "default-src 'none'; script-src 'self'; child-src blob:; base-uri 'self'"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	var nilPolicy *Policy
	if nilPolicy.Effective("script-src") != nil || nilPolicy.Get("x") != nil || !nilPolicy.Empty() {
		t.Error("nil policy is not empty")
	}
}

func TestOrigins(t *testing.T) {
	local := []string{"tauri://localhost", "http://tauri.localhost", "https://ipc.localhost", "ipc:",
		"ipc://localhost", "asset:", "http://asset.localhost", "myproto://localhost", "https://myproto.localhost",
		"http://localhost:1420", "ws://127.0.0.2:*", "http://[::1]", "data:", "blob:", "http://*.localhost"}
	remote := []string{"https://example.com", "http://tauri.localhost.evil.com", "*", "https:", "http:",
		"https://*", "example.com", "http://10.0.0.1", "wss://myproto.localhost.example"}
	for _, s := range local {
		if !classify(s, source.Location{}).Local([]string{"MyProto"}) {
			t.Errorf("%s: not local", s)
		}
	}
	for _, s := range remote {
		if classify(s, source.Location{}).Local([]string{"myproto"}) {
			t.Errorf("%s: local", s)
		}
	}
	if IsTauriLocal("https", "other.localhost", nil) || !IsTauriLocal("http", "ipc.localhost", nil) {
		t.Error("IsTauriLocal")
	}
	if !IsLoopbackHost("127.1.2.3") || IsLoopbackHost("128.0.0.1") || !IsLoopbackHost("LOCALHOST.") {
		t.Error("IsLoopbackHost")
	}
}

func TestDecodeLiteral(t *testing.T) {
	tests := []struct {
		raw  string
		toml bool
		want string
	}{
		{`"a\nb\u00e9\ud83d\ude00"`, false, "a\nbé😀"},
		{`'a\'b\x41\v\0'`, false, "a'bA\v\x00"},
		{"'a\\\r\nb'", false, "ab"},
		{`'a\qb'`, false, "aqb"},
		{`"\U0001F600\e"`, true, "😀\x1b"},
		{`'C:\dir'`, true, `C:\dir`},
		{"\"\"\"\r\na \\  \n\n  b\"\"\"", true, "a b"},
		{"'''\nx'''", true, "x"},
	}
	for _, tt := range tests {
		d := decodeLiteral([]byte(tt.raw), tt.toml)
		if d == nil {
			t.Errorf("decodeLiteral(%q) failed", tt.raw)
			continue
		}
		if string(d.text) != tt.want {
			t.Errorf("decodeLiteral(%q) = %q, want %q", tt.raw, d.text, tt.want)
		}
		if len(d.start) != len(d.text) || len(d.end) != len(d.text) {
			t.Errorf("decodeLiteral(%q): map length mismatch", tt.raw)
		}
	}
	for _, raw := range []string{`"\u12"`, `"\`, `x`, `"a`, `"\q"`} {
		if d := decodeLiteral([]byte(raw), true); d != nil {
			t.Errorf("decodeLiteral(%q) = %q, want failure", raw, d.text)
		}
	}
}

// TestHostile checks that odd or oversized input degrades to coarser
// locations instead of failing.
func TestHostile(t *testing.T) {
	big := strings.Repeat("script-src 'self' ", maxMapped/16)
	doc, _ := json.Marshal(map[string]string{"csp": big + "; ;;  ; \u2028 default-src *"})
	p, f := parseDoc(t, "a.json", string(doc), "/csp")
	whole := p.Node.Location()
	if len(p.Directives) != 2 || p.Directives[1].Sources[0].Loc != whole {
		t.Errorf("oversized policy: got %d directives, want 2 located at the whole value", len(p.Directives))
	}
	if got := len(p.Directives[0].Sources); got != maxMapped/16*2-1 {
		t.Errorf("got %d sources", got)
	}
	_ = f
	// Thousands of directives and a name that is all separators.
	many := strings.Repeat("a;", 5000) + "img-src \x00 \u00a0"
	doc, _ = json.Marshal(map[string]string{"csp": many})
	p, f = parseDoc(t, "a.json", string(doc), "/csp")
	if len(p.Directives) != 2 || len(p.Duplicates) != 4999 {
		t.Errorf("got %d directives, %d duplicates", len(p.Directives), len(p.Duplicates))
	}
	for _, s := range p.Directives[1].Sources {
		checkInside(t, f, s.Loc)
	}
	// Many distinct names must stay linear.
	var sb strings.Builder
	for i := range 90_000 { // under maxMapped: every token located exactly
		fmt.Fprintf(&sb, "d%d x;", i)
	}
	doc, _ = json.Marshal(map[string]string{"csp": sb.String()})
	// (A quadratic parser takes hours here: the test would time out.)
	p, _ = parseDoc(t, "a.json", string(doc), "/csp")
	if len(p.Directives) != 90_000 || len(p.Unknown()) != 90_000 || p.Directives[1].Loc.Start.Col != 14 {
		t.Errorf("got %d directives", len(p.Directives))
	}
}

func checkInside(t testing.TB, f *source.File, loc source.Location) {
	t.Helper()
	if loc.File != f.Path || loc.Start.Offset < 0 || loc.Start.Offset > loc.End.Offset || loc.End.Offset > len(f.Data) {
		t.Fatalf("location %+v outside %s (%d bytes)", loc, f.Path, len(f.Data))
	}
	if loc.Start != f.Pos(loc.Start.Offset) || loc.End != f.Pos(loc.End.Offset) {
		t.Fatalf("location %+v: positions differ from File.Pos", loc)
	}
}

// FuzzParse feeds arbitrary bytes as the inside of a JSON string literal
// and as object-form keys and values: Parse must not panic, every location
// must lie inside the file, and an exactly mapped token must span bytes
// that read as the token when they hold no escape.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"default-src 'self'", `a\u0027b;\n c`, "Content-Security-Policy: x;;", `\ud83d\ude00 *`,
		"script-src https://*.a.com:* 'nonce-x' data:", `"\\"`, "\t\f\r;",
		"default-src 'self' script-src self 'none' x; referrer no-referrer; scirpt-src a",
		"script-src *.googleapis.com/ajax/libs/ https://cdn.jsdelivr.net/npm/ *.github.io:* 'unsafe-eval' www.googletagmanager.com",
		"script-src http://localhost:* 127.0.0.1:* [::1]:* 'nonce-' 'nonce-abc!' sha256-x 'unsafe-hashes' 'strict-dynamic'"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		fuzzDoc(t, `{"csp": "`+s+`"}`)
		k, _ := json.Marshal(s)
		fuzzDoc(t, fmt.Sprintf(`{"csp": {%s: %s, "img-src": [%s, %s]}}`, k, k, k, k))
	})
}

func fuzzDoc(t *testing.T, doc string) {
	file := source.NewFile("tauri.conf.json", []byte(doc))
	root, _, err := source.ParseJSON(file, false)
	if err != nil {
		return
	}
	p, err := Parse(root.Get("csp"))
	if err != nil || p == nil {
		return
	}
	for _, pr := range p.Problems() {
		checkInside(t, file, pr.Loc)
	}
	for _, d := range append(append([]*Directive(nil), p.Directives...), p.Duplicates...) {
		checkInside(t, file, d.Loc)
		for _, s := range d.Sources {
			checkInside(t, file, s.Loc)
			if b := s.KnownBypass(true); b != nil && s.Kind != Host {
				t.Fatalf("bypass %+v for a %s source", b, s.Kind)
			}
			raw := string(file.Data[s.Loc.Start.Offset:s.Loc.End.Offset])
			if !strings.ContainsAny(raw, `\"`) && raw != s.Text {
				t.Fatalf("source %q located at %q", s.Text, raw)
			}
		}
	}
}
