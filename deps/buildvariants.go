package deps

import (
	"path"
	"strings"

	"github.com/tauriaudit/tauriaudit/internal/buildvariant"
	"github.com/tauriaudit/tauriaudit/internal/lazyre"
	"github.com/tauriaudit/tauriaudit/internal/shell"
	"github.com/tauriaudit/tauriaudit/rules/source"
)

// BuildUse is one `tauri build` that merges extra configuration: a
// workflow step, a tauri-action step or a package.json script.
type BuildUse struct {
	// Configs are the --config values, in command-line order.
	Configs []string
	// EnvConfig is TAURI_CONFIG from the step, job or workflow env; it
	// applies only when no --config is given, because tauri-cli then
	// overwrites the variable with its merged --config values
	// (crates/tauri-cli/src/helpers/config.rs, get_internal: set_var).
	EnvConfig *KV
	// Dir is the root-relative folder the CLI starts in: relative
	// --config paths resolve against it.
	Dir string
	// Origin is the command that runs the build.
	Origin source.Location
	// Earlier is the run scripts of the steps before it in its job: a
	// --config file missing from the tree may be written there.
	Earlier string
}

// FindBuildUses lists every tauri build with extra configuration in the
// root workflows and in the package.json scripts of the tree.
func FindBuildUses(fs *Files, ws *WorkflowSet) []*BuildUse {
	var out []*BuildUse
	for _, w := range ws.Root {
		for _, j := range w.Jobs {
			var earlier strings.Builder
			for _, s := range j.Steps {
				for _, b := range stepBuilds(fs, w, j, s) {
					b.Earlier = earlier.String()
					out = append(out, b)
				}
				if s.Run != nil {
					earlier.WriteString(s.Run.Text + "\n")
				}
			}
		}
	}
	return append(out, scriptBuilds(fs)...)
}

// stepBuilds reads one workflow step: a tauri-action call or a run script.
func stepBuilds(fs *Files, w *Workflow, j *Job, s *Step) []*BuildUse {
	env := firstKV("TAURI_CONFIG", s.Env, j.Env, w.Env)
	dir := stepDir(s.WorkingDirectory)
	if s.IsAction("tauri-apps/tauri-action") {
		return tauriActionBuild(j, s, env, dir)
	}
	if s.Run == nil {
		return nil
	}
	f := fs.tree.Read(w.File)
	set := &source.FileSet{}
	if f != nil {
		set.Add(f)
	}
	texts := make([]shell.Text, len(s.Run.Lines))
	for i, l := range s.Run.Lines {
		texts[i] = shell.NewText(set, l.Text, l.Loc)
	}
	var out []*BuildUse
	for _, line := range shell.LogicalLines(texts) {
		for _, c := range shell.Split(line.Text) {
			if prog, i := c.Program(); prog == "cd" && i+1 < len(c.Words) {
				dir = joinDir(dir, c.Words[i+1])
				continue
			}
			b, ok := buildvariant.FindBuild(c.Words, scriptsNear(fs, dir))
			if ok && (len(b.Configs) > 0 || env != nil) {
				out = append(out, &BuildUse{Configs: b.Configs, EnvConfig: env, Dir: dir, Origin: line.Span(c.Start, c.End)})
			}
		}
	}
	return out
}

// tauriActionBuild reads tauri-apps/tauri-action: its `args` input goes
// to `tauri build`, run in `projectPath`. Args taken from the job's
// matrix give one build per matrix value.
func tauriActionBuild(j *Job, s *Step, env *KV, dir string) []*BuildUse {
	if p, ok := s.Input("projectPath"); ok && !strings.Contains(p, "${{") {
		dir = joinDir(dir, p)
	}
	var out []*BuildUse
	args := FindKV(s.With, "args")
	if args == nil {
		if env != nil {
			out = append(out, &BuildUse{EnvConfig: env, Dir: dir, Origin: s.Loc})
		}
		return out
	}
	for _, a := range expandMatrix(args.Value, args.ValueLoc, j) {
		var configs []string
		for _, c := range shell.Split(a.text) {
			configs = append(configs, shell.FlagValues(c.Words, "--config", "-c")...)
		}
		if len(configs) > 0 || env != nil {
			out = append(out, &BuildUse{Configs: configs, EnvConfig: env, Dir: dir, Origin: a.origin})
		}
	}
	return out
}

