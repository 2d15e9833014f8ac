package audit

import (
	"path"
	"slices"
	"strings"

	"github.com/tauriaudit/tauriaudit/capabilities"
	"github.com/tauriaudit/tauriaudit/internal/lazyre"
)

// The shared vocabularies of rules.md §0.4, written as plugin commands:
// the resolved ACL says which commands a capability enables, whatever
// sets and permission names led there.

// Commands of the fs plugin, split as its read-all and write-all sets
// split them.
var (
	FSReadCommands = []string{"read_dir", "read_file", "read", "read_text_file", "read_text_file_lines",
		"read_text_file_lines_next", "stat", "lstat", "fstat", "exists", "watch", "unwatch", "open", "seek", "size"}
	FSWriteCommands = []string{"write", "write_file", "write_text_file", "create", "copy_file", "rename",
		"remove", "mkdir", "truncate", "ftruncate"}
	FSMetaCommands = []string{"read_dir", "stat", "lstat", "fstat", "exists", "size"}
	// FSContentCommands are the write commands that can put chosen bytes
	// at a path (directly, or by moving or copying a file there); mkdir,
	// remove and truncate can only create folders or destroy content.
	FSContentCommands = []string{"write", "write_file", "write_text_file", "create", "copy_file", "rename"}
)

// hrAlways lists, per manifest key, the commands that are high-risk
// whatever their scope and context (rules.md §0.4).
var hrAlways = map[string][]string{
	"shell":             {"execute", "spawn", "stdin_write", "open"},
	"opener":            {"open_path"},
	"fs":                FSWriteCommands,
	"process":           {"restart", "exit"},
	"updater":           {"install", "download_and_install"},
	"sql":               {"execute"},
	"clipboard-manager": {"read_text", "read_image", "read_html"},
	"autostart":         {"enable"},
	"global-shortcut":   {"register", "register_all"},
	"core:window":       {"create"},
	"core:webview":      {"create_webview_window", "create_webview"},
}

// hrRemoteOnly are high-risk only when granted to remote origins: event
// emission reaches every listener, and app commands are of unknown risk.
var hrRemoteOnly = map[string][]string{
	"core:event": {"emit", "emit_to"},
}

// WindowCreation are the commands that create windows or webviews
// (TA-ACL-006).
var WindowCreation = map[string][]string{
	"core:window":  {"create"},
	"core:webview": {"create_webview_window", "create_webview"},
}

func HasCommand(table map[string][]string, key, cmd string) bool {
	return slices.Contains(table[key], cmd)
}

// Interpreters are the programs of rules.md §0.4 that run code given as
// arguments or open anything.
var Interpreters = []string{"sh", "bash", "zsh", "dash", "fish", "ksh", "csh", "tcsh", "cmd", "powershell",
	"pwsh", "python", "python2", "python3", "py", "node", "deno", "bun", "ruby", "perl", "php", "lua",
	"osascript", "wscript", "cscript", "mshta", "rundll32", "regsvr32", "msiexec", "open", "xdg-open",
	"explorer", "start", "env", "sudo", "doas", "ssh", "git", "find", "xargs", "awk", "gawk", "busybox"}

// scriptExtensions mark a program that is a script run by an interpreter.
var scriptExtensions = []string{".bat", ".cmd", ".ps1", ".sh", ".command", ".vbs", ".js", ".py"}

