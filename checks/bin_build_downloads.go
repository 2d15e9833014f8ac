package checks

import (
	"fmt"
	"path"
	"regexp"
	"strings"

	"github.com/tauriaudit/tauriaudit/internal/shell"
	"github.com/tauriaudit/tauriaudit/rules"
	"github.com/tauriaudit/tauriaudit/rules/source"
)

// buildDownload is one unverified binary download found in a build hook.
type buildDownload struct {
	loc    source.Location
	target string
	via    string // "", `npm script "x"`, "scripts/fetch.sh"
}

// hookWalk follows one build hook through the npm scripts and script
// files it runs, collecting downloads and whether anything verifies them.
type hookWalk struct {
	p         *rules.Project
	scripts   map[string]npmScriptRef
	visited   map[string]bool
	verified  bool
	downloads []buildDownload
}

// npmScriptRef is a package.json script and the folder it runs in.
type npmScriptRef struct {
	cmd shell.Text
	dir string
}

// maxHookDepth bounds script-calls-script chains.
const maxHookDepth = 4

// reportBuildDownloads reports binaries fetched by beforeBuildCommand,
// beforeBundleCommand (and what they run) or build.rs without a hash check.
func reportBuildDownloads(pass *rules.Pass) {
	p := pass.Project
	scripts := map[string]npmScriptRef{}
	for _, pj := range rules.Deps.Of(p).Packages {
		for _, s := range pj.Scripts {
			if _, dup := scripts[s.Name]; !dup {
				scripts[s.Name] = npmScriptRef{shell.NewText(p.Files(), s.Command, s.Loc), path.Dir(pj.File)}
			}
		}
	}
	reported := map[string]bool{}
	for _, t := range p.Targets {
		for _, key := range []string{"beforeBuildCommand", "beforeBundleCommand"} {
			n := t.Config.At("build", key)
			bases := []string{path.Dir(p.Dir), p.Dir}
			if n.Is(source.Object) {
				if c := n.Get("cwd").String(); c != "" {
					bases = []string{path.Join(p.Dir, c)}
				}
				n = n.Get("script")
			}
			s, ok := n.Str()
			if !ok || s == "" {
				continue
			}
			h := &hookWalk{p: p, scripts: scripts, visited: map[string]bool{}}
			h.command(shell.NewText(p.Files(), s, n.Location()), "", bases, 0)
			if h.verified {
				continue
			}
			for _, d := range h.downloads {
				msg := fmt.Sprintf("build.%s downloads %s without verifying a checksum or signature", key, depClip(d.target, 80))
				if d.via != "" {
					msg += " (in " + d.via + ")"
				}
				f := rules.Finding{Location: d.loc, Subject: d.target, Message: msg}
				if d.via == "" {
					pass.ReportOn(t, f)
					continue
				}
				if k := fmt.Sprint(d.loc.File, d.loc.Start.Offset, key); !reported[k] {
					reported[k] = true
					pass.Report(f)
				}
			}
		}
	}
	for _, f := range buildRSDownloads(p) {
		pass.Report(f)
	}
}

// commandSplit separates the simple commands of a shell line.
var commandSplit = regexp.MustCompile(`&&|\|\||[;|\n]`)

