package rules

import (
	"path"
	"strings"

	"github.com/tauriaudit/tauriaudit/internal/jssrc"
	"github.com/tauriaudit/tauriaudit/internal/rustsrc"
	"github.com/tauriaudit/tauriaudit/rules/source"
)

// IPCInventory is the app crate's own IPC surface: its #[tauri::command]
// functions, the generate_handler! lists registering them (on the app's
// Builder or a local plugin's) and the sinks each command's parameters
// reach. It is read with the other Rust facts (one lexing per file).
var IPCInventory = PerApp("ipc.inventory", func(p *Project) *rustsrc.Inventory {
	return RustFacts.Of(p).IPC
})

// FrontendInvoke is one invoke('name') call of the app's frontend sources.
type FrontendInvoke struct {
	Name string
	Loc  source.Location
}

// frontendExts are the frontend source files read for invoke calls.
var frontendExts = map[string]bool{".ts": true, ".tsx": true, ".js": true, ".jsx": true, ".mjs": true, ".mts": true, ".vue": true, ".svelte": true}

// maxFrontendFiles bounds the frontend files read per app.
const maxFrontendFiles = 4000

// FrontendInvokes are the invoke calls with a literal command name in
// the JS/TS sources of the app's frontend package (the folder of the
// nearest package.json above the app), outside dependencies, build
// output and the Tauri crate itself.
var FrontendInvokes = PerApp("ipc.frontend", func(p *Project) []FrontendInvoke {
	pkg := p.FindUp("package.json")
	if pkg == "" {
		return nil
	}
	var out []FrontendInvoke
	n := 0
	root := path.Dir(pkg)
	otherPkg := map[string]bool{} // folder -> holds another package.json
	for _, rel := range p.FilesUnder(root) {
		if !frontendExts[path.Ext(rel)] || skippedFrontendPath(rel, p.Dir) || inNestedPackage(p, root, rel, otherPkg) {
			continue
		}
		if n++; n > maxFrontendFiles {
			break
		}
		f := p.Read(rel)
		if f == nil {
			continue
		}
		for _, in := range jssrc.Invokes(string(f.Data)) {
			out = append(out, FrontendInvoke{Name: in.Name, Loc: f.Span(in.Off, in.Off+len(in.Name)+2)})
		}
	}
	return out
})

// skippedFrontendPath reports dependencies, build output, hidden folders
// and the app crate's own folder.
func skippedFrontendPath(rel, appDir string) bool {
	if appDir != "." && appDir != "" && (rel == appDir || strings.HasPrefix(rel, appDir+"/")) {
		return true
	}
	for _, seg := range strings.Split(path.Dir(rel), "/") {
		switch {
		case seg == "node_modules", seg == "dist", seg == "build", seg == "target", seg == "out", seg == "coverage",
			strings.HasPrefix(seg, ".") && seg != ".":
			return true
		}
	}
	return strings.HasSuffix(rel, ".min.js") || strings.Contains(rel, ".test.") || strings.Contains(rel, ".spec.")
}

// inNestedPackage reports a file of another package below root (an
// example app, a workspace member): its invoke calls are that app's.
func inNestedPackage(p *Project, root, rel string, memo map[string]bool) bool {
	for dir := path.Dir(rel); dir != root && dir != "." && dir != "/"; dir = path.Dir(dir) {
		has, ok := memo[dir]
		if !ok {
			has = p.Exists(path.Join(dir, "package.json"))
			memo[dir] = has
		}
		if has {
			return true
		}
	}
	return false
}
