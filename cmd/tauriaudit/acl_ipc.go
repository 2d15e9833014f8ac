package main

import (
	"fmt"
	"slices"
	"strings"

	"github.com/tauriaudit/tauriaudit/capabilities/audit"
	"github.com/tauriaudit/tauriaudit/internal/rustsrc"
	"github.com/tauriaudit/tauriaudit/report"
	"github.com/tauriaudit/tauriaudit/rules"
)

// ipcCommandDoc is one registered command of the app's own sources, with
// what it does and who can call it.
type ipcCommandDoc struct {
	Command  string        `json:"command"` // as invoked: "save_note", "plugin:notes|save"
	Function string        `json:"function"`
	File     string        `json:"file"`
	Line     int           `json:"line"`
	Async    bool          `json:"async"`
	Params   []ipcParamDoc `json:"params"`
	Sinks    []ipcSinkDoc  `json:"sinks"`
	// Gated is false for app commands of an app without an app ACL
	// manifest: Tauri does not check them (every window; remote origins
	// too before tauri 2.11.1).
	Gated   bool     `json:"gated"`
	Windows []string `json:"windows"` // label patterns granted, any target
	Origins []string `json:"origins"` // "local" and remote URL patterns granted
}

type ipcParamDoc struct {
	Name string `json:"name"` // the key the frontend passes
	Type string `json:"type"`
}

type ipcSinkDoc struct {
	Kind     string   `json:"kind"`
	Call     string   `json:"call"`
	File     string   `json:"file"`
	Line     int      `json:"line"`
	Params   []string `json:"params"` // frontend names of the parameters reaching it
	ArgsOnly bool     `json:"args_only,omitempty"`
	Checked  bool     `json:"checked"`
	Check    string   `json:"check,omitempty"`
	Via      []string `json:"via,omitempty"`
}

// ipcProtocolDoc is one custom URI scheme handler.
type ipcProtocolDoc struct {
	Scheme    string       `json:"scheme"`
	File      string       `json:"file"`
	Line      int          `json:"line"`
	Async     bool         `json:"async"`
	Reads     []ipcSinkDoc `json:"reads"` // file reads fed by the request
	AnyOrigin bool         `json:"any_origin"`
}

type ipcNoteDoc struct {
	File string `json:"file"`
	Line int    `json:"line"`
	Text string `json:"text"`
}

// ipcDocs lists the registered commands and custom protocols of p's
// sources and what the reader could not follow.
func ipcDocs(p *rules.Project) ([]*ipcCommandDoc, []*ipcProtocolDoc, []ipcNoteDoc) {
	inv := rules.IPCInventory.Of(p)
	if inv == nil || p.Base == nil {
		return nil, nil, nil
	}
	var protos []*ipcProtocolDoc
	for _, pr := range inv.Protocols {
		d := &ipcProtocolDoc{Scheme: pr.Scheme, File: pr.Loc.File, Line: pr.Loc.Start.Line, Async: pr.Async, Reads: []ipcSinkDoc{}, AnyOrigin: pr.AnyOrigin != nil}
		for _, r := range pr.Reads {
			d.Reads = append(d.Reads, sinkDoc(nil, r))
		}
		protos = append(protos, d)
	}
	var out []*ipcCommandDoc
	for _, c := range inv.Registered() {
		for _, name := range c.Invoked() {
			out = append(out, ipcDoc(p, c, name))
		}
	}
	slices.SortFunc(out, func(a, b *ipcCommandDoc) int { return strings.Compare(a.Command, b.Command) })
	var notes []ipcNoteDoc
	for _, n := range inv.Notes {
		notes = append(notes, ipcNoteDoc{n.Loc.File, n.Loc.Start.Line, n.Text})
	}
	for _, u := range inv.Unknown {
		notes = append(notes, ipcNoteDoc{u.Loc.File, u.Loc.Start.Line, "registered command " + u.Path + " is not defined in the sources read"})
	}
	return out, protos, notes
}

func ipcDoc(p *rules.Project, c *rustsrc.Command, name string) *ipcCommandDoc {
	d := &ipcCommandDoc{Command: name, Function: c.Name, File: c.Loc.File, Line: c.Loc.Start.Line, Async: c.Async,
		Params: []ipcParamDoc{}, Sinks: []ipcSinkDoc{}, Windows: []string{}, Origins: []string{}, Gated: true}
	for _, prm := range c.Caller() {
		d.Params = append(d.Params, ipcParamDoc{prm.Arg, prm.Type})
	}
	for _, s := range c.Sinks {
		d.Sinks = append(d.Sinks, sinkDoc(c, s))
	}
	for _, t := range p.Targets {
		r := p.TargetACL(t).Resolved
		if !strings.HasPrefix(name, "plugin:") && !r.HasApp {
			d.Gated = false
		}
		a := audit.AccessOf(r, name)
		if a.Denied {
			continue
		}
		for _, w := range a.Windows {
			if !slices.Contains(d.Windows, w) {
				d.Windows = append(d.Windows, w)
			}
		}
		for _, o := range a.Origins {
			if !slices.Contains(d.Origins, o) {
				d.Origins = append(d.Origins, o)
			}
		}
	}
	return d
}

