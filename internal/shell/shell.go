// Package shell splits the shell text a Tauri project runs (workflow run
// lines, npm scripts, beforeBuildCommand, script files) into simple
// commands and words, and keeps where each piece came from so findings
// point at the exact command. It is a lexer for findings, not a shell:
// expansions are kept as written and nothing is executed.
package shell

import (
	"path"
	"slices"
	"strings"
)

// Cmd is one simple command of a shell line.
type Cmd struct {
	Words      []string // unquoted words
	Offs       []int    // byte offset of each word in the line
	Start, End int      // byte span of the command in the line
	Pipe       bool     // its output is piped into the next command
}

// Split splits a shell line into simple commands at unquoted ;, &,
// &&, ||, |, parentheses and backticks. Quotes and backslash escapes are
// honoured; a # at the start of a word begins a comment. It is a lexer
// for findings, not a shell: expansions are kept as written.
func Split(s string) []Cmd {
	var out []Cmd
	cur := Cmd{Start: -1}
	var word strings.Builder
	inWord, wordStart := false, 0
	endWord := func() {
		if inWord {
			cur.Words = append(cur.Words, word.String())
			cur.Offs = append(cur.Offs, wordStart)
			word.Reset()
			inWord = false
		}
	}
	endCmd := func(at int, pipe bool) {
		endWord()
		if len(cur.Words) > 0 {
			cur.End, cur.Pipe = at, pipe
			out = append(out, cur)
		}
		cur = Cmd{Start: -1}
	}
	startWord := func(i int) {
		if !inWord {
			inWord, wordStart = true, i
			if cur.Start < 0 {
				cur.Start = i
			}
		}
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case strings.HasPrefix(s[i:], "${{"):
			// A GitHub expression is one word, spaces and all.
			startWord(i)
			j := strings.Index(s[i:], "}}")
			if j < 0 {
				j = len(s) - i - 2
			}
			word.WriteString(s[i : i+j+2])
			i += j + 1
		case c == '\'' || c == '"':
			startWord(i)
			j := closingQuote(s, i)
			word.WriteString(unquoteShell(s[i+1:j], c))
			i = j
		case c == '\\' && i+1 < len(s):
			startWord(i)
			word.WriteByte(s[i+1])
			i++
		case c == ' ' || c == '\t':
			endWord()
		case c == '#' && !inWord:
			endCmd(i, false)
			return out
		case c == '|':
			pipe := i+1 >= len(s) || s[i+1] != '|'
			endCmd(i, pipe)
			if !pipe {
				i++
			}
		case c == '&' && !(i > 0 && s[i-1] == '>') && !(i+1 < len(s) && s[i+1] == '>'):
			endCmd(i, false)
			if i+1 < len(s) && s[i+1] == '&' {
				i++
			}
		case c == ';' || c == '(' || c == ')' || c == '`' || c == '{' && !inWord || c == '}' && !inWord:
			endCmd(i, false)
		default:
			startWord(i)
			word.WriteByte(c)
		}
	}
	endCmd(len(s), false)
	return out
}

// closingQuote returns the index of the quote closing the one at i, or
// len(s) when it is unterminated.
func closingQuote(s string, i int) int {
	q := s[i]
	for j := i + 1; j < len(s); j++ {
		if q == '"' && s[j] == '\\' {
			j++
			continue
		}
		if s[j] == q {
			return j
		}
	}
	return len(s)
}

func unquoteShell(s string, q byte) string {
	if q == '\'' {
		return s
	}
	return doubleQuoteEscapes.Replace(s)
}

// doubleQuoteEscapes undoes the backslash escapes a double-quoted shell word allows.
var doubleQuoteEscapes = strings.NewReplacer(`\"`, `"`, `\\`, `\`, "\\$", "$", "\\`", "`")

// Program returns the command name with leading variable assignments and
// wrappers (sudo, env, time, …) skipped, lower-cased and without a
// directory or .exe/.cmd suffix, and the index of its word.
func (c Cmd) Program() (string, int) {
	for i, w := range c.Words {
		if isAssignment(w) || strings.HasPrefix(w, "-") && i > 0 && isWrapper(c.Words[i-1]) {
			continue
		}
		name := strings.ToLower(path.Base(strings.ReplaceAll(w, `\`, "/")))
		name = strings.TrimSuffix(strings.TrimSuffix(name, ".exe"), ".cmd")
		if isWrapper(name) {
			continue
		}
		return name, i
	}
	return "", -1
}

// Args returns the words after the program.
func (c Cmd) Args() []string {
	_, i := c.Program()
	if i < 0 {
		return nil
	}
	return c.Words[i+1:]
}

func isAssignment(w string) bool {
	eq := strings.IndexByte(w, '=')
	if eq <= 0 {
		return false
	}
	for i := 0; i < eq; i++ {
		c := w[i]
		if !(c == '_' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || i > 0 && c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

func isWrapper(w string) bool {
	switch w {
	case "sudo", "env", "time", "nohup", "exec", "command", "doas", "call":
		return true
	}
	return false
}

// HasFlag reports whether args hold one of the flags, alone or as
// --flag=value.
func HasFlag(args []string, flags ...string) bool {
	for _, a := range args {
		name, _, _ := strings.Cut(a, "=")
		for _, f := range flags {
			if a == f || name == f {
				return true
			}
		}
	}
	return false
}

// FlagValues returns the values given to a flag (--flag v, --flag=v, and
// for one-letter flags -Fv).
func FlagValues(args []string, flags ...string) []string {
	var out []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		for _, f := range flags {
			switch {
			case a == f && i+1 < len(args):
				out = append(out, args[i+1])
			case strings.HasPrefix(a, f+"="):
				out = append(out, a[len(f)+1:])
			case len(f) == 2 && f[0] == '-' && f[1] != '-' && strings.HasPrefix(a, f) && len(a) > 2:
				out = append(out, a[2:])
			}
		}
	}
	return out
}

// Subcommand splits off the first positional word, skipping flags and
// the values of the package managers' value flags: "pnpm --filter app
// install" gives "install" and the other words.
func Subcommand(args []string) (string, []string) {
	for i := 0; i < len(args); i++ {
		if strings.HasPrefix(args[i], "-") {
			if slices.Contains(ValueFlags, args[i]) {
				i++
			}
			continue
		}
		rest := append(append([]string(nil), args[:i]...), args[i+1:]...)
		return args[i], rest
	}
	return "", args
}

// ValueFlags are npm, pnpm, yarn and bun install flags that take a
// separate value.
var ValueFlags = []string{"--prefix", "-C", "--dir", "--cwd", "--workspace", "-w", "--filter", "-F", "--registry",
	"--cache", "--cache-folder", "--loglevel", "--omit", "--include", "--network-timeout", "--modules-folder",
	"--mutex", "--install-strategy", "--reporter", "--store-dir", "--cache-dir", "--backend"}
