// Package report renders one scan result, a Document, as text, JSON or
// SARIF 2.1.0. Renderers are pure functions of the Document: no I/O other
// than the writer, deterministic output (sorted, relative paths, no
// timestamps), so golden files need no fixups.
package report

import (
	"fmt"
	"io"
	"path"

	"github.com/tauriaudit/tauriaudit/rules"
	"github.com/tauriaudit/tauriaudit/rules/source"
)

// Format is an output format.
type Format string

// The output formats.
const (
	Text  Format = "text"
	JSON  Format = "json"
	SARIF Format = "sarif"
)

// SchemaVersion names the JSON output schema. It changes only when the
// JSON shape changes incompatibly.
const SchemaVersion = "tauriaudit/v1"

// Document is what every format renders. Its JSON form is the JSON output.
type Document struct {
	Schema   string            `json:"schema"`
	Tool     Tool              `json:"tool"`
	Apps     []string          `json:"apps"`     // config directories of the audited apps
	Findings []rules.Finding   `json:"findings"` // never null
	Errors   []rules.RuleError `json:"errors,omitempty"`
	Summary  Summary           `json:"summary"`
	// RepoPath is the scanned folder's slash path below the top of its
	// git work tree ("" at the top or outside a repository). Location
	// files stay relative to the scanned folder here; the text, Markdown
	// and SARIF reports prefix them with it, as the repository names
	// them.
	RepoPath string        `json:"repoPath,omitempty"`
	Rules    []*rules.Rule `json:"-"` // rules that ran: SARIF rule metadata
}

// Tool identifies tauriaudit.
type Tool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
	URI     string `json:"informationUri"`
}

// Summary counts findings by level; suppressed ones only in Suppressed.
type Summary struct {
	Error      int `json:"error"`
	Warning    int `json:"warning"`
	Note       int `json:"note"`
	Suppressed int `json:"suppressed"`
}

// NewDocument builds a Document from a run's result.
func NewDocument(tool Tool, apps []string, res *rules.Result, rs []*rules.Rule) *Document {
	d := &Document{Schema: SchemaVersion, Tool: tool, Apps: apps, Findings: res.Findings, Errors: res.Errors, Rules: rs}
	if d.Findings == nil {
		d.Findings = []rules.Finding{}
	}
	if d.Apps == nil {
		d.Apps = []string{}
	}
	for _, f := range d.Findings {
		switch {
		case f.Suppressed != nil:
			d.Summary.Suppressed++
		case f.Level == rules.Error:
			d.Summary.Error++
		case f.Level == rules.Warning:
			d.Summary.Warning++
		default:
			d.Summary.Note++
		}
	}
	return d
}

// RepoFile is file (relative to the scanned folder) as the repository
// names it; "." is the scanned folder itself.
func (d *Document) RepoFile(file string) string {
	if d.RepoPath == "" || path.IsAbs(file) {
		return file // an absolute path (a --config outside the root) stays one
	}
	return path.Join(d.RepoPath, file)
}

// Options tune rendering.
type Options struct {
	Files *source.FileSet // source lines for text snippets; nil = none
	Color bool            // ANSI colours in text output
	Quiet bool            // text: findings only, no snippets and no summary
}

// Write renders d in format f.
func Write(w io.Writer, f Format, d *Document, opt Options) error {
	switch f {
	case Text:
		return writeText(w, d, opt)
	case JSON:
		return writeJSON(w, d)
	case SARIF:
		return writeSARIF(w, d)
	case Markdown:
		return writeMarkdown(w, d)
	}
	return fmt.Errorf("unknown format %q (want text, json, sarif or markdown)", f)
}
