package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/tauriaudit/tauriaudit/capabilities"
	"github.com/tauriaudit/tauriaudit/report"
	"github.com/tauriaudit/tauriaudit/rules"
)

// aclFlags are the options of `tauriaudit acl`.
type aclFlags struct {
	format    string
	output    string
	diff      string
	platforms []string
	// --check: one IPC call to decide (see acl_check.go).
	check, window, webview, url string
	manifests                   string
}

func newACLCmd(stdout io.Writer) *cobra.Command {
	fl := &aclFlags{}
	cmd := &cobra.Command{
		Use:   "acl [PATH]",
		Short: "Print the ACL Tauri resolves for each app and platform (or its change since a git ref)",
		Long: `acl resolves every enabled capability the way Tauri's build does and prints, per app and
platform, each command that can be called: allowed or denied, for which window and webview
label patterns, from which origins (local, or each remote URL pattern), with which scopes, and
the capability entry (file:line) that granted it.

With --diff REF it compares the working tree with the tree at git ref REF (read through git's
object store; nothing is checked out) and lists the commands, origins, windows and scopes that
became reachable or unreachable: what a reviewer needs to see on a pull request.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			prepareHeap()
			return runACL(c.Context(), rootArg(args), fl, stdout)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&fl.format, "format", "f", "text", "output format: text, json, markdown or html (one self-contained page)")
	f.StringVarP(&fl.output, "output", "o", "", "write to `FILE` instead of standard output")
	f.StringVar(&fl.diff, "diff", "", "compare with the tree at git `REF` (e.g. origin/main)")
	f.StringSliceVar(&fl.platforms, "platform", nil, "only these targets")
	f.StringVar(&fl.check, "check", "", "decide one IPC call to `COMMAND` (plugin:fs|read_file, fs|read_file, or an app command) as Tauri's runtime would; exit 0 allowed, 1 denied")
	f.StringVar(&fl.window, "window", "", "with --check: the calling window's `LABEL`")
	f.StringVar(&fl.webview, "webview", "", "with --check: the calling webview's `LABEL` (default: the window's)")
	f.StringVar(&fl.url, "url", "", "with --check: the `URL` of the calling page (default: the app's own, local origin)")
	f.StringVar(&fl.manifests, "plugin-manifests", "", "`DIR` of plugin crates or acl-manifests.json files for plugins not in the app or the embedded database")
	return cmd
}

// aclDoc is the JSON form of `tauriaudit acl`.
type aclDoc struct {
	Schema string    `json:"schema"`
	Apps   []*aclApp `json:"apps"`
}

type aclApp struct {
	Path         string                              `json:"path"`
	TauriVersion string                              `json:"tauri_version,omitempty"`
	Plugins      []*rules.PluginOrigin               `json:"plugins,omitempty"`
	Platforms    map[string]*capabilities.TargetView `json:"platforms"`
	// Commands are the app's own registered commands (from its Rust
	// sources) with their sinks and callers; IPCNotes what the reader
	// could not follow.
	Commands  []*ipcCommandDoc  `json:"app_commands,omitempty"`
	Protocols []*ipcProtocolDoc `json:"custom_protocols,omitempty"`
	IPCNotes  []ipcNoteDoc      `json:"app_command_notes,omitempty"`
	order     []string
}

func runACL(ctx context.Context, root string, fl *aclFlags, stdout io.Writer) error {
	switch fl.format {
	case "text", "json", "markdown", "html":
	default:
		return &exitError{code: 2, err: fmt.Errorf("unknown --format %q (want text, json, markdown or html)", fl.format)}
	}
	if fl.format == "html" && (fl.diff != "" || fl.check != "") {
		return &exitError{code: 2, err: fmt.Errorf("--format html draws the resolved ACL; it does not combine with --diff or --check")}
	}
	sf := &scanFlags{platforms: fl.platforms, limits: rules.DefaultLimits}
	sf.settings.PluginManifests = fl.manifests
	opt, err := sf.loadOptions()
	if err != nil {
		return &exitError{code: 2, err: err}
	}
	projects, err := rules.Load(ctx, root, opt)
	if err != nil {
		return &exitError{code: 2, err: err}
	}
	if fl.check != "" {
		return runACLCheck(projects, fl, stdout)
	}
	cur := aclDocument(projects)
	render := func(w io.Writer) error { return writeACL(w, fl.format, cur) }
	if fl.diff != "" {
		old, err := aclAtRef(ctx, root, fl.diff, opt)
		if err != nil {
			return &exitError{code: 2, err: err}
		}
		changes := diffACL(old, cur)
		render = func(w io.Writer) error { return writeDiff(w, fl.format, fl.diff, changes) }
	}
	if fl.output == "" {
		return render(stdout)
	}
	return writeFileAtomic(fl.output, render)
}

func aclDocument(projects []*rules.Project) *aclDoc {
	doc := &aclDoc{Schema: "tauriaudit-acl/v1", Apps: []*aclApp{}}
	for _, p := range projects {
		app := &aclApp{Path: p.Dir, TauriVersion: p.TauriVersion(), Plugins: pluginOrigins(p), Platforms: map[string]*capabilities.TargetView{}}
		for _, t := range p.Targets {
			ta := p.TargetACL(t)
			view := capabilities.View(ta.Resolved)
			view.Unresolved = capabilities.Unresolved(p.ACL().Model.ACL, ta.Enabled, p.ACL().Version)
			view.Capabilities = capabilities.CapabilityViews(ta.Enabled)
			if p.Base != nil {
				view.HighRisk = rules.ACLAudit.Of(p).Of(t).HighRiskRefs()
			}
			app.Platforms[string(t.Platform)] = view
			app.order = append(app.order, string(t.Platform))
		}
		app.Commands, app.Protocols, app.IPCNotes = ipcDocs(p)
		doc.Apps = append(doc.Apps, app)
	}
	return doc
}

// pluginOrigins lists where each plugin's permissions came from, by key.
func pluginOrigins(p *rules.Project) []*rules.PluginOrigin {
	origins := p.ACL().Origins
	var out []*rules.PluginOrigin
	for _, k := range sortedKeys(origins) {
		out = append(out, origins[k])
	}
	return out
}

// originText says in one line where a plugin's permissions came from.
func originText(o *rules.PluginOrigin) string {
	s := fmt.Sprintf("plugin %s (%s %s): %s", o.Key, o.Crate, orUnknown(o.Version), o.Source)
	if o.Release != "" {
		s += fmt.Sprintf(", release %s (%s)", o.Release, o.Match)
	}
	if o.Note != "" {
		s += ": " + o.Note
	}
	return s
}

// aclAtRef resolves the ACL of the tree at a git ref. An app that did
// not exist there simply has no old ACL.
func aclAtRef(ctx context.Context, root, ref string, opt rules.LoadOptions) (*aclDoc, error) {
	fsys, repo, err := treeAt(root, ref)
	if err != nil {
		return nil, err
	}
	defer repo.Close()
	projects, err := rules.LoadFS(ctx, fsys, opt)
	if err != nil && err != rules.ErrNoApp {
		return nil, err
	}
	return aclDocument(projects), nil
}

func writeACL(w io.Writer, format string, doc *aclDoc) error {
	switch format {
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(doc)
	case "markdown":
		return writeACLMarkdown(w, doc)
	case "html":
		return writeACLHTML(w, doc)
	}
	return writeACLText(w, doc)
}

// platformGroups joins platforms whose resolved views are identical, so
// a desktop app prints one table instead of three.
func platformGroups(app *aclApp) [][]string {
	var groups [][]string
	var keys []string
	for _, p := range app.order {
		k, _ := json.Marshal(app.Platforms[p])
		found := false
		for i := range groups {
			if keys[i] == string(k) {
				groups[i] = append(groups[i], p)
				found = true
				break
			}
		}
		if !found {
			groups = append(groups, []string{p})
			keys = append(keys, string(k))
		}
	}
	return groups
}

func writeACLText(w io.Writer, doc *aclDoc) error {
	var b strings.Builder
	for _, app := range doc.Apps {
		fmt.Fprintf(&b, "%s (tauri %s)\n", esc(app.Path), esc(orUnknown(app.TauriVersion)))
		for _, o := range app.Plugins {
			fmt.Fprintf(&b, "  %s\n", esc(originText(o)))
		}
		for _, group := range platformGroups(app) {
			v := app.Platforms[group[0]]
			fmt.Fprintf(&b, "  %s: %d commands\n", strings.Join(group, ", "), len(v.Commands))
			for _, c := range v.Commands {
				writeCommandText(&b, c)
			}
			for _, u := range v.Unresolved {
				fmt.Fprintf(&b, "    UNRESOLVED %s  windows %s: the permissions of plugin %s are unknown\n", esc(u.Reference), esc(listOrDash(u.Windows)), esc(u.Plugin))
				fmt.Fprintf(&b, "        granted by %s (%s:%d) %s%s\n", esc(u.Capability), esc(u.File), u.Line, esc(u.Permission), esc(via(u.Via)))
			}
			for _, key := range sortedKeys(v.GlobalScopes) {
				s := v.GlobalScopes[key]
				fmt.Fprintf(&b, "    global scope %s: allow %s deny %s\n", esc(key), esc(compactJSON(s.Allow)), esc(compactJSON(s.Deny)))
			}
		}
		writeIPCText(&b, app)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func writeCommandText(b *strings.Builder, c capabilities.CommandView) {
	state := "allowed"
	if !c.Allowed {
		state = "DENIED "
	}
	fmt.Fprintf(b, "    %s %s  windows %s  webviews %s  origins %s", state, esc(c.Command),
		esc(listOrDash(c.Windows)), esc(listOrDash(c.Webviews)), esc(listOrDash(c.Origins)))
	if len(c.Scopes.Allow)+len(c.Scopes.Deny) > 0 {
		fmt.Fprintf(b, "  scope allow %s deny %s", esc(compactJSON(c.Scopes.Allow)), esc(compactJSON(c.Scopes.Deny)))
	}
	b.WriteString("\n")
	for _, g := range c.GrantedBy {
		fmt.Fprintf(b, "        granted by %s (%s:%d) %s%s\n", esc(g.Capability), esc(g.File), g.Line, esc(g.Permission), esc(via(g.Via)))
	}
	for _, g := range c.DeniedBy {
		fmt.Fprintf(b, "        denied by %s (%s:%d) %s%s\n", esc(g.Capability), esc(g.File), g.Line, esc(g.Permission), esc(via(g.Via)))
	}
}

func writeACLMarkdown(w io.Writer, doc *aclDoc) error {
	var b strings.Builder
	for _, app := range doc.Apps {
		fmt.Fprintf(&b, "## %s (tauri %s)\n\n", report.MarkdownCode(app.Path), report.MarkdownCell(orUnknown(app.TauriVersion)))
		for _, o := range app.Plugins {
			fmt.Fprintf(&b, "- %s\n", report.MarkdownCell(originText(o)))
		}
		if len(app.Plugins) > 0 {
			b.WriteString("\n")
		}
		for _, group := range platformGroups(app) {
			v := app.Platforms[group[0]]
			fmt.Fprintf(&b, "### %s\n\n| command | access | windows | webviews | origins | scopes | granted by |\n|---|---|---|---|---|---|---|\n", strings.Join(group, ", "))
			for _, c := range v.Commands {
				access := "allowed"
				if !c.Allowed {
					access = "**denied**"
				}
				fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s | %s |\n", report.MarkdownCode(c.Command), access, mdList(c.Windows), mdList(c.Webviews),
					mdList(c.Origins), mdCell(scopeSummary(c.Scopes)), mdCell(grantSummary(c.GrantedBy)))
			}
			for _, u := range v.Unresolved {
				fmt.Fprintf(&b, "| %s | **unresolved**: permissions of plugin %s unknown | %s | | | | %s |\n", report.MarkdownCode(u.Reference), report.MarkdownCell(u.Plugin),
					mdList(u.Windows), mdCell(fmt.Sprintf("%s (%s:%d)", u.Capability, u.File, u.Line)))
			}
			b.WriteString("\n")
			writeACLMermaid(&b, v)
		}
		writeIPCMarkdown(&b, app)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func scopeSummary(s capabilities.ScopeView) string {
	if len(s.Allow)+len(s.Deny) == 0 {
		return ""
	}
	return "allow " + compactJSON(s.Allow) + " deny " + compactJSON(s.Deny)
}

func grantSummary(gs []capabilities.GrantRef) string {
	var parts []string
	for _, g := range gs {
		parts = append(parts, fmt.Sprintf("%s (%s:%d)", g.Capability, g.File, g.Line))
	}
	return strings.Join(parts, ", ")
}

func via(v []string) string {
	if len(v) == 0 {
		return ""
	}
	return " via " + strings.Join(v, " > ")
}

func listOrDash(l []string) string {
	if len(l) == 0 {
		return "-"
	}
	return strings.Join(l, ",")
}

func mdList(l []string) string {
	out := make([]string, len(l))
	for i, s := range l {
		out[i] = report.MarkdownCode(s)
	}
	return strings.Join(out, ", ")
}

func mdCell(s string) string { return report.MarkdownCell(s) }

// esc makes repository text safe for a terminal (see report.EscapeText).
func esc(s string) string { return report.EscapeText(s) }

func compactJSON(v any) string {
	data, err := json.Marshal(v)
	if err != nil {
		return "?"
	}
	return string(data)
}

func orUnknown(s string) string {
	if s == "" {
		return "version unknown"
	}
	return s
}
