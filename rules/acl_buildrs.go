package rules

import (
	"fmt"
	"path"

	"github.com/tauriaudit/tauriaudit/capabilities"
	"github.com/tauriaudit/tauriaudit/internal/rustsrc"
	"github.com/tauriaudit/tauriaudit/rules/source"
)

// BuildDecl is what the app's build.rs declares to tauri-build about the
// ACL, and how much of it the scan could follow.
type BuildDecl struct {
	// ACL is the tauri_build call's attributes; nil without a build.rs or
	// without a tauri_build call in it.
	ACL *rustsrc.BuildACL
	// MentionsAppManifest is true when build.rs names AppManifest or
	// app_manifest: the fallback when ACL is nil.
	MentionsAppManifest bool
	// Unfollowed are the parts of the call the scan could not follow (the
	// lexer's, and patterns it does not glob), in file order.
	Unfollowed []rustsrc.Unknown
	// IncompletePlugins are inlined plugins whose permissions are only
	// partly known.
	IncompletePlugins map[string]bool
	// AppIncomplete is true when the app manifest build.rs declares is
	// only partly known.
	AppIncomplete bool
}

// PluginsUnknown reports that an inlined plugin's name could not be read,
// so any manifest key might be one.
func (b *BuildDecl) PluginsUnknown() bool { return b.ACL != nil && b.ACL.PluginNamesUnknown }

// buildDecl reads build.rs's declarations (RustFacts).
func (p *Project) buildDecl() *BuildDecl {
	d := &BuildDecl{IncompletePlugins: map[string]bool{}}
	bs := RustFacts.Of(p).Build
	if bs == nil {
		return d
	}
	d.ACL, d.MentionsAppManifest = bs.ACL, bs.MentionsAppManifest
	if d.ACL != nil {
		d.Unfollowed = append(d.Unfollowed, d.ACL.Unknown...)
		for _, pl := range d.ACL.Plugins {
			if !pl.Complete {
				d.IncompletePlugins[pl.Name] = true
			}
		}
		if a := d.ACL.App; a != nil && !a.Complete {
			d.AppIncomplete = true
		}
	}
	return d
}

// unfollowedPattern records a pattern the scan does not glob.
func (d *BuildDecl) unfollowedPattern(loc source.Location, pattern string, err error) {
	d.Unfollowed = append(d.Unfollowed, rustsrc.Unknown{Loc: loc, What: fmt.Sprintf("pattern %q is not globbed: %v", pattern, err)})
}

// patternFiles lists the app-relative files a tauri-build glob pattern
// may yield: those under its literal base directory that it matches.
func (p *Project) patternFiles(pp *capabilities.PathPattern) []string {
	var out []string
	for _, rel := range p.appRelative(pp.Base) {
		if pp.Match(rel) {
			out = append(out, rel)
		}
	}
	return out
}

// inlinedInputs are the inlined plugins' manifest sources: tauri-build
// keeps the last plugin of each name (a HashMap insert).
func (p *Project) inlinedInputs(d *BuildDecl) []capabilities.InlinedPluginInputs {
	if d.ACL == nil {
		return nil
	}
	last := map[string]int{}
	for i, pl := range d.ACL.Plugins {
		last[pl.Name] = i
	}
	var out []capabilities.InlinedPluginInputs
	for i, pl := range d.ACL.Plugins {
		if last[pl.Name] != i {
			continue
		}
		in := capabilities.InlinedPluginInputs{Name: pl.Name, Commands: pl.Commands}
		if r := pl.Default; r != nil {
			in.Default = &capabilities.DefaultPermissionRule{AllowAllCommands: r.AllowAllCommands, Allow: r.Allow}
		}
		pattern := pl.PermissionsPattern
		if pattern == "" {
			pattern = path.Join("permissions", pl.Name, "**", "*")
		}
		pp, err := capabilities.CompilePathPattern(pattern)
		if err != nil {
			d.unfollowedPattern(pl.Loc, pattern, err)
			d.IncompletePlugins[pl.Name] = true
		} else {
			in.Files = p.relDocs(capabilities.DiscoverPatternFiles(pp, p.patternFiles(pp), nil))
		}
		out = append(out, in)
	}
	return out
}

// appInputs are the app manifest's sources: permission files (by default
// permissions/**/* without the inlined plugins' folders, tauri-acl §5.3)
// and AppManifest::commands. Nil (keep a committed acl-manifests.json's
// app manifest) when there are none and build.rs was not read whole: a
// tree without build.rs may be a copy of the config files only.
func (p *Project) appInputs(d *BuildDecl) *capabilities.AppInputs {
	in := &capabilities.AppInputs{}
	var inlined []string
	if d.ACL != nil {
		for _, pl := range d.ACL.Plugins {
			inlined = append(inlined, pl.Name)
		}
	}
	pattern := ""
	if d.ACL != nil && d.ACL.App != nil {
		in.Commands = d.ACL.App.Commands
		pattern = d.ACL.App.PermissionsPattern
	}
	if pattern == "" {
		in.Files = p.relDocs(capabilities.DiscoverPermissionFiles(p.appRelative("permissions"), inlined))
	} else if pp, err := capabilities.CompilePathPattern(pattern); err != nil {
		d.unfollowedPattern(d.ACL.App.Loc, pattern, err)
		d.AppIncomplete = true
	} else {
		in.CustomPattern = true
		in.Files = p.relDocs(capabilities.DiscoverPatternFiles(pp, p.patternFiles(pp), nil))
	}
	if len(in.Files) == 0 && len(in.Commands) == 0 && (d.ACL == nil || d.AppIncomplete) {
		return nil
	}
	return in
}

// capabilityFiles are the capability files tauri-build parses: by
// default capabilities/**/*, else Attributes::capabilities_path_pattern.
// dir is the folder whose absence lets a committed capabilities.json
// stand in.
func (p *Project) capabilityFiles(d *BuildDecl, v capabilities.Version) (docs []capabilities.Doc, dir string) {
	if d.ACL != nil && d.ACL.CapabilitiesPattern != "" {
		pp, err := capabilities.CompilePathPattern(d.ACL.CapabilitiesPattern)
		if err == nil {
			return p.relDocs(capabilities.DiscoverCapabilityPattern(pp, p.patternFiles(pp), v)), pp.Base
		}
		d.unfollowedPattern(d.ACL.Call, d.ACL.CapabilitiesPattern, err)
	}
	return p.capabilityDocs(v), "capabilities"
}

// HasAppACLManifest reports whether app commands go through the ACL
// (tauri-acl §9.1): the app manifest exists, as the ACL model builds it
// from permission files tauri-build reads and build.rs's
// AppManifest::commands (or a committed acl-manifests.json when the tree
// has neither); or build.rs declares one the scan cannot read.
func (p *Project) HasAppACLManifest() bool {
	st := p.ACL()
	if st.Model.ACL.HasApp() || st.Build.AppIncomplete {
		return true
	}
	return st.Build.ACL == nil && st.Build.MentionsAppManifest
}
