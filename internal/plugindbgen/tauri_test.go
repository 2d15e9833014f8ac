package main

import "testing"

const buildRS = `
const PLUGINS: &[(&str, &[(&str, bool)])] = &[
  // (plugin_name, &[(command, enabled-by_default)])
  // ("core:channel", &[("fetch", true)]),
  (
    "core:path",
    &[("resolve_directory", true), ("join", true)],
  ),
  (
    "core:app",
    &[
      ("version", true),
      ("app_show", false),
    ],
  ),
];
// description = "Default permissions for the plugin{all_enable_by_default}." ... which enables all commands
`

func TestParsePluginsAndCoreManifests(t *testing.T) {
	mods, err := parsePlugins(buildRS)
	if err != nil {
		t.Fatal(err)
	}
	if len(mods) != 2 || mods[0].name != "core:path" || len(mods[1].commands) != 2 || mods[1].defaults[1] {
		t.Fatalf("modules %+v", mods)
	}
	ms := coreManifests(mods, newStyle(buildRS))
	if got := string(ms["core:path"].Default); got != `{"description":"Default permissions for the plugin, which enables all commands.","identifier":"default","permissions":["allow-resolve-directory","allow-join"]}` {
		t.Errorf("core:path default %s", got)
	}
	if got := string(ms["core:app"].Default); got != `{"description":"Default permissions for the plugin.","identifier":"default","permissions":["allow-version"]}` {
		t.Errorf("core:app default %s", got)
	}
	if got := string(ms["core:app"].Permissions["deny-app-show"]); got != `{"commands":{"allow":[],"deny":["app_show"]},"description":"Denies the app_show command without any pre-configured scope.","identifier":"deny-app-show"}` {
		t.Errorf("deny-app-show %s", got)
	}
	if got := string(ms["core"].Default); got != `{"description":"Default core plugins set.","identifier":"default","permissions":["core:path:default","core:app:default"]}` {
		t.Errorf("core default %s", got)
	}
	old := coreManifests(mods, descriptionStyle{coreListsModules: true})
	if got := string(old["core"].Default); got != `{"description":"Default core plugins set which includes:\n- 'core:path:default'\n- 'core:app:default'\n","identifier":"default","permissions":["core:path:default","core:app:default"]}` {
		t.Errorf("2.0 core default %s", got)
	}
	if _, err := parsePlugins("fn main() {}"); err == nil {
		t.Error("a build.rs without PLUGINS parsed")
	}
}
