package report

import (
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tauriaudit/tauriaudit/rules"
)

const (
	ansiReset = "\x1b[0m"
	ansiBold  = "\x1b[1m"
	ansiDim   = "\x1b[2m"
)

var levelColor = map[rules.Level]string{rules.Error: "\x1b[31m", rules.Warning: "\x1b[33m", rules.Note: "\x1b[36m"}

// writeText prints "file:line:col: level RULE-ID name: message [platforms]"
// (the form editors jump to), the source line with a caret, and a summary.
func writeText(w io.Writer, d *Document, opt Options) error {
	tw := &textWriter{w: w, color: opt.Color}
	for _, f := range d.Findings {
		if f.Suppressed != nil {
			continue
		}
		tw.finding(d, f)
		if !opt.Quiet {
			tw.snippet(f, opt)
		}
	}
	for _, e := range d.Errors {
		tw.printf("internal error: rule %s failed on %s: %s\n", e.RuleID, escapeText(e.App), escapeText(firstLine(e.Err)))
	}
	if !opt.Quiet {
		tw.summary(d)
	}
	return tw.err
}

type textWriter struct {
	w     io.Writer
	color bool
	err   error
}

func (t *textWriter) printf(format string, args ...any) {
	if t.err == nil {
		_, t.err = fmt.Fprintf(t.w, format, args...)
	}
}

func (t *textWriter) paint(code, s string) string {
	if !t.color || code == "" {
		return s
	}
	return code + s + ansiReset
}

func (t *textWriter) finding(d *Document, f rules.Finding) {
	where := d.RepoFile(f.Location.File)
	if f.Location.Start.IsValid() {
		where = fmt.Sprintf("%s:%d:%d", where, f.Location.Start.Line, f.Location.Start.Col)
	}
	if f.Location.Commit != "" {
		where += "@" + shortCommit(f.Location.Commit)
	}
	plat := ""
	if len(f.Platforms) > 0 {
		plat = " [" + strings.Join(f.Platforms, ", ") + "]"
	}
	t.printf("%s: %s %s %s: %s%s\n", t.paint(ansiBold, escapeText(where)), t.paint(levelColor[f.Level], string(f.Level)),
		f.RuleID, f.RuleName, escapeText(f.Message), t.paint(ansiDim, plat))
}

// snippet prints the finding's first line with a caret under the span.
func (t *textWriter) snippet(f rules.Finding, opt Options) {
	file := opt.Files.File(f.Location.File)
	start := f.Location.Start
	if file == nil || !start.IsValid() {
		return
	}
	line := file.Line(start.Line)
	if line == "" || utf8.RuneCountInString(line) > 300 {
		return
	}
	width := 1
	if end := f.Location.End; end.Line == start.Line && end.Col > start.Col {
		width = end.Col - start.Col
	}
	pad := caretPadding(line, start.Col)
	t.printf("    %s\n    %s%s\n", escapeText(strings.ReplaceAll(line, "\t", "    ")), pad,
		t.paint(levelColor[f.Level], "^"+strings.Repeat("~", max(0, min(width, 120)-1))))
}

// caretPadding returns blanks as wide as the first col-1 code points of
// line as printed: tabs expanded, escaped characters as wide as their
// escapes.
func caretPadding(line string, col int) string {
	var b strings.Builder
	n := 1
	for i := 0; i < len(line) && n < col; n++ {
		_, size := utf8.DecodeRuneInString(line[i:])
		switch raw := line[i : i+size]; {
		case raw == "\t":
			b.WriteString("    ")
		default:
			b.WriteString(strings.Repeat(" ", utf8.RuneCountInString(escapeText(raw))))
		}
		i += size
	}
	return b.String()
}

// escapeText makes text from the scanned repository (file names, quoted
// values, source lines) safe to print on a terminal: control characters
// (C0, DEL, C1), Unicode format characters (bidi overrides, zero-width
// joiners, byte order marks), line and paragraph separators and invalid
// UTF-8 become Go-style escapes (\n, \x1b, \u202e, \xff). So a name
// cannot clear the screen, set the title, forge a line of the report or
// reorder what is shown; the JSON and SARIF reports keep the exact text.
func escapeText(s string) string {
	plain := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f {
			plain = false
			break
		}
	}
	if plain {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, r)
		case unicode.IsControl(r) || unicode.In(r, unicode.Cf, unicode.Zl, unicode.Zp):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

func (t *textWriter) summary(d *Document) {
	s := d.Summary
	if s.Error+s.Warning+s.Note == 0 {
		t.printf("no findings in %s", plural(len(d.Apps), "app"))
	} else {
		t.printf("%s, %s, %s in %s", plural(s.Error, "error"), plural(s.Warning, "warning"), plural(s.Note, "note"), plural(len(d.Apps), "app"))
	}
	if s.Suppressed > 0 {
		t.printf(" (%d suppressed)", s.Suppressed)
	}
	t.printf("\n")
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

func shortCommit(c string) string {
	if len(c) > 12 {
		return c[:12]
	}
	return c
}

func firstLine(s string) string {
	l, _, _ := strings.Cut(s, "\n")
	return l
}

// EscapeText is escapeText for other text renderers (the acl command).
func EscapeText(s string) string { return escapeText(s) }
