package shell

import (
	"path"
	"slices"
	"strings"

	"github.com/tauriaudit/tauriaudit/internal/lazyre"
)

// A Run is a place where a script runs code it downloaded: a pipe or a
// substitution on one line (curl … | sh, eval "$(curl …)"), or a file or
// variable filled by a download earlier in the same script and run later
// (curl -o i.sh URL && sh i.sh; $s = irm URL; iex $s).
type Run struct {
	Line       int // index of the line where the code runs
	Start, End int // byte span of the run in that line
	// URL is the first URL of the download, "" when the text names none
	// (a variable holds it).
	URL string
	// Download is the command that fetched what runs, when it is not
	// inside the span; Name is the file or variable it filled.
	Download *Place
	Name     string
}

// Place is a byte span in one line of a script.
type Place struct{ Line, Start, End int }

// fetched is a file or variable a download filled.
type fetched struct {
	at  Place
	url string
}

// Runs returns every place in a script (its logical lines, in order)
// where downloaded code runs. A download checked by a digest or
// signature command (VerifyCommand) before it runs is not reported.
func Runs(lines []string) []Run {
	var out []Run
	files, vars := map[string]fetched{}, map[string]fetched{}
	for li, l := range lines {
		if !mayFetch(l) && len(files) == 0 && len(vars) == 0 {
			continue
		}
		if strings.HasPrefix(strings.TrimSpace(l), "#") {
			continue // a comment line
		}
		cmds := Split(l)
		if i, j, ok := RemoteExec(l); ok && !printed(cmds, i) {
			out = append(out, Run{Line: li, Start: i, End: j, URL: FirstURL(l[i:])})
		}
		out = append(out, varRuns(li, l, vars)...)
		for _, c := range cmds {
			text := l[c.Start:c.End]
			c.Words = rawWords(l, c) // backslashes are PowerShell path separators
			if VerifyCommand.MatchString(text) {
				clear(files)
				clear(vars)
				continue
			}
			if name := executedFile(c, files); name != "" {
				f := files[name]
				out = append(out, Run{Line: li, Start: c.Start, End: c.End, URL: f.url, Download: &f.at, Name: name})
				delete(files, name)
			}
			if name := downloadedFile(c); name != "" {
				files[name] = fetched{at: Place{li, c.Start, c.End}, url: FirstURL(text)}
			}
		}
	}
	return out
}

// printed reports whether byte i of a line lies in the arguments of a
// command that only prints them (echo "install: curl … | sh").
func printed(cmds []Cmd, i int) bool {
	for _, c := range cmds {
		if i < c.Start || i >= c.End {
			continue
		}
		prog, k := c.Program()
		switch prog {
		case "echo", "printf", "write-host", "write-output":
			return k+1 < len(c.Offs) && i >= c.Offs[k+1]
		}
	}
	return false
}

var urlRx = lazyre.New(`https?://[^\s"'<>()|;,]+`)

// FirstURL returns the first http(s) URL in s, or "".
func FirstURL(s string) string { return urlRx.FindString(s) }

