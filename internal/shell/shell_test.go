package shell

import (
	"reflect"
	"strings"
	"testing"
)

func TestSplit(t *testing.T) {
	for in, want := range map[string][][]string{
		`npm ci && npm run build`:           {{"npm", "ci"}, {"npm", "run", "build"}},
		`echo "a && b" | sh`:                {{"echo", "a && b"}, {"sh"}},
		`FOO=1 sudo -E cargo build # x`:     {{"FOO=1", "sudo", "-E", "cargo", "build"}},
		`cmd 2>&1; other`:                   {{"cmd", "2>&1"}, {"other"}},
		`unterminated "quote`:               {{"unterminated", "quote"}},
		`a\ b 'c d'`:                        {{"a b", "c d"}},
		`(cd x; make)`:                      {{"cd", "x"}, {"make"}},
		`'`:                                 {{""}},
		`pnpm install --dir ${{ env.X }} x`: {{"pnpm", "install", "--dir", "${{ env.X }}", "x"}},
		`a ${{ b`:                           {{"a", "${{ b"}},
		`pushd ./src-ui; bun install; popd`: {{"pushd", "./src-ui"}, {"bun", "install"}, {"popd"}},
		`# only a comment`:                  nil,
	} {
		var got [][]string
		for _, c := range Split(in) {
			got = append(got, c.Words)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("Split(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSplitSpansAndPipes(t *testing.T) {
	line := `curl -fsSL https://x.example/i.sh | sh && echo ok`
	cmds := Split(line)
	if len(cmds) != 3 {
		t.Fatalf("Split(%q) = %+v", line, cmds)
	}
	if got := line[cmds[0].Start:cmds[0].End]; got != "curl -fsSL https://x.example/i.sh " || !cmds[0].Pipe {
		t.Errorf("first command %q pipe=%v", got, cmds[0].Pipe)
	}
	if cmds[1].Pipe || line[cmds[1].Offs[0]:cmds[1].Offs[0]+2] != "sh" {
		t.Errorf("second command %+v", cmds[1])
	}
}

func TestProgramAndArgs(t *testing.T) {
	for in, want := range map[string]struct {
		prog string
		at   int
		args []string
	}{
		`FOO=1 sudo -E cargo build`:     {"cargo", 3, []string{"build"}},
		`env -i 'C:\tools\NPM.CMD' ci`:  {"npm", 2, []string{"ci"}},
		`/usr/bin/time ./build.exe --x`: {"build", 1, []string{"--x"}},
		`A=1 B=2`:                       {"", -1, nil},
	} {
		c := Split(in)[0]
		prog, at := c.Program()
		if prog != want.prog || at != want.at || !reflect.DeepEqual(c.Args(), want.args) {
			t.Errorf("%q: Program() = %q %d, Args() = %q; want %q %d %q", in, prog, at, c.Args(), want.prog, want.at, want.args)
		}
	}
}

func TestFlags(t *testing.T) {
	args := []string{"--release", "--profile=dist", "-F", "a,b", "-Fc", "--features", "d"}
	if !HasFlag(args, "-r", "--release") || !HasFlag(args, "--profile") || HasFlag(args, "--locked") {
		t.Error("HasFlag")
	}
	if got := FlagValues(args, "--profile"); !reflect.DeepEqual(got, []string{"dist"}) {
		t.Errorf("FlagValues(--profile) = %q", got)
	}
	if got := FlagValues(args, "-F", "--features"); !reflect.DeepEqual(got, []string{"a,b", "c", "d"}) {
		t.Errorf("FlagValues(-F, --features) = %q", got)
	}
}

func TestSubcommand(t *testing.T) {
	for _, c := range []struct {
		args []string
		sub  string
		rest []string
	}{
		{[]string{"--filter", "app", "install", "--frozen-lockfile"}, "install", []string{"--filter", "app", "--frozen-lockfile"}},
		{[]string{"-r", "build"}, "build", []string{"-r"}},
		{[]string{"--dir"}, "", []string{"--dir"}},
		{nil, "", nil},
	} {
		sub, rest := Subcommand(c.args)
		if sub != c.sub || !reflect.DeepEqual(rest, c.rest) {
			t.Errorf("Subcommand(%q) = %q %q, want %q %q", c.args, sub, rest, c.sub, c.rest)
		}
	}
}

// FuzzSplit: the splitter must not panic, and every command and word
// must lie inside the line (run lines and npm scripts are untrusted).
func FuzzSplit(f *testing.F) {
	for _, s := range []string{`a "b`, `x | y && z`, `'`, `\`, `$(curl x | sh)`, "${{ a", "a &>b",
		"curl u" + strings.Repeat(" | tee a", 500) + " | sh", strings.Repeat("$(", 500) + "curl" + strings.Repeat(")", 500),
		strings.Repeat(`eval "$(`, 200), strings.Repeat("${{", 300), "iwr u -OutFile .\\x.ps1; & .\\x.ps1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, c := range Split(s) {
			if c.Start < 0 || c.End > len(s) || c.Start > c.End || len(c.Words) != len(c.Offs) {
				t.Fatalf("bad command %+v for %q", c, s)
			}
			for _, off := range c.Offs {
				if off < c.Start || off >= c.End {
					t.Fatalf("word at %d outside command %d..%d for %q", off, c.Start, c.End, s)
				}
			}
			c.Program()
		}
	})
}
