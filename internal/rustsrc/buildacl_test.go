package rustsrc

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/tauriaudit/tauriaudit/rules/source"
)

func buildACLOf(t *testing.T, src string) *BuildACL {
	t.Helper()
	return AppFacts(nil, source.NewFile("build.rs", []byte(src))).Build.ACL
}

// describe renders a BuildACL compactly for comparison.
func describe(a *BuildACL) string {
	if a == nil {
		return "nil"
	}
	var b strings.Builder
	for _, p := range a.Plugins {
		fmt.Fprintf(&b, "plugin %s cmds=%v", p.Name, p.Commands)
		if p.Default != nil {
			fmt.Fprintf(&b, " default=%v/%v", p.Default.AllowAllCommands, p.Default.Allow)
		}
		if p.PermissionsPattern != "" {
			fmt.Fprintf(&b, " pattern=%s", p.PermissionsPattern)
		}
		fmt.Fprintf(&b, " complete=%v; ", p.Complete)
	}
	if a.App != nil {
		fmt.Fprintf(&b, "app cmds=%v pattern=%q complete=%v; ", a.App.Commands, a.App.PermissionsPattern, a.App.Complete)
	}
	if a.CapabilitiesPattern != "" {
		fmt.Fprintf(&b, "caps=%s; ", a.CapabilitiesPattern)
	}
	if a.Codegen != nil {
		b.WriteString("codegen; ")
	}
	for _, u := range a.Unknown {
		fmt.Fprintf(&b, "unknown@%d; ", u.Line())
	}
	return strings.TrimSpace(b.String())
}

func TestBuildACL(t *testing.T) {
	for _, c := range []struct{ name, src, want string }{
		{"no tauri_build", `fn main() { println!("hi"); }`, "nil"},
		{"build() defaults", `fn main() { tauri_build::build() }`, ""},
		{"comment is not a call", "fn main() {\n// tauri_build::try_build(x)\n}", "nil"},
		{"inlined allow all", `use tauri_build::{DefaultPermissionRule, InlinedPlugin};
fn main() {
    tauri_build::try_build(tauri_build::Attributes::new().plugin(
        "sqlite-proxy",
        InlinedPlugin::new().commands(&["query", "execute_batch"]).default_permission(DefaultPermissionRule::AllowAllCommands),
    )).expect("failed");
}`, "plugin sqlite-proxy cmds=[query execute_batch] default=true/[] complete=true;"},
		{"let-bound plugin and attributes", `fn main() {
    let inline = tauri_build::InlinedPlugin::new()
        .commands(&["query"])
        .default_permission(tauri_build::DefaultPermissionRule::Allow(vec!["allow-query".into(), String::from("deny-x")]));
    let attrs = tauri_build::Attributes::new().plugin("db", inline);
    tauri_build::try_build(attrs).expect("tauri-build");
}`, "plugin db cmds=[query] default=false/[allow-query deny-x] complete=true;"},
		{"const commands, custom pattern, app manifest", `const COMMANDS: &[&str] = &["greet", "save_note",];
const PLUGIN: &str = "notes";
fn main() {
    let app = AppManifest::new().commands(COMMANDS).permissions_path_pattern("acl/app/*");
    tauri_build::try_build(
        Attributes::new()
            .plugin(PLUGIN, InlinedPlugin::new().permissions_path_pattern("./acl/notes/**/*"))
            .app_manifest(app)
            .capabilities_path_pattern("./caps/**/*")
            .codegen(tauri_build::CodegenContext::new()),
    )?;
    Ok(())
}`, `plugin notes cmds=[] pattern=./acl/notes/**/* complete=true; app cmds=[greet save_note] pattern="acl/app/*" complete=true; caps=./caps/**/*; codegen;`},
		{"plugins list", `fn main() {
    tauri_build::try_build(tauri_build::Attributes::new().plugins(vec![
        ("a", InlinedPlugin::new().commands(&["x"])),
        ("b", InlinedPlugin::default()),
    ])).unwrap();
}`, "plugin a cmds=[x] complete=true; plugin b cmds=[] complete=true;"},
		{"what the lexer cannot follow", `fn main() {
    let attrs = Attributes::new()
        .plugin("dyn", InlinedPlugin::new().commands(commands()))
        .app_manifest(make_manifest());
    tauri_build::try_build(attrs).unwrap();
}`, "plugin dyn cmds=[] complete=false; app cmds=[] pattern=\"\" complete=false; unknown@3; unknown@4;"},
		{"name from a function", "fn main() {\n tauri_build::try_build(Attributes::new().plugin(name(), InlinedPlugin::new())).unwrap();\n}", "unknown@2;"},
		{"attributes from a helper", "fn main() {\n tauri_build::try_build(attributes()).unwrap();\n}", "unknown@2;"},
		{"reassigned binding", "fn main() {\n let mut a = Attributes::new();\n if x { a = a.plugin(\"p\", InlinedPlugin::new()); }\n tauri_build::try_build(a).unwrap();\n}", "unknown@3;"},
		{"windows attributes only", `fn main() {
    let w = tauri_build::WindowsAttributes::new().app_manifest(include_str!("app.manifest"));
    tauri_build::try_build(tauri_build::Attributes::new().windows_attributes(w)).unwrap();
}`, ""},
		{"self-referential binding stays finite", "fn main() {\n let a = a;\n tauri_build::try_build(a).unwrap();\n}", "unknown@2;"},
	} {
		a := buildACLOf(t, c.src)
		if got := describe(a); got != c.want {
			t.Errorf("%s:\n got  %s\n want %s", c.name, got, c.want)
		}
	}
}