// fileKey is how a downloaded file is recognised when it runs: its base
// name, lower-cased.
func fileKey(p string) string {
	return strings.ToLower(path.Base(strings.ReplaceAll(p, `\`, "/")))
}

// downloadedFile returns the key of the file a download command writes,
// or "" when c is not one or writes to standard output.
func downloadedFile(c Cmd) string {
	prog, i := c.Program()
	if i < 0 {
		return ""
	}
	args := c.Words[i+1:]
	out := redirectTarget(args)
	switch prog {
	case "curl":
		if v, ok := shortFlagValue(args, 'o', "--output"); ok {
			out = v
		} else if hasShortFlag(args, 'O') || HasFlag(args, "--remote-name", "--remote-name-all") {
			out = urlBase(args)
		}
	case "wget", "aria2c":
		letter := byte('O')
		if prog == "aria2c" {
			letter = 'o'
		}
		if v, ok := shortFlagValue(args, letter, "--output-document", "--out"); ok {
			out = v
		} else if out == "" {
			out = urlBase(args)
		}
	case "iwr", "invoke-webrequest", "irm", "invoke-restmethod":
		for j, a := range args {
			if strings.EqualFold(a, "-OutFile") && j+1 < len(args) {
				out = args[j+1]
			}
		}
	default:
		return ""
	}
	if out == "" || out == "-" || strings.HasPrefix(out, "/dev/") {
		return ""
	}
	return fileKey(out)
}

// redirectTarget returns the file of a > or >> redirection, or "".
func redirectTarget(args []string) string {
	for j, a := range args {
		t := strings.TrimLeft(a, "1>")
		if !strings.HasPrefix(a, ">") && !strings.HasPrefix(a, "1>") {
			continue
		}
		if t != "" {
			return t
		}
		if j+1 < len(args) {
			return args[j+1]
		}
	}
	return ""
}

// urlBase is the last path segment of the first URL argument: the file
// name curl -O and wget give a download.
func urlBase(args []string) string {
	for _, a := range args {
		if u := FirstURL(a); u != "" {
			u, _, _ = strings.Cut(u, "?")
			u, _, _ = strings.Cut(u, "#")
			if b := path.Base(u); b != "" && !strings.Contains(b, ":") {
				return b
			}
		}
	}
	return ""
}

// shortFlagValue returns the value of a one-letter flag, also inside a
// cluster (-fsSLo file, -qO-), or of one of the long flags.
func shortFlagValue(args []string, letter byte, longs ...string) (string, bool) {
	if v := FlagValues(args, longs...); len(v) > 0 {
		return v[0], true
	}
	for j, a := range args {
		if len(a) < 2 || a[0] != '-' || a[1] == '-' {
			continue
		}
		k := strings.IndexByte(a[1:], letter)
		if k < 0 {
			continue
		}
		if rest := a[k+2:]; rest != "" {
			return rest, true
		}
		if j+1 < len(args) {
			return args[j+1], true
		}
	}
	return "", false
}

// hasShortFlag reports a one-letter flag alone or in a cluster (-LO).
func hasShortFlag(args []string, letter byte) bool {
	for _, a := range args {
		if len(a) >= 2 && a[0] == '-' && a[1] != '-' && strings.IndexByte(a, letter) > 0 {
			return true
		}
	}
	return false
}

// runners execute the file named among their arguments.
var runners = map[string]bool{"sh": true, "bash": true, "zsh": true, "dash": true, "ksh": true, "source": true, ".": true,
	"python": true, "python3": true, "py": true, "node": true, "perl": true, "ruby": true, "php": true, "deno": true,
	"bun": true, "pwsh": true, "powershell": true, "msiexec": true, "start-process": true, "cmd": true}

// executedFile returns the key of a downloaded file c runs: the program
// itself given as a path (./install.sh, & .\x.ps1), or an argument of an
// interpreter (sh install.sh, python get-pip.py, pwsh -File x.ps1).
func executedFile(c Cmd, files map[string]fetched) string {
	if len(files) == 0 {
		return ""
	}
	prog, i := c.Program()
	if i < 0 {
		return ""
	}
	if w := c.Words[i]; strings.ContainsAny(w, `/\`) {
		if k := fileKey(w); hasKey(files, k) {
			return k
		}
	}
	if !runners[prog] && !strings.HasPrefix(prog, "python") {
		return ""
	}
	if k := fileKey(scriptArg(prog, c.Words[i+1:])); hasKey(files, k) {
		return k
	}
	return ""
}

// scriptArg returns the file an interpreter runs: the value of its file
// flag (pwsh -File, msiexec /i, cmd /c, Start-Process -FilePath), else
// its first positional argument; "" when it runs inline code (-c).
func scriptArg(prog string, args []string) string {
	var fileFlags []string
	switch prog {
	case "pwsh", "powershell":
		fileFlags = []string{"-file", "-f"}
	case "msiexec":
		fileFlags = []string{"/i", "/package", "/a", "-i"}
	case "cmd":
		fileFlags = []string{"/c", "/k"}
	case "start-process":
		fileFlags = []string{"-filepath"}
	}
	for j, a := range args {
		if slices.Contains(fileFlags, strings.ToLower(a)) && j+1 < len(args) {
			return args[j+1]
		}
	}
	for _, a := range args {
		switch {
		case a == "-c" || strings.EqualFold(a, "-Command") || a == "-e":
			return "" // inline code follows; a file is at most named in it
		case strings.HasPrefix(a, "-") || strings.HasPrefix(a, "/") && len(a) <= 3:
			continue
		}
		return a
	}
	return ""
}

// rawWords returns c's words as written, quotes dropped but backslashes
// kept.
func rawWords(l string, c Cmd) []string {
	out := make([]string, len(c.Offs))
	for i, off := range c.Offs {
		end := c.End
		if k := strings.IndexAny(l[off:c.End], " \t;|&()"); k >= 0 {
			end = off + k
		}
		out[i] = dropQuotes.Replace(l[off:end])
	}
	return out
}

var dropQuotes = strings.NewReplacer(`"`, "", "'", "")

func hasKey(m map[string]fetched, k string) bool {
	_, ok := m[k]
	return ok
}

// Variables filled by a download (X=$(curl …); $s = irm …) and the
// forms that run one (eval "$X", sh -c "$X", echo "$X" | sh, iex $s).
var (
	varFetch = lazyre.New(`(?i)(?:^|[\s;&|(])(?:\$|export\s+)?([A-Za-z_]\w*)\s*=\s*["']?(?:\$\(|` + "`" + `|\(+)?\s*(?:` +
		fetchWord + `\b|new-object\s+(?:system\.)?net\.webclient)`)
	varRun = lazyre.New(`(?i)` + strings.Join([]string{
		`\beval\s+["']?\$\{?(\w+)`,
		`\b(?:(?:ba|z|da|k)?sh|python[0-9.]*|node|perl|ruby)\s+(?:-\S+\s+)*?-[ce]\s+["']?\$\{?(\w+)`,
		`\b(?:echo|printf)\s+(?:-\S+\s+)*["']?\$\{?(\w+)\}?["']?\s*\|\s*` + shellWord,
		`\b(?:iex|invoke-expression)\s*\(?\s*\$(\w+)`,
		`\$(\w+)(?:\.content)?\s*\|\s*(?:iex|invoke-expression)\b`,
		`\[scriptblock\]::create\(\s*\$(\w+)`,
	}, "|"))
)

// varRuns records the variables line li fills by a download and returns
// the runs of variables filled before.
func varRuns(li int, l string, vars map[string]fetched) []Run {
	if mayFetch(l) {
		for _, m := range varFetch.FindAllStringSubmatchIndex(l, -1) {
			name := strings.ToLower(l[m[2]:m[3]])
			vars[name] = fetched{at: Place{li, m[2], m[1]}, url: FirstURL(l[m[2]:])}
		}
	}
	if len(vars) == 0 {
		return nil
	}
	var out []Run
	for _, m := range varRun.FindAllStringSubmatchIndex(l, -1) {
		for g := 2; g+1 < len(m); g += 2 {
			if m[g] < 0 {
				continue
			}
			name := strings.ToLower(l[m[g]:m[g+1]])
			f, ok := vars[name]
			if ok && (f.at.Line < li || f.at.End <= m[0]) {
				out = append(out, Run{Line: li, Start: m[0], End: m[1], URL: f.url, Download: &f.at, Name: "$" + l[m[g]:m[g+1]]})
				delete(vars, name)
			}
			break
		}
	}
	return out
}
