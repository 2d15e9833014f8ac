// Package comments tells which bytes of a source file are comments, for
// the languages whose files a Tauri app's findings point at and that
// allow them: JSON5 and JavaScript/TypeScript (// and /* */), Rust (the
// same, nested), TOML and YAML (#). JSON has no comments; nor does this.
// The lexers are lenient: a file that does not parse still gets a mask.
package comments

import (
	"path"
	"sort"
	"strings"

	"github.com/tauriaudit/tauriaudit/internal/jssrc"
	"github.com/tauriaudit/tauriaudit/internal/rustsrc"
)

// Mask reports whether byte off of the file is inside a comment.
type Mask func(off int) bool

// Style is a file's comment syntax.
type Style int

// The comment styles.
const (
	None  Style = iota
	Slash       // JSON5, JavaScript, TypeScript
	Rust        // Rust: //, nested /* */
	Hash        // TOML
	YAML        // YAML: # after white space
)

// StyleOf is the comment syntax of a file name, None when its format has
// no comments (JSON) or is not read for findings.
func StyleOf(name string) Style {
	switch strings.ToLower(path.Ext(name)) {
	case ".json5", ".js", ".mjs", ".cjs", ".jsx", ".ts", ".mts", ".cts", ".tsx":
		return Slash
	case ".rs":
		return Rust
	case ".toml":
		return Hash
	case ".yml", ".yaml":
		return YAML
	}
	return None
}

// For returns the comment mask of src in style s, nil for None.
func For(s Style, src string) Mask {
	switch s {
	case Slash:
		blanked := jssrc.BlankComments(src)
		return func(off int) bool { return off < len(src) && blanked[off] != src[off] }
	case Rust:
		return rustMask(src)
	case Hash, YAML:
		return hashMask(src, s == YAML)
	}
	return nil
}

// rustMask: outside every token and not white space is a comment.
func rustMask(src string) Mask {
	toks := rustsrc.Lex(src)
	return func(off int) bool {
		if off >= len(src) || strings.IndexByte(" \t\r\n\f\v", src[off]) >= 0 {
			return false
		}
		i := sort.Search(len(toks), func(i int) bool { return toks[i].End > off })
		return i == len(toks) || toks[i].Off > off
	}
}

// hashMask marks from a '#' outside strings to the end of its line.
// TOML strings may be basic ("), literal (') or multi-line (""" and
// ”'); YAML quotes open a string only where a scalar starts, and its
// '#' starts a comment only after white space.
func hashMask(src string, yaml bool) Mask {
	in := make([]bool, len(src))
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch {
		case c == '#' && (!yaml || i == 0 || isSpace(src[i-1])):
			for ; i < len(src) && src[i] != '\n'; i++ {
				in[i] = true
			}
		case !yaml && (strings.HasPrefix(src[i:], `"""`) || strings.HasPrefix(src[i:], "'''")):
			end := strings.Index(src[i+3:], src[i:i+3])
			if end < 0 {
				return maskOf(in)
			}
			i += 3 + end + 2
		case (c == '"' || c == '\'') && (!yaml || scalarStart(src, i)):
			i = stringEnd(src, i)
		}
	}
	return maskOf(in)
}

func maskOf(in []bool) Mask {
	return func(off int) bool { return off >= 0 && off < len(in) && in[off] }
}

// stringEnd is the offset of the quote closing the one-line string that
// opens at i (a backslash escapes in double quotes), or of the line end.
func stringEnd(src string, i int) int {
	q := src[i]
	for j := i + 1; j < len(src); j++ {
		switch {
		case src[j] == '\n':
			return j
		case q == '"' && src[j] == '\\':
			j++
		case src[j] == q:
			return j
		}
	}
	return len(src)
}

// scalarStart: a YAML quote opens a string after a key, a list dash, a
// flow bracket or comma, or at the start of a line (indentation aside).
func scalarStart(src string, i int) bool {
	j := i - 1
	for j >= 0 && (src[j] == ' ' || src[j] == '\t') {
		j--
	}
	return j < 0 || strings.IndexByte("\n:-[{,?", src[j]) >= 0
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }
