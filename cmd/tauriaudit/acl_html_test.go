package main

import (
	"crypto/sha256"
	"encoding/base64"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// hostileACLApp writes an app whose capability identifier, window label
// and remote URL carry markup and quotes; remote adds the remote URL and
// a linux-only capability so the platforms resolve differently.
func hostileACLApp(t *testing.T, remote bool) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"src-tauri/tauri.conf.json": `{"identifier":"com.x.y","app":{"windows":[{"label":"main"}]}}`,
		"src-tauri/Cargo.toml":      "[package]\nname = \"x\"\nversion = \"0.1.0\"\n[dependencies]\ntauri = \"2.1.1\"\n",
		"src-tauri/capabilities/x.json": `{"identifier":"<script>alert('cap')</script>","windows":["\"><img src=x onerror=alert(1)>"],
  "permissions":["core:window:allow-create","core:event:default"]` + map[bool]string{true: `,
  "remote":{"urls":["https://x.example/\"'<script>alert(1)</script>` + "`" + `"]}`}[remote] + `}`,
	}
	if remote {
		files["src-tauri/capabilities/linux.json"] = `{"identifier":"linux-only","platforms":["linux"],"windows":["main"],"permissions":["core:app:default"]}`
	}
	for name, text := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestACLHTMLEscapesRepositoryText(t *testing.T) {
	out, stderr, code := invoke(t, "acl", "--format", "html", hostileACLApp(t, true))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if n := strings.Count(out, "<script"); n != 1 {
		t.Errorf("%d <script> tags, want only the page's own", n)
	}
	for _, bad := range []string{"<img", "alert('cap')", "<b>"} {
		if strings.Contains(out, bad) {
			t.Errorf("unescaped %q in the page", bad)
		}
	}
	for _, want := range []string{
		`data-capability="&lt;script&gt;alert(&#39;cap&#39;)&lt;/script&gt;"`,
		`<li class="remote"><code>https://x.example/&#34;&#39;&lt;script&gt;alert(1)&lt;/script&gt;`,
		`<li class="cmd risk remote" data-command="plugin:window|create">`,
		`data-platforms="linux"`, `data-platforms="macOS, windows"`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	if regexp.MustCompile(`<[^>]*\s(src|href|action)=`).MatchString(out) {
		t.Error("page refers to an external resource")
	}
	assertCSPHash(t, out)
}

// assertCSPHash checks that the page's CSP admits its script by hash,
// so the browser runs it and nothing else.
func assertCSPHash(t *testing.T, page string) {
	t.Helper()
	m := regexp.MustCompile(`(?s)<script>(.*)</script>`).FindStringSubmatch(page)
	if m == nil {
		t.Fatal("no script")
	}
	sum := sha256.Sum256([]byte(m[1]))
	want := "script-src 'sha256-" + strings.ReplaceAll(base64.StdEncoding.EncodeToString(sum[:]), "+", "&#43;") + "'\""
	if !strings.Contains(page, want) {
		t.Errorf("CSP does not admit the script by its hash %s", want)
	}
}

var mermaidEdge = regexp.MustCompile("^  [ocx][0-9]+\\[\"[^\"<>`|()'\\n]*\"\\] --> [ocx][0-9]+\\[\"[^\"<>`|()'\\n]*\"\\]$")

func TestACLMermaid(t *testing.T) {
	out, _, code := invoke(t, "acl", "--format", "markdown", "--platform", "linux", hostileACLApp(t, true))
	if code != 0 {
		t.Fatal(out)
	}
	_, block, ok := strings.Cut(out, "```mermaid\nflowchart LR\n")
	block, _, ok2 := strings.Cut(block, "\n```")
	if !ok || !ok2 {
		t.Fatalf("no mermaid flowchart:\n%s", out)
	}
	lines := strings.Split(block, "\n")
	for _, l := range lines {
		if !mermaidEdge.MatchString(l) {
			t.Errorf("edge with unescaped label or id: %q", l)
		}
	}
	if !strings.Contains(block, `#60;script#62;alert#40;#39;cap#39;#41;`) || !strings.Contains(block, `x.example/#34;#39;#60;script`) {
		t.Errorf("labels not entity-escaped:\n%s", block)
	}
	if !strings.Contains(block, `--> x`) || !strings.Contains(block, "plugin:window#124;create") {
		t.Errorf("no capability → high-risk command edge:\n%s", block)
	}
	if strings.Contains(block, "linux-only") {
		t.Errorf("a local-only capability drawn:\n%s", block)
	}

	out, _, _ = invoke(t, "acl", "--format", "markdown", hostileACLApp(t, false))
	if strings.Contains(out, "```mermaid") {
		t.Errorf("flowchart without remote origins:\n%s", out)
	}
}
