package checks

import (
	"path"
	"strings"

	"github.com/tauriaudit/tauriaudit/deps"
	"github.com/tauriaudit/tauriaudit/rules"
	"github.com/tauriaudit/tauriaudit/rules/source"
)

// cmdText is a piece of shell text (a workflow run line, an npm script, a
// beforeBuildCommand) with where it came from, so findings can point at
// the exact command inside it.
type cmdText struct {
	Text string
	file *source.File
	base int             // byte offset of Text[0] in file; -1 when Text is not a verbatim copy
	n    int             // how many leading bytes of Text are verbatim
	loc  source.Location // the whole value, used when a span is not verbatim
}

// newCmdText ties text to loc, checking whether the file holds text
// verbatim at loc (or one byte later, after an opening quote).
func newCmdText(p *rules.Project, text string, loc source.Location) cmdText {
	c := cmdText{Text: text, loc: loc, base: -1}
	c.file = p.Files().File(loc.File)
	if c.file == nil || !loc.Start.IsValid() {
		return c
	}
	for _, off := range []int{loc.Start.Offset, loc.Start.Offset + 1} {
		if off >= 0 && off+len(text) <= len(c.file.Data) && string(c.file.Data[off:off+len(text)]) == text {
			c.base, c.n = off, len(text)
			break
		}
	}
	return c
}

// span locates bytes [i, j) of the text, or the whole value when the
// text is not a verbatim copy of the file.
func (c cmdText) span(i, j int) source.Location {
	if c.file == nil || c.base < 0 || i < 0 || j > c.n || i > j {
		return c.loc
	}
	loc := c.file.Span(c.base+i, c.base+j)
	loc.Pointer = c.loc.Pointer
	return loc
}

// stepScript is one workflow step's run script as logical lines
// (backslash continuations joined).
type stepScript struct {
	Workflow *deps.Workflow
	Job      *deps.Job
	Step     *deps.Step
	Lines    []cmdText
}

// workflowScripts returns the run scripts of every step of w.
func workflowScripts(p *rules.Project, w *deps.Workflow) []stepScript {
	var out []stepScript
	for _, j := range w.Jobs {
		for _, s := range j.Steps {
			if s.Run == nil {
				continue
			}
			out = append(out, stepScript{Workflow: w, Job: j, Step: s, Lines: logicalLines(p, s.Run.Lines)})
		}
	}
	return out
}

// logicalLines joins lines ending in a backslash (POSIX) or backtick
// (PowerShell) with the next one. A joined line keeps its first line's
// position; commands on later physical lines point at the whole line.
func logicalLines(p *rules.Project, lines []deps.ScriptLine) []cmdText {
	var out []cmdText
	for i := 0; i < len(lines); i++ {
		first := lines[i]
		c := newCmdText(p, first.Text, first.Loc)
		for continued(c.Text) && i+1 < len(lines) {
			i++
			t := strings.TrimRight(c.Text, " \t")
			t = t[:len(t)-1]
			c.n = min(c.n, len(t)) // positions stay exact on the first physical line only
			c.Text = t + " " + strings.TrimSpace(lines[i].Text)
		}
		out = append(out, c)
	}
	return out
}

func continued(s string) bool {
	s = strings.TrimRight(s, " \t")
	return strings.HasSuffix(s, "\\") || strings.HasSuffix(s, "`")
}

// shellCmd is one simple command of a shell line.
type shellCmd struct {
	Words      []string // unquoted words
	Offs       []int    // byte offset of each word in the line
	Start, End int      // byte span of the command in the line
	Pipe       bool     // its output is piped into the next command
}

// splitShell splits a shell line into simple commands at unquoted ;, &,
// &&, ||, |, parentheses and backticks. Quotes and backslash escapes are
// honoured; a # at the start of a word begins a comment. It is a lexer
// for findings, not a shell: expansions are kept as written.
func splitShell(s string) []shellCmd {
	var out []shellCmd
	cur := shellCmd{Start: -1}
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
		cur = shellCmd{Start: -1}
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
	return strings.NewReplacer(`\"`, `"`, `\\`, `\`, "\\$", "$", "\\`", "`").Replace(s)
}

// program returns the command name with leading variable assignments and
// wrappers (sudo, env, time, …) skipped, lower-cased and without a
// directory or .exe/.cmd suffix, and the index of its word.
func (c shellCmd) program() (string, int) {
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

// args returns the words after the program.
func (c shellCmd) args() []string {
	_, i := c.program()
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

// hasFlag reports whether args hold one of the flags, alone or as
// --flag=value.
func hasFlag(args []string, flags ...string) bool {
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

// flagValues returns the values given to a flag (--flag v, --flag=v, and
// for one-letter flags -Fv).
func flagValues(args []string, flags ...string) []string {
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