// command scans one command text: its own downloads, then the npm scripts
// and script files it runs.
func (h *hookWalk) command(c shell.Text, via string, bases []string, depth int) {
	if verifyCommand.MatchString(c.Text) {
		h.verified = true
	}
	for _, m := range binaryDownload.FindAllStringSubmatchIndex(c.Text, -1) {
		if _, _, pipe := remoteExec(c.Text[m[0]:]); pipe {
			continue // download-and-run: TA-DEP-011
		}
		h.downloads = append(h.downloads, buildDownload{c.Span(m[0], m[1]), c.Text[m[2]:m[3]], via})
	}
	if depth >= maxHookDepth {
		return
	}
	for _, part := range commandSplit.Split(c.Text, -1) {
		args := strings.Fields(part)
		for len(args) > 0 && (strings.Contains(args[0], "=") || args[0] == "cross-env" || args[0] == "npx" || args[0] == "sudo") {
			args = args[1:]
		}
		if len(args) == 0 {
			continue
		}
		if name := npmScriptName(args); name != "" {
			if s, ok := h.scripts[name]; ok && !h.visited["npm:"+name] {
				h.visited["npm:"+name] = true
				h.command(s.cmd, fmt.Sprintf("npm script %q", name), []string{s.dir}, depth+1)
			}
			continue
		}
		if file := scriptFileArg(args); file != "" {
			for _, base := range bases {
				rel := path.Join(base, file)
				if h.visited[rel] || !h.p.Exists(rel) {
					continue
				}
				h.visited[rel] = true
				if f := h.p.Read(rel); f != nil {
					h.file(f, depth+1)
				}
				break
			}
		}
	}
}

// npmScriptName returns the package.json script a command runs
// (npm run x, npm run-script x, pnpm [run] x, yarn [run] x, bun run x).
func npmScriptName(args []string) string {
	if len(args) < 2 {
		return ""
	}
	switch args[0] {
	case "npm":
		if (args[1] == "run" || args[1] == "run-script") && len(args) > 2 {
			return args[2]
		}
	case "pnpm", "yarn":
		if args[1] == "run" && len(args) > 2 {
			return args[2]
		}
		if !strings.HasPrefix(args[1], "-") {
			return args[1]
		}
	case "bun":
		if args[1] == "run" && len(args) > 2 {
			return args[2]
		}
	}
	return ""
}

// scriptFileArg returns the shell or PowerShell script a command runs:
// ./x.sh, sh x.sh, bash -e x.sh, pwsh -File x.ps1, powershell x.ps1.
func scriptFileArg(args []string) string {
	isScript := func(s string) bool {
		l := strings.ToLower(s)
		return strings.HasSuffix(l, ".sh") || strings.HasSuffix(l, ".bash") || strings.HasSuffix(l, ".ps1")
	}
	if isScript(args[0]) {
		return args[0]
	}
	switch strings.TrimSuffix(strings.ToLower(path.Base(args[0])), ".exe") {
	case "sh", "bash", "zsh", "dash", "pwsh", "powershell":
		for _, a := range args[1:] {
			if isScript(a) {
				return a
			}
		}
	}
	return ""
}

// file scans a shell or PowerShell script line by line; comment lines do
// not count, for downloads or for verification.
func (h *hookWalk) file(f *source.File, depth int) {
	off := 0
	for _, line := range strings.SplitAfter(string(f.Data), "\n") {
		text := strings.TrimRight(line, "\r\n")
		if t := strings.TrimSpace(text); t != "" && !strings.HasPrefix(t, "#") {
			c := shell.FileLine(f, off, text)
			h.command(c, f.Path, []string{path.Dir(f.Path)}, depth)
		}
		off += len(line)
	}
}

// buildRSDownloads reports a build.rs that downloads something named like
// a binary or a sidecar and computes no digest.
func buildRSDownloads(p *rules.Project) []rules.Finding {
	b := rules.RustFacts.Of(p).Build
	if b == nil || b.Download == nil || b.Verified || !b.BinaryNamed && !namesSidecar(p, b.Strings) {
		return nil
	}
	t := b.Download
	return []rules.Finding{{Location: b.File.Span(t.Off, t.End), Subject: "build.rs:" + t.Text,
		Message: fmt.Sprintf("build.rs downloads a binary (%s) and checks no SHA-256 or signature", t.Text)}}
}

// namesSidecar reports whether one of strs contains the file name of a
// sidecar the app bundles.
func namesSidecar(p *rules.Project, strs []string) bool {
	for _, sc := range sidecars(p) {
		n := path.Base(sc.base)
		for _, s := range strs {
			if n != "" && strings.Contains(s, n) {
				return true
			}
		}
	}
	return false
}