// matrixRef matches ${{ matrix.NAME }}.
var matrixRef = lazyre.New(`\$\{\{\s*matrix\.([A-Za-z0-9_-]+)\s*\}\}`)

type expanded struct {
	text   string
	origin source.Location
}

// expandMatrix substitutes the constant values of the first matrix
// dimension text refers to, one text per value, located at the value;
// other expressions become empty (their value is not known here).
func expandMatrix(text string, loc source.Location, j *Job) []expanded {
	m := matrixRef.FindStringSubmatch(text)
	if m == nil {
		return []expanded{{text, loc}}
	}
	var out []expanded
	seen := map[string]bool{}
	for _, kv := range j.MatrixLiterals {
		if kv.Key != m[1] || seen[kv.Value] {
			continue
		}
		seen[kv.Value] = true
		t := strings.ReplaceAll(text, m[0], kv.Value)
		out = append(out, expanded{matrixRef.ReplaceAllString(t, ""), kv.ValueLoc})
	}
	if len(out) == 0 {
		out = append(out, expanded{matrixRef.ReplaceAllString(text, ""), loc})
	}
	return out
}

// scriptBuilds reads every package.json script of the tree.
func scriptBuilds(fs *Files) []*BuildUse {
	var out []*BuildUse
	for _, rel := range fs.tree.FilesUnder(".") {
		if path.Base(rel) != "package.json" {
			continue
		}
		pj := fs.PackageJSON(rel)
		if pj == nil {
			continue
		}
		scripts := scriptLookup(pj)
		for _, s := range pj.Scripts {
			for _, c := range shell.Split(s.Command) {
				if b, ok := buildvariant.FindBuild(c.Words, scripts); ok && len(b.Configs) > 0 {
					out = append(out, &BuildUse{Configs: b.Configs, Dir: path.Dir(rel), Origin: s.Loc})
				}
			}
		}
	}
	return out
}

// scriptsNear returns the scripts of the package.json a package manager
// started in dir would use.
func scriptsNear(fs *Files, dir string) buildvariant.Scripts {
	rel := FindUp(fs.tree, dir, "package.json")
	if rel == "" {
		return nil
	}
	pj := fs.PackageJSON(rel)
	if pj == nil {
		return nil
	}
	return scriptLookup(pj)
}

func scriptLookup(pj *PackageJSON) buildvariant.Scripts {
	return func(name string) (string, bool) {
		for _, s := range pj.Scripts {
			if s.Name == name {
				return s.Command, true
			}
		}
		return "", false
	}
}

// firstKV returns the first entry named key, searching the mappings in
// order (step env overrides job env overrides workflow env).
func firstKV(key string, lists ...[]*KV) *KV {
	for _, l := range lists {
		if kv := FindKV(l, key); kv != nil {
			return kv
		}
	}
	return nil
}

// stepDir is a step's working-directory as a root-relative folder; an
// expression or an absolute path is taken as the checkout root.
func stepDir(wd string) string { return joinDir(".", wd) }

func joinDir(dir, elem string) string {
	if elem == "" || strings.Contains(elem, "${{") || strings.Contains(elem, "$") || path.IsAbs(elem) {
		return dir
	}
	elem = strings.TrimPrefix(path.Clean(strings.ReplaceAll(elem, `\`, "/")), "./")
	if strings.HasPrefix(elem, "..") {
		return dir
	}
	return path.Join(dir, elem)
}
