package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/tauriaudit/tauriaudit/rules"
)

// Catalog writes the rule table as Markdown: the README's rule list and
// `tauriaudit rules --format markdown` both come from here.
func Catalog(w io.Writer, rs []*rules.Rule) error {
	var b strings.Builder
	b.WriteString("| ID | Name | Level | Severity | Title |\n|---|---|---|---|---|\n")
	for _, r := range rs {
		gate := ""
		if r.Gate {
			gate = " (gate)"
		}
		fmt.Fprintf(&b, "| %s | `%s` | %s%s | %s | %s |\n", r.ID, r.Name, r.Level, gate, rules.SeverityText(r.Severity), escapeCell(r.Title))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// CatalogText writes the rule table aligned for a terminal.
func CatalogText(w io.Writer, rs []*rules.Rule) error {
	width := 0
	for _, r := range rs {
		width = max(width, len(r.Name))
	}
	for _, r := range rs {
		if _, err := fmt.Fprintf(w, "%-10s  %-*s  %-7s  %4s  %s\n", r.ID, width, r.Name, r.Level, rules.SeverityText(r.Severity), r.Title); err != nil {
			return err
		}
	}
	return nil
}

// Explain writes a rule's full documentation as Markdown.
func Explain(w io.Writer, r *rules.Rule) error {
	gate := ""
	if r.Gate {
		gate = " · release gate"
	}
	_, err := fmt.Fprintf(w, "# %s · %s\n\n%s\n\nLevel: %s · security-severity %s%s · tags: %s\n\n%s\n",
		r.ID, r.Name, r.Title, r.Level, rules.SeverityText(r.Severity), gate, strings.Join(Tags(r), ", "), strings.TrimSpace(r.Doc))
	return err
}

func escapeCell(s string) string { return strings.ReplaceAll(s, "|", `\|`) }
