package deps

// Range is one affected version line in OSV form: versions v with
// Introduced <= v (no lower bound when "") and v < Fixed (when set) and
// v <= LastAffected (when set). Pre-releases are ordinary versions here.
type Range struct {
	Introduced, Fixed, LastAffected string
}

// Affected lists the affected ranges of one package.
type Affected struct {
	Ecosystem Ecosystem
	Name      string
	Ranges    []Range
}

// Advisory is one known vulnerability of a Tauri component (rules.md §3).
type Advisory struct {
	Rule     string // "TA-DEP-101"
	ID       string // GHSA id
	Aliases  []string
	Affected []Affected
	Fixed    []string // first patched release of each affected line
	Summary  string   // one-line impact
	// Platforms limits the advisory to these targets ("windows",
	// "android", …); nil means every platform.
	Platforms []string
	// Condition is the extra, non-version condition rules.md gives, for
	// the rule to check or mention.
	Condition string
}

// Advisories are the TA-DEP-101…109 advisories. Each rule (checks) states
// its level and score: the advisory's CVSS where rules.md quotes one,
// otherwise its GitHub severity bucket (moderate 5.5, low 3.0).
var Advisories = []*Advisory{
	{
		Rule: "TA-DEP-101", ID: "GHSA-7gmj-67g7-phm9", Aliases: []string{"CVE-2026-42184"},
		Affected: crate("tauri", Range{Introduced: "2.0.0", Fixed: "2.11.1"}),
		Fixed:    []string{"2.11.1"},
		Summary: "On Windows and Android the local-origin check compared only the first host label with custom-protocol names, " +
			"so a remote host such as <scheme>.attacker.tld could call local-only IPC commands.",
		Platforms: []string{"windows", "android"},
		Condition: "Only Windows and Android builds are affected.",
	},
	{
		Rule: "TA-DEP-102", ID: "GHSA-c9pr-q8gx-3mgp", Aliases: []string{"CVE-2025-31477"},
		Affected: append(crate("tauri-plugin-shell", Range{Fixed: "2.2.1"}),
			npmPkg("@tauri-apps/plugin-shell", Range{Fixed: "2.2.1"})...),
		Fixed: []string{"2.2.1"},
		Summary: "The shell plugin's open endpoint skipped its default protocol validation when plugins.shell.open was unset, " +
			"so file://, smb:// and similar URLs reached the OS opener (remote code execution).",
		Condition: "Not affected when plugins.shell.open is explicitly true or a regex.",
	},
	{
		Rule: "TA-DEP-103", ID: "GHSA-57fm-592m-34r7", Aliases: []string{"CVE-2024-35222"},
		Affected: crate("tauri", Range{Fixed: "1.6.7"}, Range{Introduced: "2.0.0-beta.0", Fixed: "2.0.0-beta.20"}),
		Fixed:    []string{"1.6.7", "2.0.0-beta.20"},
		Summary: "Remote-origin iframes could reach the IPC without being allowed by the v1 remote-domain configuration " +
			"or v2 capabilities.",
	},
	{
		Rule: "TA-DEP-104", ID: "GHSA-2rcp-jvr4-r259", Aliases: []string{"CVE-2023-46115"},
		Affected: append(crate("tauri-cli", cliRanges...), npmPkg("@tauri-apps/cli", cliRanges...)...),
		Fixed:    []string{"1.5.6", "2.0.0-alpha.16"},
		Summary: "The recommended Vite envPrefix ['VITE_','TAURI_'] bundled TAURI_PRIVATE_KEY and TAURI_KEY_PASSWORD " +
			"into frontend builds.",
		Condition: "The root cause is project configuration: updating the CLI does not fix it (TA-DEP-010 checks it).",
	},
	{
		Rule: "TA-DEP-105", ID: "GHSA-wmff-grcw-jcfm", Aliases: []string{"CVE-2023-34460"},
		Affected: crate("tauri", Range{Introduced: "1.4.0", Fixed: "1.4.1"}),
		Fixed:    []string{"1.4.1"},
		Summary:  "Regression: wildcard fs scopes matched dotfiles on Linux and macOS (e.g. $HOME/* exposing .ssh).",
	},
	{
		Rule: "TA-DEP-106", ID: "GHSA-4wm2-cwcf-wwvp", Aliases: []string{"CVE-2023-31134"},
		Affected: crate("tauri", Range{Introduced: "1.0.0", Fixed: "1.0.9"}, Range{Introduced: "1.1.0", Fixed: "1.1.4"},
			Range{Introduced: "1.2.0", Fixed: "1.2.5"}),
		Fixed:   []string{"1.0.9", "1.1.4", "1.2.5"},
		Summary: "Redirecting a Tauri window to an external site gave that site IPC access.",
	},
	{
		Rule: "TA-DEP-107", ID: "GHSA-6mv3-wm7j-h4w5", Aliases: []string{"CVE-2022-46171"},
		Affected: crate("tauri", Range{Introduced: "1.0.0", Fixed: "1.0.8"}, Range{Introduced: "1.1.0", Fixed: "1.1.3"},
			Range{Introduced: "1.2.0", Fixed: "1.2.3"}, Range{Introduced: "2.0.0-alpha.0", Fixed: "2.0.0-alpha.2"}),
		Fixed: []string{"1.0.8", "1.1.3", "1.2.3", "2.0.0-alpha.2"},
		Summary: "fs glob wildcards matched path separators and leading dots, exposing sub-folders and hidden files " +
			"of allowed paths.",
	},
	{
		Rule: "TA-DEP-108", ID: "GHSA-q9wv-22m9-vhqh", Aliases: []string{"CVE-2022-41874", "RUSTSEC-2022-0091"},
		Affected: crate("tauri", Range{Introduced: "1.0.0", Fixed: "1.0.7"}, Range{Introduced: "1.1.0", Fixed: "1.1.2"}),
		Fixed:    []string{"1.0.7", "1.1.2"},
		Summary: "Glob metacharacters in paths picked via file dialog or drag-and-drop were not escaped when added " +
			"to the fs scope (partial scope bypass).",
	},
	{
		Rule: "TA-DEP-109", ID: "GHSA-28m8-9j7v-x499", Aliases: []string{"CVE-2022-39215", "RUSTSEC-2022-0088"},
		Affected: crate("tauri", Range{Fixed: "1.0.6"}),
		Fixed:    []string{"1.0.6"},
		Summary:  "Recursive readDir followed symlinks and junctions out of the fs scope (directory listings only).",
	},
}

