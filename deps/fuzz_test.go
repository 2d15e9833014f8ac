package deps

import (
	"strings"
	"testing"

	"github.com/tauriaudit/tauriaudit/internal/testenv"
	"github.com/tauriaudit/tauriaudit/rules/source"
)

// timed runs fn under the fuzz watchdog (testenv.Bounded): an input that
// runs past the budget crashes the worker, so the fuzzer records it.
func timed(t *testing.T, what string, fn func()) {
	testenv.Bounded(what, testenv.FuzzBudget, fn)
}

// checkLoc fails when a location points outside the file, or names a
// line and column that are not its offset's.
func checkLoc(t *testing.T, f *source.File, l source.Location) {
	t.Helper()
	if l.Start.Offset < 0 || l.Start.Offset > len(f.Data) || l.End.Offset > len(f.Data) ||
		(l.End.IsValid() && l.End.Offset < l.Start.Offset) {
		t.Fatalf("location %+v outside a %d-byte file", l, len(f.Data))
	}
	// A line and column must be those of the offset: SARIF and the text
	// report show the line, JSON pointers and snippets use the offset.
	for _, p := range []source.Pos{l.Start, l.End} {
		if p.Line > 0 && p != f.Pos(p.Offset) {
			t.Fatalf("location %+v: %+v is not at offset %d, which is %+v", l, p, p.Offset, f.Pos(p.Offset))
		}
	}
}

func checkLock(t *testing.T, f *source.File, lk *Lockfile, err error) {
	t.Helper()
	if err != nil || lk == nil {
		return
	}
	for _, e := range lk.Entries {
		for _, l := range []source.Location{e.Loc, e.VersionLoc, e.ResolvedLoc, e.IntegrityLoc} {
			checkLoc(t, f, l)
		}
		e.Git()
	}
	Match(lk.Entries)
	MatchMalicious(lk.Entries)
}

func FuzzCargoLock(f *testing.F) {
	for _, s := range []string{lockV1, lockV2, lockV3, lockV4, "version = 9\n", "[[package]]\nname = 1\n", manifestFixture} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		src := source.NewFile("Cargo.lock", []byte(s))
		timed(t, "ParseCargoLock", func() {
			lk, err := ParseCargoLock(src)
			checkLock(t, src, lk, err)
			if err == nil {
				for _, e := range lk.Entries {
					if got := lk.LockedCrate(e.Name, "tauri"); got != nil && got.Name != "tauri" {
						t.Fatalf("LockedCrate(tauri) gave %s", got.Name)
					}
				}
			}
			if m, err := ParseCargoManifest(src); err == nil {
				m.ResolveWorkspace(m)
				for _, d := range m.Dependencies {
					d.ParsedReq()
					checkLoc(t, src, d.ReqLoc)
				}
			}
		})
	})
}

