// Package rustsrc reads what a Tauri app's Rust code says without
// compiling it: a lenient lexer (comments and string literals never look
// like code), bracket matching and a few walks over the tokens (method
// chains, let bindings, debug-only blocks), and on top of them the facts
// the rules ask about an app crate (command handlers, the updater's TLS
// switches, what build.rs downloads). Nothing here runs or expands code.
package rustsrc

import "strings"

// Kind classifies the tokens of Lex.
type Kind uint8

const (
	Ident Kind = iota
	Str        // string literal of any form; Text is its body
	Char       // char or byte literal
	Num
	Lifetime
	Punct // one character, or "::"
)

// Token is one token with its byte span in the source.
type Token struct {
	Kind     Kind
	Text     string
	Off, End int
}

// Is reports whether t is the token s of kind k.
func (t Token) Is(k Kind, s string) bool { return t.Kind == k && t.Text == s }

// Lex splits Rust source into tokens, skipping whitespace and comments
// (nested block comments included), so text inside comments and string
// literals never looks like code. It is lenient: malformed input ends the
// current token at the end of the source instead of failing.
func Lex(src string) []Token {
	var out []Token
	n := len(src)
	for i := 0; i < n; {
		c := src[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v':
			i++
		case strings.HasPrefix(src[i:], "//"):
			j := strings.IndexByte(src[i:], '\n')
			if j < 0 {
				return out
			}
			i += j + 1
		case strings.HasPrefix(src[i:], "/*"):
			depth, j := 1, i+2
			for j < n && depth > 0 {
				switch {
				case strings.HasPrefix(src[j:], "/*"):
					depth, j = depth+1, j+2
				case strings.HasPrefix(src[j:], "*/"):
					depth, j = depth-1, j+2
				default:
					j++
				}
			}
			i = j
		case c == '"':
			end, body := quoted(src, i+1)
			out = append(out, Token{Str, body, i, end})
			i = end
		case rawStart(src, i) >= 0:
			k := rawStart(src, i) // index of the first '#' or '"'
			hashes := 0
			for k+hashes < n && src[k+hashes] == '#' {
				hashes++
			}
			open := k + hashes + 1
			closing := "\"" + strings.Repeat("#", hashes)
			end, body := n, src[min(open, n):]
			if j := strings.Index(src[min(open, n):], closing); j >= 0 {
				body = src[open : open+j]
				end = open + j + len(closing)
			}
			out = append(out, Token{Str, body, i, end})
			i = end
		case (c == 'b' || c == 'c') && i+1 < n && src[i+1] == '"':
			end, body := quoted(src, i+2)
			out = append(out, Token{Str, body, i, end})
			i = end
		case c == 'b' && i+1 < n && src[i+1] == '\'':
			end := charEnd(src, i+1)
			out = append(out, Token{Char, src[i:end], i, end})
			i = end
		case c == '\'':
			if end := charLit(src, i); end > 0 {
				out = append(out, Token{Char, src[i:end], i, end})
				i = end
				continue
			}
			j := i + 1
			for j < n && identByte(src[j]) {
				j++
			}
			out = append(out, Token{Lifetime, src[i:j], i, j})
			i = max(j, i+1)
		case c == 'r' && i+2 < n && src[i+1] == '#' && identStart(src[i+2]):
			j := i + 2
			for j < n && identByte(src[j]) {
				j++
			}
			out = append(out, Token{Ident, src[i+2 : j], i, j})
			i = j
		case identStart(c):
			j := i + 1
			for j < n && identByte(src[j]) {
				j++
			}
			out = append(out, Token{Ident, src[i:j], i, j})
			i = j
		case c >= '0' && c <= '9':
			j := i + 1
			for j < n && (identByte(src[j]) || src[j] == '.' && j+1 < n && src[j+1] >= '0' && src[j+1] <= '9') {
				j++
			}
			out = append(out, Token{Num, src[i:j], i, j})
			i = j
		case c == ':' && i+1 < n && src[i+1] == ':':
			out = append(out, Token{Punct, "::", i, i + 2})
			i += 2
		default:
			out = append(out, Token{Punct, src[i : i+1], i, i + 1})
			i++
		}
	}
	return out
}

// quoted scans a "…" body starting at i (after the quote) and returns
// the offset after the closing quote and the body.
func quoted(src string, i int) (int, string) {
	for j := i; j < len(src); j++ {
		switch src[j] {
		case '\\':
			j++
		case '"':
			return j + 1, src[i:j]
		}
	}
	return len(src), src[min(i, len(src)):]
}

// rawStart returns, for a raw string (r"…", r#"…"#, br…, cr…) starting
// at i, the index just after the prefix letters; -1 otherwise.
func rawStart(src string, i int) int {
	j := i
	if j < len(src) && (src[j] == 'b' || src[j] == 'c') {
		j++
	}
	if j >= len(src) || src[j] != 'r' {
		return -1
	}
	if i > 0 && identByte(src[i-1]) {
		return -1
	}
	j++
	k := j
	for k < len(src) && src[k] == '#' {
		k++
	}
	if k < len(src) && src[k] == '"' {
		return j
	}
	return -1
}

// charLit returns the end of the char literal whose opening quote is
// at i ('x', '\n', '\u{1F600}'), or 0 when the quote starts a lifetime or
// label ('a, 'static).
func charLit(src string, i int) int {
	j := i + 1
	if j >= len(src) {
		return 0
	}
	if src[j] == '\\' {
		for k := j + 2; k < len(src) && k < i+14; k++ {
			if src[k] == '\'' {
				return k + 1
			}
		}
		return 0
	}
	j++
	for j < len(src) && src[j]&0xC0 == 0x80 { // rest of a UTF-8 rune
		j++
	}
	if j < len(src) && src[j] == '\'' {
		return j + 1
	}
	return 0
}

// charEnd returns the end of a byte literal b'…' whose quote is at i.
func charEnd(src string, i int) int {
	if end := charLit(src, i); end > 0 {
		return end
	}
	return i + 1
}

func identStart(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

func identByte(c byte) bool { return identStart(c) || c >= '0' && c <= '9' }