var cliRanges = []Range{{Introduced: "1.0.0", Fixed: "1.5.6"}, {Introduced: "2.0.0-alpha.0", Fixed: "2.0.0-alpha.16"}}

func crate(name string, rs ...Range) []Affected {
	return []Affected{{Ecosystem: Crates, Name: name, Ranges: rs}}
}

func npmPkg(name string, rs ...Range) []Affected {
	return []Affected{{Ecosystem: Npm, Name: name, Ranges: rs}}
}

// MaliciousCrate is a known malicious crate (TA-DEP-002).
type MaliciousCrate struct {
	Name    string
	ID      string // RUSTSEC id
	Summary string
}

// MaliciousCrates is the TA-DEP-002 blocklist. The legitimate crate
// tauri-winrt-notification (singular, one hyphen less) is not on it.
var MaliciousCrates = []MaliciousCrate{
	{"tauri-win-rt-notification", "RUSTSEC-2023-0108", "Typosquat of tauri-winrt-notification carrying a Windows payload; removed from crates.io."},
	{"tauri-winrt-notifications", "RUSTSEC-2023-0117", "Typosquat of tauri-winrt-notification carrying a Windows payload; removed from crates.io."},
}

// Malicious returns the blocklist entry for crate name, or nil.
func Malicious(name string) *MaliciousCrate {
	for i := range MaliciousCrates {
		if MaliciousCrates[i].Name == name {
			return &MaliciousCrates[i]
		}
	}
	return nil
}
