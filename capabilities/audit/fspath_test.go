package audit

import (
	"testing"

	"github.com/tauriaudit/tauriaudit/rules/source"
)

// Paths as PathResolver::parse and the fs scope's push_pattern read them
// (crates/tauri/src/path/mod.rs, crates/tauri/src/scope/fs.rs).
func TestNormalizePath(t *testing.T) {
	cases := []struct{ in, want string }{
		{"$HOME//x", "$HOME/x"},
		{"$APPDATA/./x", "$APPDATA/x"},
		{"$APPDATA/../..", "$APPDATA"},
		{"$APPDATA/../../**", "$APPDATA/**"},
		{"$HOME/", "$HOME"},
		{"/", "/"},
		{"/../etc", "/etc"},
		{"../x", "../x"},
		{"../../x", "../x"},
		{"./x", "./x"},
		{"~/x", "~/x"},
		{`C:\Users\..\x`, "C:/Users/x"},
		{"$HOME/Documents/../.ssh", "$HOME/Documents/.ssh"},
		{"$APPDATA/a/./b//c/", "$APPDATA/a/b/c"},
		// Blanks are part of a component: " $HOME" is no variable.
		{" $HOME/x ", " $HOME/x "},
	}
	for _, c := range cases {
		if got := NormalizePath(c.in); got != c.want {
			t.Errorf("NormalizePath(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestPathBreadth(t *testing.T) {
	cases := []struct {
		p              string
		rootOrHome     string
		userDir        string
		underApp, rel  bool
		writtenDotDots bool
	}{
		{p: "$HOME/**", rootOrHome: "home"},
		{p: "$HOME//**", rootOrHome: "home"},
		{p: "$HOME/./*", rootOrHome: "home"},
		{p: "$HOME/", rootOrHome: "home"},
		{p: "$APPDATA/../..", underApp: true, writtenDotDots: true},
		{p: "$APPDATA/../../**", underApp: true, writtenDotDots: true},
		{p: "$APPCONFIG/x/../../../**", underApp: true, writtenDotDots: true},
		{p: "/**", rootOrHome: "root"},
		{p: "//**", rootOrHome: "root"},
		{p: "/../**", rootOrHome: "root", writtenDotDots: true},
		{p: "C:/", rootOrHome: "root"},
		{p: "**", rootOrHome: "root"},
		// "~" is not a variable in Tauri: a relative path.
		{p: "~/**", rel: true},
		{p: "~", rel: true},
		{p: "$HOME.bak/**", rel: true},
		{p: " $HOME/**", rel: true},
		{p: "$DOWNLOAD//**", userDir: "$DOWNLOAD"},
		{p: "$DOWNLOAD/./**/", userDir: "$DOWNLOAD"},
		{p: "$DOWNLOAD/*", userDir: ""},
		{p: "data/*", rel: true},
		{p: "../secrets/*", rel: true, writtenDotDots: true},
		{p: "$APP/**", underApp: true},
	}
	for _, c := range cases {
		if got := RootOrHome(c.p); got != c.rootOrHome {
			t.Errorf("RootOrHome(%q) = %q, want %q", c.p, got, c.rootOrHome)
		}
		if got := UserDirRecursive(c.p); got != c.userDir {
			t.Errorf("UserDirRecursive(%q) = %q, want %q", c.p, got, c.userDir)
		}
		if got := UnderAppDir(c.p); got != c.underApp {
			t.Errorf("UnderAppDir(%q) = %v", c.p, got)
		}
		if got := Relative(c.p); got != c.rel {
			t.Errorf("Relative(%q) = %v", c.p, got)
		}
		if got := HasDotDot(c.p); got != c.writtenDotDots {
			t.Errorf("HasDotDot(%q) = %v", c.p, got)
		}
	}
}

func TestCovers(t *testing.T) {
	cases := []struct {
		pat, loc   string
		pf         source.Platform
		literalDot bool
		want       bool
	}{
		{"$HOME/**", "$APPLOCALDATA/EBWebView", source.Windows, false, true},
		{"$HOME//**", "$APPLOCALDATA/EBWebView", source.Windows, false, true},
		{"$APPDATA/../../**", "$HOME/.bashrc", source.Linux, false, false},
		{"$APPDATA/../../**", "$APPDATA/x", source.Linux, false, true},
		{"$HOME/*", "$HOME/.bashrc", source.Linux, true, false},
		{"$HOME/*", "$HOME/.bashrc", source.Linux, false, true},
		{"$HOME/**", "$HOME/.config/autostart/x.desktop", source.Linux, true, false},
		{"$RESOURCE/", "$RESOURCE", source.MacOS, true, true},
		{"$TEMP/*", "$TEMP/x", source.Linux, true, true},
		{"~/**", "$HOME/x", source.Linux, false, false},
		{"$LOCALDATA/**", "$APPLOCALDATA/EBWebView", source.Windows, false, true},
	}
	for _, c := range cases {
		if got := Covers(c.pat, c.loc, c.pf, "com.example.app", c.literalDot); got != c.want {
			t.Errorf("Covers(%q, %q, %s, dot=%v) = %v", c.pat, c.loc, c.pf, c.literalDot, got)
		}
	}
}