// IsInterpreter reports whether a shell scope program is an interpreter
// or launcher: its base name without .exe, or a script file.
func IsInterpreter(prog string) bool {
	base := strings.ToLower(path.Base(strings.ReplaceAll(prog, `\`, "/")))
	if slices.Contains(scriptExtensions, path.Ext(base)) {
		return true
	}
	base = strings.TrimSuffix(base, ".exe")
	return slices.Contains(Interpreters, base) || versionedPython.MatchString(base)
}

var versionedPython = lazyre.New(`^python\d[\d.]*$`)

// CodeFlags introduce an argument that an interpreter runs as code.
var CodeFlags = []string{"-c", "/c", "/k", "-e", "-command", "-encodedcommand", "-enc", "--eval", "-r", "-exec"}

// fsBaseDirs maps the fs plugin's base directory slugs, as used in its
// built-in permission names (fs:scope-home, fs:allow-download-read), to
// the path variables of tauri-acl §2.7.
var fsBaseDirs = map[string]string{"app": "$APP", "appcache": "$APPCACHE", "appconfig": "$APPCONFIG",
	"appdata": "$APPDATA", "applocaldata": "$APPLOCALDATA", "applog": "$APPLOG", "audio": "$AUDIO",
	"cache": "$CACHE", "config": "$CONFIG", "data": "$DATA", "desktop": "$DESKTOP", "document": "$DOCUMENT",
	"download": "$DOWNLOAD", "exe": "$EXE", "font": "$FONT", "home": "$HOME", "localdata": "$LOCALDATA",
	"log": "$LOG", "picture": "$PICTURE", "public": "$PUBLIC", "resource": "$RESOURCE", "runtime": "$RUNTIME",
	"temp": "$TEMP", "template": "$TEMPLATE", "video": "$VIDEO"}

// DefaultOpenerURLs is the scope of opener:allow-default-urls.
var DefaultOpenerURLs = []string{"mailto:*", "tel:*", "http://*", "https://*"}

// namedLeaf is what a permission of a plugin whose manifest is missing is
// taken to grant, read from its name: the plugins' naming conventions
// (allow-<command>, deny-<command>) and the built-in sets of rules.md
// §2.7. Known is false when the name says nothing about commands.
type namedLeaf struct {
	ID         string
	Allow      []string
	Deny       []string
	Scope      []string // built-in allow values (paths or URLs)
	DenyScope  []string
	ScopeOnly  bool
	Known      bool
	ScopeField string // "path" or "url": how built-in values are written
}

// namedLeaves expands an identifier by name.
func namedLeaves(id capabilities.Identifier) []namedLeaf {
	key, base := id.Key(), id.Base
	if l, ok := namedFS(id.Raw, key, base); ok {
		return l
	}
	if l, ok := namedDefaults[id.Raw]; ok {
		return l
	}
	switch {
	case key == "opener" && base == "allow-default-urls":
		return []namedLeaf{{ID: id.Raw, Scope: DefaultOpenerURLs, ScopeOnly: true, Known: true, ScopeField: "url"}}
	case strings.HasPrefix(base, "allow-"):
		return []namedLeaf{{ID: id.Raw, Allow: []string{slugCommand(base, "allow-")}, Known: true}}
	case strings.HasPrefix(base, "deny-"):
		return []namedLeaf{{ID: id.Raw, Deny: []string{slugCommand(base, "deny-")}, Known: true}}
	}
	return []namedLeaf{{ID: id.Raw}}
}

// slugCommand turns allow-read-text-file into read_text_file
// (tauri-acl §5.4).
func slugCommand(base, prefix string) string {
	return strings.ReplaceAll(strings.TrimPrefix(base, prefix), "-", "_")
}

// namedDefaults are default and other sets of official plugins, by name.
var namedDefaults = map[string][]namedLeaf{
	"shell:default": {{ID: "shell:allow-open", Allow: []string{"open"}, Known: true}},
	"opener:default": {{ID: "opener:allow-open-url", Allow: []string{"open_url"}, Known: true},
		{ID: "opener:allow-reveal-item-in-dir", Allow: []string{"reveal_item_in_dir"}, Known: true},
		{ID: "opener:allow-default-urls", Scope: DefaultOpenerURLs, ScopeOnly: true, Known: true, ScopeField: "url"}},
	"http:default": {{ID: "http:default", Allow: []string{"fetch", "fetch_cancel", "fetch_send", "fetch_read_body",
		"fetch_cancel_body"}, Known: true}},
	"process:default":   {{ID: "process:default", Allow: []string{"exit", "restart"}, Known: true}},
	"updater:default":   {{ID: "updater:default", Allow: []string{"check", "download", "install", "download_and_install"}, Known: true}},
	"autostart:default": {{ID: "autostart:default", Allow: []string{"enable", "disable", "is_enabled"}, Known: true}},
	"dialog:default":    {{ID: "dialog:default", Allow: []string{"open", "save", "message", "ask", "confirm"}, Known: true}},
}

// fsSets are the fs plugin's command sets by name.
var fsSets = map[string][]string{
	"read-all": FSReadCommands, "write-all": FSWriteCommands,
	"read-files":  {"read_file", "read", "read_text_file", "read_text_file_lines", "read_text_file_lines_next", "open", "seek", "fstat"},
	"write-files": {"write", "write_file", "write_text_file", "create", "copy_file", "remove", "rename", "truncate", "ftruncate", "open"},
	"read-dirs":   {"read_dir", "exists"},
	"read-meta":   FSMetaCommands,
}

var (
	fsDirSet   = lazyre.New(`^allow-([a-z]+)-(read|write|meta)(-recursive)?$`)
	fsDirScope = lazyre.New(`^scope-([a-z]+)(-recursive|-index)?$`)
)

// namedFS expands the fs plugin's built-in names: the command sets, the
// per-directory scope-only permissions and the allow-<dir>-<access> sets
// (a command set plus a scope-only permission, rules.md §1.4).
func namedFS(raw, key, base string) ([]namedLeaf, bool) {
	if key != "fs" {
		return nil, false
	}
	if cmds, ok := fsSets[base]; ok {
		return []namedLeaf{{ID: raw, Allow: cmds, Known: true}}, true
	}
	switch base {
	case "scope":
		return []namedLeaf{{ID: raw, ScopeOnly: true, Known: true, ScopeField: "path"}}, true
	case "default":
		return fsDefault(), true
	case "deny-default":
		return []namedLeaf{fsDenyWebview(raw, WebviewDataWindows, WebviewDataLinux)}, true
	case "deny-webview-data-linux":
		return []namedLeaf{fsDenyWebview(raw, WebviewDataLinux)}, true
	case "deny-webview-data-windows":
		return []namedLeaf{fsDenyWebview(raw, WebviewDataWindows)}, true
	}
	if m := fsDirScope.FindStringSubmatch(base); m != nil && fsBaseDirs[m[1]] != "" {
		return []namedLeaf{fsScopeLeaf(raw, fsBaseDirs[m[1]], m[2])}, true
	}
	if m := fsDirSet.FindStringSubmatch(base); m != nil && fsBaseDirs[m[1]] != "" {
		return fsDirLeaves(raw, fsBaseDirs[m[1]], m[2], m[3] != ""), true
	}
	return nil, false
}

// fsScopeLeaf is fs:scope-<dir>[-recursive|-index]: the directory itself,
// plus its entries one level deep or recursively.
func fsScopeLeaf(id, dir, variant string) namedLeaf {
	// The widest value first: findings about the entry quote it.
	l := namedLeaf{ID: id, ScopeOnly: true, Known: true, ScopeField: "path"}
	switch variant {
	case "-recursive":
		l.Scope = append(l.Scope, dir+"/**")
	case "":
		l.Scope = append(l.Scope, dir+"/*")
	}
	l.Scope = append(l.Scope, dir)
	return l
}

// fsDirLeaves is fs:allow-<dir>-<read|write|meta>[-recursive].
func fsDirLeaves(id, dir, access string, recursive bool) []namedLeaf {
	cmds := map[string][]string{"read": FSReadCommands, "write": FSWriteCommands, "meta": FSMetaCommands}[access]
	variant := ""
	switch {
	case recursive:
		variant = "-recursive"
	case access == "meta":
		variant = "-index"
	}
	return []namedLeaf{{ID: id, Allow: cmds, Known: true}, fsScopeLeaf(id, dir, variant)}
}

// fsDefault is fs:default: reads of the app's own directories, and the
// deny of the webview data.
func fsDefault() []namedLeaf {
	scope := namedLeaf{ID: "fs:default", ScopeOnly: true, Known: true, ScopeField: "path"}
	for _, d := range []string{"$APPCONFIG", "$APPDATA", "$APPLOCALDATA", "$APPCACHE", "$APPLOG"} {
		scope.Scope = append(scope.Scope, d, d+"/**")
	}
	deny := fsDenyWebview("fs:deny-default", WebviewDataWindows, WebviewDataLinux)
	return []namedLeaf{{ID: "fs:default", Allow: FSReadCommands, Known: true}, scope, deny}
}

// The webview data the fs deny permissions keep out: WebView2's profile
// on Windows; on Linux the plugin denies all of $APPLOCALDATA (rules.md
// §5.6: without a platform restriction).
const (
	WebviewDataWindows = "$APPLOCALDATA/EBWebView/**"
	WebviewDataLinux   = "$APPLOCALDATA/**"
)

func fsDenyWebview(id string, paths ...string) namedLeaf {
	return namedLeaf{ID: id, ScopeOnly: true, Known: true, ScopeField: "path", DenyScope: paths}
}

// WebviewDenyIDs are the permissions that keep the webview's own data out
// of fs scopes (TA-SCP-004).
var WebviewDenyIDs = []string{"fs:default", "fs:deny-default", "fs:deny-webview-data-windows", "fs:deny-webview-data-linux"}