func TestBuildACLPositions(t *testing.T) {
	a := buildACLOf(t, "fn main() {\n    tauri_build::try_build(Attributes::new()\n        .plugin(\"p\", InlinedPlugin::new()))\n        .unwrap();\n}")
	if a == nil || len(a.Plugins) != 1 || a.Plugins[0].Loc.Start.Line != 3 || a.Call.Start.Line != 2 {
		t.Fatalf("positions: %+v", a)
	}
}

func TestBuildACLHostile(t *testing.T) {
	srcs := []string{
		"tauri_build::try_build(",
		"tauri_build::try_build(Attributes::new().plugin(",
		"tauri_build::try_build(" + strings.Repeat("Attributes::new().plugin(\"a\",", 5000),
		"fn main(){ let a = b; let b = a; tauri_build::try_build(a) }",
		"const X: &[&str] = &[X]; fn main(){ tauri_build::try_build(Attributes::new().app_manifest(AppManifest::new().commands(X))) }",
		"tauri_build::try_build(Attributes::new()" + strings.Repeat(".plugin(\"a\", InlinedPlugin::new())", 3000) + ")",
	}
	// Many plugins naming one binding, and many calls: each lookup is
	// indexed, the calls and the notes are capped.
	srcs = append(srcs,
		"fn main(){ let x = InlinedPlugin::new().commands(&["+strings.Repeat(`"c",`, 5000)+"]); tauri_build::try_build(Attributes::new()"+
			strings.Repeat(`.plugin("a", x)`, 20000)+") }",
		strings.Repeat("tauri_build::try_build(f());\n", 20000))
	for _, s := range srcs {
		a := buildACLOf(t, s)
		_ = describe(a)
	}
	if n := len(buildACLOf(t, srcs[len(srcs)-1]).Unknown); n != maxBuildCalls+1 {
		t.Errorf("%d unknown parts kept", n)
	}
	a := buildACLOf(t, srcs[len(srcs)-2])
	if len(a.Plugins) != 20000 || len(a.Unknown) != maxUnknown+1 {
		t.Errorf("shared binding: %d plugins, %d unknown", len(a.Plugins), len(a.Unknown))
	}
	a = buildACLOf(t, srcs[len(srcs)-3])
	if len(a.Plugins) != 3000 || !slices.ContainsFunc(a.Plugins, func(p InlinedPlugin) bool { return p.Name == "a" }) {
		t.Errorf("repeated plugins: %d", len(a.Plugins))
	}
}
