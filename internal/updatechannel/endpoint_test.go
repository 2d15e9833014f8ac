package updatechannel

import "testing"

func appIdentity() *Identity {
	id := &Identity{}
	id.AddRepository("https://github.com/EcoPasteHub/EcoPaste.git", "Cargo.toml repository")
	id.AddIdentifier("com.ayangweb.EcoPaste")
	return id
}

func TestClassify(t *testing.T) {
	id := appIdentity()
	for s, want := range map[string]Endpoint{
		"https://github.com/EcoPasteHub/EcoPaste/releases/latest/download/latest.json":                      {Kind: Release, Repo: "EcoPasteHub/EcoPaste", Via: "github.com"},
		"https://github.com/ecopastehub/other/releases/download/v1.2.0/latest.json":                         {Kind: Release, Repo: "ecopastehub/other", Via: "github.com"},
		"https://github.com/someone/EcoPaste/releases/latest/download/latest.json":                          {Kind: ForeignRepo, Repo: "someone/EcoPaste", Via: "github.com"},
		"https://raw.githubusercontent.com/EcoPasteHub/EcoPaste/main/latest.json":                           {Kind: Branch, Repo: "EcoPasteHub/EcoPaste", Ref: "main", Via: "raw.githubusercontent.com"},
		"https://raw.githubusercontent.com/o/r/refs/heads/dev/latest.json":                                  {Kind: Branch, Repo: "o/r", Ref: "dev", Via: "raw.githubusercontent.com"},
		"https://raw.githubusercontent.com/o/r/refs/tags/v1/latest.json":                                    {},
		"https://raw.githubusercontent.com/o/r/v2.1.0/latest.json":                                          {},
		"https://raw.githubusercontent.com/o/r/3f7a0c1d9e2b4a5c6d7e8f90a1b2c3d4e5f60718/l":                  {},
		"https://github.com/o/r/raw/master/latest.json":                                                     {Kind: Branch, Repo: "o/r", Ref: "master", Via: "github.com"},
		"https://github.com/o/r/blob/main/latest.json?raw=true":                                             {Kind: Branch, Repo: "o/r", Ref: "main", Via: "github.com"},
		"https://gist.githubusercontent.com/u/abc123/raw/latest.json":                                       {Kind: Branch, Repo: "gist u/abc123", Via: "gist.githubusercontent.com"},
		"https://gist.githubusercontent.com/u/abc/raw/3f7a0c1d9e2b4a5c6d7e8f90a1b2c3d4e5f60718/latest.json": {},
		"https://cdn.jsdelivr.net/gh/o/r@main/latest.json":                                                  {Kind: Branch, Repo: "o/r", Ref: "main", Via: "jsDelivr"},
		"https://cdn.jsdelivr.net/gh/o/r/latest.json":                                                       {Kind: Branch, Repo: "o/r", Via: "jsDelivr"},
		"https://fastly.jsdelivr.net/gh/o/r@v1.0.0/latest.json":                                             {Kind: Proxy, Repo: "o/r", Via: "jsDelivr"},
		"https://gitlab.com/g/sub/p/-/raw/main/latest.json":                                                 {Kind: Branch, Repo: "g/sub/p", Ref: "main", Via: "gitlab.com"},
		"https://gitee.com/o/r/raw/master/latest.json":                                                      {Kind: Branch, Repo: "o/r", Ref: "master", Via: "gitee.com"},
		"https://ghproxy.com/https://github.com/EcoPasteHub/EcoPaste/releases/latest/download/latest.json":  {Kind: Proxy, Via: "ghproxy.com"},
		"https://gh-proxy.com/github.com/ayangweb/BongoCat/releases/latest/download/latest.json":            {Kind: Proxy, Via: "gh-proxy.com"},
		"https://mirror.example.org/https://github.com/o/r/releases/latest/download/latest.json":            {Kind: Proxy, Via: "mirror.example.org"},
		"https://download.fastgit.org/o/r/releases/latest/download/latest.json":                             {Kind: Proxy, Via: "download.fastgit.org"},
		"https://releases.ecopaste.cn/update?channel=stable":                                                {},
		"https://ecopastehub.github.io/latest.json":                                                         {},
		"https://update.ayangweb.dev/{{target}}/{{current_version}}":                                        {},
		"https://api.upgrade.toolsetlink.com/v1/tauri/upgrade?v={{current_version}}":                        {Kind: Unrecognised, Via: "api.upgrade.toolsetlink.com"},
		"https://{{target}}.updates.example.com/latest.json":                                                {},
		"not a url": {},
	} {
		if got := Classify(s, id); got != want {
			t.Errorf("Classify(%q) = %+v, want %+v", s, got, want)
		}
	}
}

