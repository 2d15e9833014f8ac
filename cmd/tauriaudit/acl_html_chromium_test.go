package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// chromiumDOM loads a page in headless Chromium and returns the DOM after
// its scripts ran, and the console messages it logged.
func chromiumDOM(t *testing.T, page, fragment string) (dom string, console []string) {
	t.Helper()
	bin, err := exec.LookPath("chromium")
	if err != nil {
		if os.Getenv("TAURIAUDIT_REQUIRE_CHROMIUM") == "1" {
			t.Fatal("chromium not installed and TAURIAUDIT_REQUIRE_CHROMIUM=1")
		}
		t.Skip("chromium not installed (apt-get install chromium); the page is not tested in a browser")
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "acl.html")
	if err := os.WriteFile(file, []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "--headless", "--disable-gpu", "--no-sandbox", "--no-first-run",
		"--user-data-dir="+filepath.Join(dir, "profile"), "--enable-logging=stderr", "--v=0",
		"--dump-dom", "file://"+file+fragment)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("chromium: %v\n%s", err, stderr.String())
	}
	for _, l := range strings.Split(stderr.String(), "\n") {
		if strings.Contains(l, ":CONSOLE") {
			console = append(console, l)
		}
	}
	return string(out), console
}

func TestACLHTMLInChromium(t *testing.T) {
	page, _, code := invoke(t, "acl", "--format", "html", "../../testdata/demo-app")
	if code != 0 {
		t.Fatal(page)
	}
	dom, console := chromiumDOM(t, page, "")
	if len(console) > 0 {
		t.Errorf("console messages (script error or CSP violation):\n%s", strings.Join(console, "\n"))
	}
	for _, want := range []string{
		`<body data-platform="all">`, // the script ran
		`<li class="remote"><code>https://*</code></li>`,
		`<li class="cap risk" data-capability="help-site">`,
		`<li class="cmd risk remote" data-command="plugin:window|create">`,
		`<li class="cmd risk" data-command="plugin:fs|read_text_file">`,
		`<li class="appcmd risk" data-app-command="save_note">`,
		`<li class="protocol risk" data-protocol="attachments">`,
		`<option value="windows">windows</option>`,
	} {
		if !strings.Contains(dom, want) {
			t.Errorf("DOM lacks %s", want)
		}
	}
}

// TestACLHTMLPlatformFilterInChromium: the script hides the groups that
// are not for the platform chosen in the link, and markup in repository
// text stays text.
func TestACLHTMLPlatformFilterInChromium(t *testing.T) {
	page, _, _ := invoke(t, "acl", "--format", "html", hostileACLApp(t, true))
	dom, console := chromiumDOM(t, page, "#platform=linux")
	if len(console) > 0 {
		t.Errorf("console messages:\n%s", strings.Join(console, "\n"))
	}
	if !strings.Contains(dom, `<body data-platform="linux">`) {
		t.Fatal("the script did not apply the platform from the link")
	}
	groups := regexp.MustCompile(`<div class="group" data-platforms="([^"]*)"( hidden="")?>`).FindAllStringSubmatch(dom, -1)
	if len(groups) != 2 {
		t.Fatalf("groups: %v", groups)
	}
	for _, g := range groups {
		if hidden := g[2] != ""; hidden != !strings.Contains(g[1], "linux") {
			t.Errorf("group %q hidden=%v with linux selected", g[1], hidden)
		}
	}
	if strings.Contains(dom, "<img") || strings.Count(dom, "<script") != 1 {
		t.Error("repository markup became elements")
	}
}
