package checks

import (
	"strings"
	"testing"

	"github.com/tauriaudit/tauriaudit/rules/source"
)

func TestRustLex(t *testing.T) {
	src := `fn f<'a>(x: &'a str) -> char { // c.danger()
    let s = "a \" b"; let r = r##"x "# y"##; let b = b'\''; let c = '"'; /* a /* b */ c */
    let u = '\u{1F600}'; let raw = r#type; x.m::<u8>(1.5)?.n
}`
	var got []string
	for _, tk := range rustLex(src) {
		got = append(got, tk.Text)
	}
	want := "fn f < 'a > ( x : & 'a str ) - > char { let s = a \\\" b ; let r = x \"# y ; let b = b'\\'' ; let c = '\"' ; " +
		"let u = '\\u{1F600}' ; let raw = type ; x . m :: < u8 > ( 1.5 ) ? . n }"
	if strings.Join(got, " ") != want {
		t.Errorf("tokens:\n got %s\nwant %s", strings.Join(got, " "), want)
	}
	s := lexRust(source.NewFile("x.rs", []byte(src)))
	dot := len(s.toks) - 3 // the "." before n
	if ids := s.chain(dot); strings.Join(ids, " ") != "m x" {
		t.Errorf("chain: %v", ids)
	}
}

// FuzzRustLex: the lexer and the chain, binding and block walks must not
// panic or loop on any input (app sources are untrusted).
func FuzzRustLex(f *testing.F) {
	f.Add(`let b = app.updater_builder(); b.configure_client(|c| c.danger_accept_invalid_certs(true)).target("x");`)
	f.Add(`#[cfg(debug_assertions)] x.y::<T>()?.z(true) r#"` + "\n" + `'a 'b' b'c' /* /* */`)
	f.Fuzz(func(t *testing.T, src string) {
		s := lexRust(source.NewFile("f.rs", []byte(src)))
		for _, tk := range s.toks {
			if tk.Off < 0 || tk.End > len(src) || tk.Off > tk.End {
				t.Fatalf("token %+v outside the source", tk)
			}
		}
		updaterTLSCalls(s)
		s.bindings(updaterMarks)
		for i := range s.toks {
			s.chain(i)
			s.debugOnly(i)
			s.enclosingCall(i, "configure_client")
		}
	})
}
