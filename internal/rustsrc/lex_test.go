package rustsrc

import (
	"strings"
	"testing"

	"github.com/tauriaudit/tauriaudit/rules/source"
)

func TestLex(t *testing.T) {
	src := `fn f<'a>(x: &'a str) -> char { // c.danger()
    let s = "a \" b"; let r = r##"x "# y"##; let b = b'\''; let c = '"'; /* a /* b */ c */
    let u = '\u{1F600}'; let raw = r#type; x.m::<u8>(1.5)?.n
}`
	var got []string
	for _, tk := range Lex(src) {
		got = append(got, tk.Text)
	}
	want := "fn f < 'a > ( x : & 'a str ) - > char { let s = a \\\" b ; let r = x \"# y ; let b = b'\\'' ; let c = '\"' ; " +
		"let u = '\\u{1F600}' ; let raw = type ; x . m :: < u8 > ( 1.5 ) ? . n }"
	if strings.Join(got, " ") != want {
		t.Errorf("tokens:\n got %s\nwant %s", strings.Join(got, " "), want)
	}
	s := parse(src)
	dot := len(s.Toks) - 3 // the "." before n
	if ids := s.Chain(dot); strings.Join(ids, " ") != "m x" {
		t.Errorf("chain: %v", ids)
	}
}

func TestLexKinds(t *testing.T) {
	for src, want := range map[string]Kind{
		`"s"`: Str, `r#"s"#`: Str, `b"s"`: Str, `c"s"`: Str, `br"s"`: Str,
		`'x'`: Char, `b'x'`: Char, `'\n'`: Char,
		`'a`: Lifetime, `42u8`: Num, `1.5`: Num, `r#match`: Ident, `über`: Ident, `::`: Punct, `#`: Punct,
	} {
		toks := Lex(src)
		if len(toks) != 1 || toks[0].Kind != want {
			t.Errorf("Lex(%q) = %+v, want one token of kind %d", src, toks, want)
		}
	}
}

func TestBindingsAndDebugOnly(t *testing.T) {
	s := parse(`fn main() {
    let up = app.updater_builder();
    let other = 1;
    fn f(b: &mut tauri_plugin_updater::UpdaterBuilder) {}
    #[cfg(debug_assertions)]
    x.first();
    if cfg!(debug_assertions) { y.second(); }
    z.third();
}`)
	got := s.Bindings(updaterMarks)
	if !got["up"] || !got["b"] || got["other"] || len(got) != 2 {
		t.Errorf("Bindings = %v, want up and b", got)
	}
	for name, want := range map[string]bool{"first": true, "second": true, "third": false} {
		i := indexOf(s, name)
		if got := s.DebugOnly(i); got != want {
			t.Errorf("DebugOnly(%s) = %v, want %v", name, got, want)
		}
	}
}

func TestEnclosingCall(t *testing.T) {
	s := parse(`b.configure_client(|c| c.danger_accept_invalid_certs(true)).other(x)`)
	if got := s.EnclosingCall(indexOf(s, "danger_accept_invalid_certs"), "configure_client"); got != indexOf(s, "configure_client") {
		t.Errorf("EnclosingCall = %d", got)
	}
	if got := s.EnclosingCall(indexOf(s, "x"), "configure_client"); got != -1 {
		t.Errorf("EnclosingCall outside = %d, want -1", got)
	}
}

func parse(src string) *File { return Parse(source.NewFile("x.rs", []byte(src))) }

// indexOf returns the index of the first identifier token name.
func indexOf(s *File, name string) int {
	for i, t := range s.Toks {
		if t.Is(Ident, name) {
			return i
		}
	}
	return -1
}

// FuzzRustLex: the lexer, the walks and the facts must not panic or loop
// on any input (app sources are untrusted), and tokens stay in the source.
func FuzzRustLex(f *testing.F) {
	f.Add(`let b = app.updater_builder(); b.configure_client(|c| c.danger_accept_invalid_certs(true)).target("x");`)
	f.Add(`#[cfg(debug_assertions)] x.y::<T>()?.z(true) r#"` + "\n" + `'a 'b' b'c' /* /* */`)
	f.Add(`std::process::Command::new("curl").arg("https://x/a.exe"); reqwest::get(x)`)
	f.Add("use tauri::command;\n#[command(rename_all = \"snake_case\")] async fn a<R: Fn() -> u8>(p: String, s: State<'_, X>) { let q = PathBuf::from(&p).join(\"x\"); " +
		"match q.as_str() { \"a\" => {} _ => {} } for y in &q { std::fs::read(y); } helper(&p); }\nfn helper(x: &str) { Command::new(x).arg(x); }\n" +
		"fn main() { tauri::plugin::Builder::new(\"n\").invoke_handler(tauri::generate_handler![#[cfg(x)] m::a]); }")
	f.Fuzz(func(t *testing.T, src string) {
		file := source.NewFile("f.rs", []byte(src))
		s := Parse(file)
		for _, tk := range s.Toks {
			if tk.Off < 0 || tk.End > len(src) || tk.Off > tk.End {
				t.Fatalf("token %+v outside the source", tk)
			}
		}
		s.Bindings(updaterMarks)
		// Each query scans from its token, so asking at every token of a
		// long input costs its square; 64 positions spread over the
		// tokens keep an input cheap and still reach every kind of token.
		for i := 0; i < len(s.Toks); i += 1 + len(s.Toks)/64 {
			s.Chain(i)
			s.DebugOnly(i)
			s.EnclosingCall(i, "configure_client")
		}
		AppFacts([]*source.File{file}, file)
		ReadInventory([]*File{s, s})
	})
}
