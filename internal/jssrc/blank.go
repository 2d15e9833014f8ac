// Package jssrc blanks the comments and string literals of JavaScript
// and TypeScript source (vite.config.ts and the like) with spaces, so a
// pattern search sees only code and every offset still points into the
// original text. It is a scanner for findings, not a parser: regular
// expression literals and template substitutions are not recognised.
package jssrc

import "strings"

// BlankComments returns src with its // and /* */ comments replaced by
// spaces (line breaks kept).
func BlankComments(src string) string { return blank(src, false) }

// BlankCommentsAndStrings also blanks the contents of string and template
// literals; their quotes stay, so an empty literal is still visible.
func BlankCommentsAndStrings(src string) string { return blank(src, true) }

// blank replaces // and /* */ comments with spaces, keeping offsets,
// and with strs set also the contents of string and template literals
// (their quotes stay).
func blank(s string, strs bool) string {
	b := []byte(s)
	for i := 0; i < len(b); i++ {
		switch c := b[i]; {
		case c == '\'' || c == '"' || c == '`':
			for i++; i < len(b) && b[i] != c && !(c != '`' && b[i] == '\n'); i++ {
				if b[i] == '\\' && i+1 < len(b) {
					if strs {
						b[i] = ' '
					}
					i++
				}
				if strs && b[i] != '\n' {
					b[i] = ' '
				}
			}
		case c == '/' && i+1 < len(b) && b[i+1] == '/':
			for ; i < len(b) && b[i] != '\n'; i++ {
				b[i] = ' '
			}
		case c == '/' && i+1 < len(b) && b[i+1] == '*':
			j := strings.Index(s[i+2:], "*/")
			end := len(b)
			if j >= 0 {
				end = i + 2 + j + 2
			}
			for ; i < end; i++ {
				if b[i] != '\n' {
					b[i] = ' '
				}
			}
			i--
		}
	}
	return string(b)
}