// sinkDoc describes a sink of command c (nil for a protocol handler,
// whose source is the request).
func sinkDoc(c *rustsrc.Command, s rustsrc.Sink) ipcSinkDoc {
	sd := ipcSinkDoc{Kind: string(s.Kind), Call: s.Call, File: s.Loc.File, Line: s.Loc.Start.Line, Params: []string{},
		ArgsOnly: s.ArgsOnly, Checked: s.Checked, Check: s.Check, Via: s.Via}
	if c == nil {
		sd.Params = append(sd.Params, s.Params...)
		return sd
	}
	for _, prm := range c.Params {
		if slices.Contains(s.Params, prm.Name) {
			sd.Params = append(sd.Params, prm.Arg)
		}
	}
	return sd
}

// callers says who can call a command, for text and Markdown.
func (d *ipcCommandDoc) callers() string {
	if !d.Gated {
		return "every window (no app ACL manifest; any origin before tauri 2.11.1)"
	}
	if len(d.Origins) == 0 {
		return "nobody (no capability grants it)"
	}
	return fmt.Sprintf("windows %s from %s", strings.Join(d.Windows, ","), strings.Join(d.Origins, ","))
}

// text describes one sink in one line.
func (s ipcSinkDoc) text() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s (%s:%d)", s.Kind, s.Call, s.File, s.Line)
	if len(s.Params) > 0 {
		fmt.Fprintf(&b, " from %s", strings.Join(s.Params, ","))
		if s.ArgsOnly {
			b.WriteString(" (arguments only)")
		}
		if s.Checked {
			fmt.Fprintf(&b, " checked (%s)", s.Check)
		} else {
			b.WriteString(" unchecked")
		}
	}
	if len(s.Via) > 0 {
		fmt.Fprintf(&b, " via %s", strings.Join(s.Via, " > "))
	}
	return b.String()
}

func writeIPCText(b *strings.Builder, app *aclApp) {
	if len(app.Commands)+len(app.Protocols)+len(app.IPCNotes) == 0 {
		return
	}
	fmt.Fprintf(b, "  app commands (%d)\n", len(app.Commands))
	for _, d := range app.Commands {
		fmt.Fprintf(b, "    %s  %s:%d  callers: %s\n", esc(d.Command), esc(d.File), d.Line, esc(d.callers()))
		for _, s := range d.Sinks {
			fmt.Fprintf(b, "        sink %s\n", esc(s.text()))
		}
	}
	for _, pr := range app.Protocols {
		fmt.Fprintf(b, "  custom protocol %s  %s:%d%s\n", esc(orCustom(pr.Scheme)), esc(pr.File), pr.Line, anyOriginText(pr.AnyOrigin))
		for _, r := range pr.Reads {
			fmt.Fprintf(b, "        reads %s\n", esc(r.text()))
		}
	}
	for _, n := range app.IPCNotes {
		fmt.Fprintf(b, "    note %s:%d: %s\n", esc(n.File), n.Line, esc(n.Text))
	}
}

func orCustom(s string) string {
	if s == "" {
		return "(name not a literal)"
	}
	return s
}

func anyOriginText(any bool) string {
	if any {
		return "  Access-Control-Allow-Origin: *"
	}
	return ""
}

func writeIPCMarkdown(b *strings.Builder, app *aclApp) {
	if len(app.Commands)+len(app.Protocols)+len(app.IPCNotes) == 0 {
		return
	}
	b.WriteString("### app commands\n\n| command | defined at | parameters | callers | sinks |\n|---|---|---|---|---|\n")
	for _, d := range app.Commands {
		var params, sinks []string
		for _, p := range d.Params {
			params = append(params, p.Name+": "+p.Type)
		}
		for _, s := range d.Sinks {
			sinks = append(sinks, s.text())
		}
		fmt.Fprintf(b, "| %s | %s | %s | %s | %s |\n", report.MarkdownCode(d.Command), mdCell(fmt.Sprintf("%s:%d", d.File, d.Line)),
			mdCell(strings.Join(params, ", ")), mdCell(d.callers()), mdCell(strings.Join(sinks, "; ")))
	}
	b.WriteString("\n")
	if len(app.Protocols) > 0 {
		b.WriteString("### custom protocols\n\n| scheme | defined at | reads | CORS |\n|---|---|---|---|\n")
		for _, pr := range app.Protocols {
			var reads []string
			for _, r := range pr.Reads {
				reads = append(reads, r.text())
			}
			fmt.Fprintf(b, "| %s | %s | %s | %s |\n", report.MarkdownCode(orCustom(pr.Scheme)), mdCell(fmt.Sprintf("%s:%d", pr.File, pr.Line)),
				mdCell(strings.Join(reads, "; ")), mdCell(strings.TrimSpace(anyOriginText(pr.AnyOrigin))))
		}
		b.WriteString("\n")
	}
	for _, n := range app.IPCNotes {
		fmt.Fprintf(b, "- note %s: %s\n", mdCell(fmt.Sprintf("%s:%d", n.File, n.Line)), mdCell(n.Text))
	}
	if len(app.IPCNotes) > 0 {
		b.WriteString("\n")
	}
}
