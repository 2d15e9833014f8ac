package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/tauriaudit/tauriaudit/rules"
)

// Markdown is a summary for pull requests and $GITHUB_STEP_SUMMARY.
const Markdown Format = "markdown"

// maxMarkdownRows keeps the summary under GitHub's step-summary size limit.
const maxMarkdownRows = 200

func writeMarkdown(w io.Writer, d *Document) error {
	var b strings.Builder
	s := d.Summary
	fmt.Fprintf(&b, "## tauriaudit\n\n")
	fmt.Fprintf(&b, "| errors | warnings | notes | suppressed |\n|---:|---:|---:|---:|\n| %d | %d | %d | %d |\n\n",
		s.Error, s.Warning, s.Note, s.Suppressed)
	fmt.Fprintf(&b, "Apps: %s\n\n", codeList(d.Apps))
	rows := 0
	for _, f := range d.Findings {
		if f.Suppressed != nil {
			continue
		}
		if rows == 0 {
			b.WriteString("| level | rule | location | message |\n|---|---|---|---|\n")
		}
		if rows++; rows > maxMarkdownRows {
			fmt.Fprintf(&b, "\n… %d more findings: see the SARIF or JSON report.\n", s.Error+s.Warning+s.Note-maxMarkdownRows)
			break
		}
		fmt.Fprintf(&b, "| %s | %s `%s` | %s | %s |\n", levelIcon(f.Level), f.RuleID, f.RuleName, mdCode(mdLocation(d, f)), mdEscape(f.Message)+mdPlatforms(f))
	}
	if rows == 0 {
		b.WriteString("No findings.\n")
	}
	for _, e := range d.Errors {
		fmt.Fprintf(&b, "\n> **internal error**: rule %s on %s: %s\n", e.RuleID, e.App, mdEscape(firstLine(e.Err)))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func levelIcon(l rules.Level) string {
	switch l {
	case rules.Error:
		return "🔴 error"
	case rules.Warning:
		return "🟠 warning"
	}
	return "🔵 note"
}

func mdLocation(d *Document, f rules.Finding) string {
	l := f.Location
	s := d.RepoFile(l.File)
	if l.Start.IsValid() {
		s = fmt.Sprintf("%s:%d:%d", s, l.Start.Line, l.Start.Col)
	}
	if l.Commit != "" {
		s += "@" + shortCommit(l.Commit)
	}
	return s
}

func mdPlatforms(f rules.Finding) string {
	if len(f.Platforms) == 0 {
		return ""
	}
	return " _(" + strings.Join(f.Platforms, ", ") + ")_"
}

func codeList(items []string) string {
	if len(items) == 0 {
		return "none"
	}
	out := make([]string, len(items))
	for i, s := range items {
		out[i] = mdCode(s)
	}
	return strings.Join(out, ", ")
}

// mdEscape keeps table cells intact; control and invisible characters
// from the repository are escaped as in the text report.
func mdEscape(s string) string {
	return cellEscapes.Replace(escapeText(s))
}

var cellEscapes = strings.NewReplacer("|", `\|`, "\n", " ", "<", "&lt;", ">", "&gt;")

// mdCode is s as a code span in a table cell: escaped as in the text
// report, pipes escaped (GitHub splits cells on them even in code), and
// fenced with more backticks than s holds in a row.
func mdCode(s string) string {
	s = strings.ReplaceAll(escapeText(s), "|", `\|`)
	run, longest := 0, 0
	for _, c := range s {
		if c == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	fence := strings.Repeat("`", longest+1)
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		s = " " + s + " "
	}
	return fence + s + fence
}

// MarkdownCode and MarkdownCell are mdCode and mdEscape for other
// Markdown renderers (the acl command).
func MarkdownCode(s string) string { return mdCode(s) }

// MarkdownCell: see MarkdownCode.
func MarkdownCell(s string) string { return mdEscape(s) }