func TestClassifyUnknownOwner(t *testing.T) {
	id := &Identity{}
	id.AddIdentifier("com.example.app")
	for s, want := range map[string]Kind{
		"https://github.com/someone/else/releases/latest/download/latest.json":            Release,
		"https://updates.other.net/x.json":                                                Unclassified,
		"https://ghproxy.com/https://github.com/o/r/releases/latest/download/latest.json": Proxy,
	} {
		if got := Classify(s, id).Kind; got != want {
			t.Errorf("Classify(%q) = %v with no known owner, want %v", s, got, want)
		}
	}
}

func TestParseRepository(t *testing.T) {
	for s, want := range map[string]string{
		"https://github.com/o/r":               "o/r",
		"git+https://github.com/o/r.git":       "o/r",
		"github:o/r":                           "o/r",
		"o/r":                                  "o/r",
		"git@github.com:o/r.git":               "o/r",
		"ssh://git@gitlab.com/o/r.git":         "o/r",
		"https://github.com/o/r/tree/main/app": "o/r",
		"":                                     "",
		"r":                                    "",
		"http://":                              "",
	} {
		o, r, ok := ParseRepository(s)
		got := ""
		if ok {
			got = o + "/" + r
		}
		if got != want {
			t.Errorf("ParseRepository(%q) = %q, want %q", s, got, want)
		}
	}
}

func TestPlaceholders(t *testing.T) {
	got := Placeholders("https://{{target}}.x.com:{{arch}}/u/{{current_version}}?v={{version}}&t={{ target }}")
	want := []Placeholder{
		{"{{target}}", "target", true, true}, {"{{arch}}", "arch", true, true},
		{"{{current_version}}", "current_version", true, false}, {"{{version}}", "version", false, false},
		{"{{ target }}", " target ", false, false},
	}
	if len(got) != len(want) {
		t.Fatalf("Placeholders = %+v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("placeholder %d = %+v, want %+v", i, got[i], want[i])
		}
	}
	if ps := Placeholders(`https:\\{{target}}\x`); len(ps) != 1 || !ps[0].InAuthority {
		t.Errorf("backslash authority: %+v", ps)
	}
}

func TestOwnsHost(t *testing.T) {
	id := appIdentity()
	for host, want := range map[string]bool{"releases.ecopaste.cn": true, "cdn.ecopastehub.com": true,
		"ayangweb.dev": true, "past.io": false, "ecopas.te": true, "update.app": false, "example.com": false} {
		if got := id.OwnsHost(host); got != want {
			t.Errorf("OwnsHost(%q) = %v, want %v", host, got, want)
		}
	}
}

func FuzzClassify(f *testing.F) {
	for _, s := range []string{"https://github.com/o/r/releases/latest/download/l.json", "https://raw.githubusercontent.com/o/r/refs",
		"https://cdn.jsdelivr.net/gh/o", "https://{{target}}.x/{{", "https:\\\\gist.github.com/u/i/raw", "git@github.com:o/r.git"} {
		f.Add(s)
	}
	id := appIdentity()
	f.Fuzz(func(t *testing.T, s string) {
		Classify(s, id)
		Placeholders(s)
		ParseRepository(s)
		id.OwnsHost(s)
	})
}
