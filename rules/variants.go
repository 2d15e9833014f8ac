package rules

import (
	"bytes"
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/tauriaudit/tauriaudit/deps"
	"github.com/tauriaudit/tauriaudit/internal/buildvariant"
	"github.com/tauriaudit/tauriaudit/rules/source"
)

// Variant is a build of the app with extra configuration merged on top of
// the base config and its platform file: `tauri build --config FILE`,
// inline `--config '{…}'`, or TAURI_CONFIG in the build's environment.
// Each variant is audited as its own targets, one per audited platform.
type Variant struct {
	// Label names the variant in findings:
	// "release.conf.json via .github/workflows/release.yml:42".
	Label string
	// Origin is the command that builds it.
	Origin source.Location
	// Layers are merged in order after the platform file.
	Layers []*ConfigDoc
}

// maxVariants bounds the variants audited per app: each one multiplies
// the per-target work by the number of platforms.
const maxVariants = 16

// BuildUses are the tauri builds with extra configuration found in the
// workflows and package.json scripts of the scan.
var BuildUses = PerScan("deps.builduses", func(p *Project) []*deps.BuildUse {
	return deps.FindBuildUses(DepFiles.Of(p), Workflows.Of(p))
})

// loadVariants adds a target per platform for every variant of the app.
// Merge order as tauri-cli's get_internal (helpers/config.rs): base,
// platform file, then the --config values in order; tauri-build and
// tauri-codegen merge TAURI_CONFIG the same way after the platform file.
func (p *Project) loadVariants() {
	if p.Base == nil {
		return
	}
	base := slices.Clone(p.Targets)
	seen := map[string]bool{}
	for _, use := range BuildUses.Of(p) {
		if !p.builtFrom(use.Dir) {
			continue
		}
		v, key := p.variantOf(use)
		if v == nil || seen[key] {
			continue
		}
		seen[key] = true
		if len(p.Variants) == maxVariants {
			p.tree.problem(use.Origin, Note, "more than %d build variants; this one is not audited", maxVariants)
			continue
		}
		p.Variants = append(p.Variants, v)
		for _, bt := range base {
			cfg := bt.Config
			for _, l := range v.Layers {
				cfg = source.MergePatch(cfg, l.Root)
			}
			p.Targets = append(p.Targets, &Target{Platform: bt.Platform, Config: cfg, Overlay: bt.Overlay, Variant: v})
		}
	}
}

// builtFrom reports whether the tauri CLI started in dir builds this
// app: it looks for the config in dir and the folders below it, so dir
// is the app's folder, one of its parents, or a folder inside it.
func (p *Project) builtFrom(dir string) bool {
	if dir == "." || dir == p.Dir || strings.HasPrefix(p.Dir+"/", dir+"/") {
		return true
	}
	return strings.HasPrefix(dir+"/", p.Dir+"/") || dir == path.Dir(p.Dir)
}

// variantOf reads the layers of one build; nil when there is nothing to
// merge or a layer cannot be read (recorded as a problem: the build fails).
func (p *Project) variantOf(use *deps.BuildUse) (*Variant, string) {
	var layers []*ConfigDoc
	var names, keys []string
	if len(use.Configs) == 0 && use.EnvConfig != nil {
		kv := use.EnvConfig
		if strings.Contains(kv.Value, "${{") || strings.TrimSpace(kv.Value) == "" {
			return nil, ""
		}
		doc := p.inlineConfig(kv.Value, kv.ValueLoc, "TAURI_CONFIG")
		if doc == nil {
			return nil, ""
		}
		layers, names, keys = append(layers, doc), append(names, "TAURI_CONFIG"), append(keys, "env:"+kv.Value)
	}
	for _, c := range use.Configs {
		var doc *ConfigDoc
		if buildvariant.IsInline(c) {
			doc = p.inlineConfig(c, use.Origin, "--config")
			names, keys = append(names, "inline --config"), append(keys, "inline:"+c)
		} else {
			var rel string
			doc, rel = p.configFile(use, c)
			names, keys = append(names, path.Base(rel)), append(keys, rel)
		}
		if doc == nil {
			return nil, ""
		}
		layers = append(layers, doc)
	}
	if len(layers) == 0 {
		return nil, ""
	}
	label := fmt.Sprintf("%s via %s:%d", strings.Join(names, " + "), use.Origin.File, use.Origin.Start.Line)
	return &Variant{Label: label, Origin: use.Origin, Layers: layers}, strings.Join(keys, "\x00")
}

// configFile reads a --config path, relative to the folder the CLI
// started in (tauri-cli's ConfigValue::from_str reads it before changing
// directory).
func (p *Project) configFile(use *deps.BuildUse, arg string) (*ConfigDoc, string) {
	rel := path.Join(use.Dir, strings.ReplaceAll(arg, `\`, "/"))
	if path.IsAbs(arg) || strings.HasPrefix(rel, "../") || rel == ".." || strings.Contains(arg, "$") {
		return nil, rel // outside the scan, or computed: not judged
	}
	if !p.tree.exists(rel) {
		if strings.Contains(use.Earlier, path.Base(rel)) {
			return nil, rel // written by an earlier step: its content is not known here
		}
		p.tree.problem(use.Origin, Error, "tauri build --config %s: %s does not exist, so the build fails", arg, rel)
		return nil, rel
	}
	format := JSONConfig
	switch path.Ext(rel) {
	case ".json5":
		format = JSON5
	case ".toml":
		format = TOML
	}
	root, err := p.tree.parse(rel, format)
	if err != nil {
		p.tree.problem(use.Origin, Error, "tauri build --config %s: %s does not parse, so the build fails", arg, rel)
		return nil, rel
	}
	if root.Kind != source.Object {
		p.tree.problem(root.Location(), Error, "config must be an object, found %s", root.Kind)
		return nil, rel
	}
	p.canonicalize(root)
	return &ConfigDoc{File: p.tree.files.File(rel), Root: root}, rel
}

// inlineConfig parses JSON given on the command line or in TAURI_CONFIG.
// It is parsed in place, as a copy of the file that holds it with every
// other byte blanked, so its keys keep their line and column there (when
// the shell unquoting changed it, positions fall on the command's line).
func (p *Project) inlineConfig(text string, at source.Location, what string) *ConfigDoc {
	f := p.tree.files.File(at.File)
	if f == nil {
		return nil
	}
	off := min(at.Start.Offset, len(f.Data))
	if i := bytes.Index(f.Data[off:], []byte(text)); i >= 0 {
		off += i
	}
	data := make([]byte, 0, off+len(text))
	for _, b := range f.Data[:off] {
		if b != '\n' {
			b = ' '
		}
		data = append(data, b)
	}
	data = append(data, text...)
	root, _, err := source.ParseJSON(source.NewFile(f.Path, data), true)
	if err != nil || root.Kind != source.Object {
		p.tree.problem(at, Error, "%s is not a JSON object, so the build fails", what)
		return nil
	}
	p.canonicalize(root)
	return &ConfigDoc{File: f, Root: root}
}

func (p *Project) canonicalize(root *source.Node) {
	if p.shape != nil {
		p.recordShapeIssues(p.shape, p.shape.Canonicalize(root))
	}
}