func FuzzPackageLock(f *testing.F) {
	for _, s := range []string{packageLockV1, packageLockV2, packageLockV3, packageJSONFixture, bunLock, `{"packages": {"": 1}}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		src := source.NewFile("package-lock.json", []byte(s))
		timed(t, "ParsePackageLock", func() {
			lk, err := ParsePackageLock(src)
			checkLock(t, src, lk, err)
			lk, err = ParseBunLock(src)
			checkLock(t, src, lk, err)
			if p, err := ParsePackageJSON(src); err == nil {
				for _, d := range p.Deps {
					d.Spec.Unpinned()
					checkLoc(t, src, d.SpecLoc)
				}
			}
		})
	})
}

func FuzzPnpmLock(f *testing.F) {
	for _, s := range []string{pnpmV5, pnpmV6, pnpmV9, billionLaughs(3), "packages: [1]\n", "lockfileVersion: 5.4\npackages:\n  /a/1.0.0_b@2:\n    dev: true\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		src := source.NewFile("pnpm-lock.yaml", []byte(s))
		timed(t, "ParsePnpmLock", func() {
			lk, err := ParsePnpmLock(src)
			checkLock(t, src, lk, err)
		})
	})
}

func FuzzYarnLock(f *testing.F) {
	for _, s := range []string{yarnClassic, yarnBerry, "a@1:\n  version \"1\"\n  dependencies:\n    b \"2\"\n", "\"a\\\"@1\":\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		src := source.NewFile("yarn.lock", []byte(s))
		timed(t, "ParseYarnLock", func() {
			lk, err := ParseYarnLock(src)
			checkLock(t, src, lk, err)
		})
	})
}

func FuzzWorkflow(f *testing.F) {
	for _, s := range []string{workflowFixture, billionLaughs(4), "on: push\njobs:\n  a:\n    steps:\n      - run: |\n          x\n",
		"jobs: {a: {steps: [{uses: 'docker://a@sha256:0'}]}}", "on: [a, *b]\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		src := source.NewFile("w.yml", []byte(s))
		timed(t, "ParseWorkflow", func() {
			w, err := ParseWorkflow(src)
			if err != nil {
				return
			}
			for _, u := range w.AllUses() {
				checkLoc(t, src, u.Loc)
				u.Pinned()
			}
			for _, a := range w.Assignments {
				checkLoc(t, src, a.Loc)
			}
			w.PushesTags()
			for _, j := range w.Jobs {
				for _, s := range j.Steps {
					if s.Run == nil {
						continue
					}
					for _, l := range s.Run.Lines {
						checkLoc(t, src, l.Loc)
						for _, e := range l.Exprs {
							checkLoc(t, src, e.Loc)
						}
					}
				}
			}
			w.Checkouts()
		})
	})
}

func FuzzCargoReq(f *testing.F) {
	for _, c := range cargoReqCases {
		f.Add(c.req, "1.2.3-beta.1")
	}
	f.Add(">=1.*, <2", "1.0.0")
	f.Fuzz(func(t *testing.T, req, version string) {
		r, err := ParseCargoReq(req)
		v, verr := ParseVersion(version)
		if verr == nil && v.String() != version {
			t.Fatalf("version %q round-trips as %q", version, v.String())
		}
		if err != nil {
			return
		}
		got := r.Matches(v)
		// Canonical comparators must parse back to the same requirement.
		var canon []string
		for _, c := range r.Comparators {
			canon = append(canon, c.String())
		}
		if len(canon) == 0 {
			return
		}
		r2, err := ParseCargoReq(join(canon, ", "))
		if err != nil {
			t.Fatalf("%q -> %q: %v", req, canon, err)
		}
		if verr == nil && r2.Matches(v) != got {
			t.Fatalf("%q and canonical %q disagree on %s", req, canon, version)
		}
	})
}

func FuzzNpmRange(f *testing.F) {
	for _, c := range npmYes {
		f.Add(c[0], c[1])
	}
	f.Add("^0.0.1-beta || 1 - 2.3", "0.0.1")
	f.Fuzz(func(t *testing.T, rng, version string) {
		r, err := ParseNpmRange(rng)
		if err != nil {
			return
		}
		v, verr := ParseVersion(version)
		got := r.Matches(v)
		// The desugared form is a fixed point, as in node-semver.
		s := r.String()
		r2, err := ParseNpmRange(s)
		if err != nil {
			t.Fatalf("%q desugars to unparsable %q: %v", rng, s, err)
		}
		if r2.String() != s {
			t.Fatalf("%q -> %q -> %q", rng, s, r2.String())
		}
		if verr == nil && r2.Matches(v) != got {
			t.Fatalf("%q and %q disagree on %s", rng, s, version)
		}
		r.IsAny()
		r.Bounded()
		ParseNpmSpec(rng).Unpinned()
	})
}

func join(parts []string, sep string) string {
	out := ""
	for i, p := range parts {
		if i > 0 {
			out += sep
		}
		out += p
	}
	return out
}

// FuzzExprRefs: the expression reader never panics, returns lower-case
// context paths and is bounded.
func FuzzExprRefs(f *testing.F) {
	for _, s := range []string{"github.event.issue.title", "toJSON(github.event)", "github.event['issue']['body']",
		"format('{0}', github.event.pull_request.head.ref", "steps.x.outputs.y || 'a''b'", "a[[[", "fromJSON(needs.j.outputs.m)[0].x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		timed(t, "ExprRefs", func() {
			refs, _ := ExprRefs(s)
			for _, r := range refs {
				if r.Path != strings.ToLower(r.Path) || !isContext(r.Path) {
					t.Fatalf("path %q", r.Path)
				}
				ClassifyContext(r.Path, r.InToJSON)
			}
		})
	})
}

// FuzzWorkflowFlows: any workflow and composite action parse, link and
// have their flows followed without a panic, with positions in the files.
func FuzzWorkflowFlows(f *testing.F) {
	f.Add([]byte("on: issues\njobs:\n  j:\n    steps:\n      - uses: ./a\n        with:\n          v: ${{ github.event.issue.title }}\n      - run: echo ${{ env.X }} >> $GITHUB_ENV\n"),
		[]byte("runs:\n  using: composite\n  steps:\n    - run: echo \"${{ inputs.v }}\"\n    - uses: ./a\n"))
	f.Add([]byte("on: pull_request_target\njobs:\n  a:\n    outputs: {o: '${{ github.head_ref }}'}\n  b:\n    needs: a\n    steps: [{run: 'git checkout ${{ needs.a.outputs.o }} && make'}]\n"), []byte("{"))
	f.Fuzz(func(t *testing.T, wf, action []byte) {
		files := map[string]string{".github/workflows/w.yml": string(wf), "a/action.yml": string(action)}
		timed(t, "flows", func() {
			set := loadSet(files)
			for _, in := range set.Flows.Injections {
				checkLoc(t, source.NewFile(in.Loc.File, []byte(files[in.Loc.File])), in.Loc)
			}
		})
	})
}
