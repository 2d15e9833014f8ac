package deps

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

const workflowFixture = `
name: Release
on:
  pull_request_target:
    types: [opened, synchronize]
  workflow_run:
    workflows: ["CI"]
    types: [completed]
  push:
    branches: [main]
permissions:
  contents: write
  id-token: none
env:
  TAURI_SIGNING_PRIVATE_KEY: ${{ secrets.TAURI_PRIVATE_KEY }}
  APPLE_PASSWORD: hunter2
jobs:
  build:
    runs-on: [self-hosted, macos]
    environment: release
    permissions: read-all
    env:
      KEY_PASSWORD: "${{ secrets['KEY_PW'] }}"
    steps:
      - uses: actions/checkout@v4
        with:
          ref: ${{ github.event.pull_request.head.sha }}
          persist-credentials: false
      - uses: actions/checkout@de0fac2e4500dabe0009e67214ff5f5447ce83dd # v6.0.2
      - name: Build
        id: b
        run: |
          npm ci
          echo "${{ github.event.pull_request.title }}"

          curl -fsSL https://x.example/i.sh | sh
        shell: bash
      - uses: tauri-apps/tauri-action@v0
        env:
          GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}
        with: &args
          tagName: app-v__VERSION__
          args: --target x
      - uses: dtolnay/rust-toolchain@stable
        with: *args
      - uses: ./.github/actions/setup
      - uses: docker://alpine:3.8
      - uses: docker://ghcr.io/o/i@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
      - uses: owner/repo/sub/dir@abc1234
      - run: echo one-liner ${{ inputs.x }}
      - run: >-
          folded
          line
  call:
    uses: octo/wf/.github/workflows/build.yml@main
    with:
      x: 1
    secrets: inherit
`

func TestWorkflow(t *testing.T) {
	f := file(".github/workflows/release.yml", workflowFixture)
	w, err := ParseWorkflow(f)
	if err != nil {
		t.Fatal(err)
	}
	noDiags(t, "workflow", w.Diagnostics)
	if w.Name != "Release" || len(w.On) != 3 {
		t.Fatalf("name %q, triggers %+v", w.Name, w.On)
	}
	prt := w.Trigger("pull_request_target")
	if prt == nil || at(prt.Loc) != "3:3" || !reflect.DeepEqual(prt.Types, []string{"opened", "synchronize"}) {
		t.Errorf("pull_request_target = %+v", prt)
	}
	if wr := w.Trigger("workflow_run"); wr == nil || !reflect.DeepEqual(wr.Workflows, []string{"CI"}) {
		t.Errorf("workflow_run = %+v", wr)
	}
	if push := w.Trigger("push"); push == nil || !reflect.DeepEqual(push.Branches, []string{"main"}) {
		t.Errorf("push = %+v", push)
	}
	if got := w.Permissions.Writes(); !reflect.DeepEqual(got, []string{"contents"}) {
		t.Errorf("writes %v", got)
	}
	key := FindKV(w.Env, "TAURI_SIGNING_PRIVATE_KEY")
	if key.Literal() || !reflect.DeepEqual(key.SecretRefs(), []string{"TAURI_PRIVATE_KEY"}) || at(key.Loc) != "14:3" ||
		at(key.Exprs[0].Loc) != "14:30" || text(f, key.Exprs[0].Loc) != "${{ secrets.TAURI_PRIVATE_KEY }}" {
		t.Errorf("key = %+v", key)
	}
	if pw := FindKV(w.Env, "APPLE_PASSWORD"); !pw.Literal() || pw.Value != "hunter2" || text(f, pw.ValueLoc) != "hunter2" {
		t.Errorf("APPLE_PASSWORD = %+v", pw)
	}

	b := w.Jobs[0]
	if b.ID != "build" || b.RunsOn != "self-hosted" || b.Environment != "release" || b.Permissions.All != "read-all" ||
		at(b.Loc) != "17:3" || len(b.Steps) != 11 {
		t.Fatalf("build = %+v", b)
	}
	if kp := FindKV(b.Env, "KEY_PASSWORD"); !reflect.DeepEqual(kp.SecretRefs(), []string{"KEY_PW"}) {
		t.Errorf("KEY_PASSWORD = %+v", kp)
	}
	co := w.Checkouts()
	if len(co) != 2 || co[0].Ref == nil || co[0].Ref.Exprs[0].Text != "github.event.pull_request.head.sha" ||
		at(co[0].Ref.ValueLoc) != "26:16" || co[0].PersistCredentials.Value != "false" || co[1].Ref != nil {
		t.Errorf("checkouts = %+v", co)
	}
	if u := co[1].Step.Uses; !u.Pinned() || u.Comment != "# v6.0.2" || u.RefKind != RefSHA || at(u.Loc) != "28:15" {
		t.Errorf("pinned checkout = %+v", u)
	}

	run := b.Steps[2].Run
	if b.Steps[2].Name != "Build" || b.Steps[2].Shell != "bash" || at(b.Steps[2].Loc) != "29:9" {
		t.Errorf("step = %+v", b.Steps[2])
	}
	var lines []string
	for _, l := range run.Lines {
		lines = append(lines, at(l.Loc)+" "+l.Text)
	}
	want := []string{"32:11 npm ci", `33:11 echo "${{ github.event.pull_request.title }}"`, "35:11 curl -fsSL https://x.example/i.sh | sh"}
	if !reflect.DeepEqual(lines, want) || !strings.HasPrefix(run.Text, "npm ci\n") {
		t.Errorf("run lines:\n got %q\nwant %q", lines, want)
	}
	if e := run.Lines[1].Exprs; len(e) != 1 || at(e[0].Loc) != "33:17" || text(f, e[0].Loc) != "${{ github.event.pull_request.title }}" {
		t.Errorf("run expr = %+v", e)
	}
	ta := b.Steps[3]
	if !ta.IsAction("Tauri-Apps/Tauri-Action") || ta.Uses.RefKind != RefTag || ta.Uses.Pinned() ||
		!reflect.DeepEqual(FindKV(ta.Env, "GITHUB_TOKEN").SecretRefs(), []string{"GITHUB_TOKEN"}) {
		t.Errorf("tauri-action = %+v", ta.Uses)
	}
	if tc := b.Steps[4]; tc.Uses.RefKind != RefBranch || FindKV(tc.With, "tagName") == nil {
		t.Errorf("alias with: %+v", tc.With)
	}
	uses := map[int][2]string{5: {"local", "none"}, 6: {"docker", "tag"}, 7: {"docker", "digest"}, 8: {"repo", "short-sha"}}
	for i, k := range uses {
		u := b.Steps[i].Uses
		if string(u.Kind) != k[0] || string(u.RefKind) != k[1] {
			t.Errorf("step %d uses %q: %s %s, want %v", i, u.Raw, u.Kind, u.RefKind, k)
		}
	}
	if u := b.Steps[8].Uses; u.Owner != "owner" || u.Repo != "repo" || u.Path != "sub/dir" || u.Ref != "abc1234" {
		t.Errorf("sub-path action = %+v", u)
	}
	one := b.Steps[9].Run
	if len(one.Lines) != 1 || at(one.Lines[0].Loc) != "49:14" || at(one.Lines[0].Exprs[0].Loc) != "49:29" {
		t.Errorf("one-liner = %+v", one.Lines)
	}
	fold := b.Steps[10].Run
	if fold.Text != "folded line" || len(fold.Lines) != 2 || at(fold.Lines[1].Loc) != "52:11" {
		t.Errorf("folded = %+v", fold)
	}

	call := w.Jobs[1]
	if call.Uses == nil || call.Uses.Path != ".github/workflows/build.yml" || call.Uses.RefKind != RefBranch ||
		!call.SecretsInherit || FindKV(call.With, "x").Value != "1" {
		t.Errorf("call = %+v", call)
	}
	if n := len(w.AllUses()); n != 9 {
		t.Errorf("AllUses = %d", n)
	}
}

func TestWorkflowShapes(t *testing.T) {
	for src, want := range map[string][]string{
		"on: push\njobs: {}\n":                        {"push"},
		"on: [push, pull_request_target]\n":           {"push", "pull_request_target"},
		"\"on\":\n  workflow_dispatch:\n":             {"workflow_dispatch"},
		"on:\n  schedule:\n    - cron: '0 0 * * *'\n": {"schedule"},
	} {
		w, err := ParseWorkflow(file("w.yml", src))
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, tr := range w.On {
			got = append(got, tr.Event)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%q: %v", src, got)
		}
	}
	w, err := ParseWorkflow(file("w.yml", "on: push\npermissions: write-all\njobs:\n  a: 5\n  b:\n    steps: {x: 1}\n  c:\n    steps:\n      - 7\n      - run: [1]\n        uses: {a: b}\n"))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(w.Permissions.Writes(), []string{"*"}) {
		t.Errorf("write-all: %v", w.Permissions.Writes())
	}
	var got []string
	for _, d := range w.Diagnostics {
		got = append(got, at(d.Loc))
	}
	if strings.Join(got, " ") != "4:6 6:12 9:9 11:15 10:14" {
		t.Errorf("diagnostics %v: %v", got, w.Diagnostics)
	}
	if w, _ := ParseWorkflow(file("w.yml", "- a\n- b\n")); len(w.Diagnostics) != 1 {
		t.Errorf("a sequence is no workflow: %v", w.Diagnostics)
	}
	if w, _ := ParseWorkflow(file("w.yml", "")); len(w.Diagnostics) != 1 {
		t.Errorf("empty workflow: %v", w.Diagnostics)
	}
}

func TestWorkflowRunEmptyBlock(t *testing.T) {
	w, err := ParseWorkflow(file("w.yml", "jobs:\n  a:\n    steps:\n      - run: |\n        name: next\n      - run: |\n\n          x\n"))
	if err != nil {
		t.Fatal(err)
	}
	s := w.Jobs[0].Steps
	if s[0].Run.Text != "" || len(s[0].Run.Lines) != 0 || s[0].Name != "next" {
		t.Errorf("empty block: %+v", s[0].Run)
	}
	if len(s[1].Run.Lines) != 1 || at(s[1].Run.Lines[0].Loc) != "8:11" {
		t.Errorf("leading blank line: %+v", s[1].Run.Lines)
	}
}

func TestWorkflowAssignments(t *testing.T) {
	f := file(".github/workflows/r.yml", `
on:
  push:
    tags:
env: &shared
  A: plain
  B: "quoted"
  C: ~
jobs:
  j:
    env: *shared
    container:
      env:
        D: 'x'
    steps:
      - uses: a/b@v1
        with:
          p12-password: ${{ secrets.P }}
          list: [1, 2]
`)
	w, err := ParseWorkflow(f)
	if err != nil {
		t.Fatal(err)
	}
	if !w.PushesTags() {
		t.Errorf("an empty tags: filter still runs on tags")
	}
	var got []string
	for _, a := range w.Assignments {
		got = append(got, fmt.Sprintf("%s=%q input=%v %s %q", a.Key, a.Value, a.Input, at(a.Loc), f.Data[a.Loc.Start.Offset:a.Loc.End.Offset]))
	}
	want := []string{
		`A="plain" input=false 5:6 "plain"`,
		`B="quoted" input=false 6:6 ""`, // quoted: its first character
		`C="" input=false 7:6 "~"`,      // null is empty
		`D="x" input=false 13:12 ""`,
		`p12-password="${{ secrets.P }}" input=true 17:25 "${{ secrets.P }}"`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("assignments:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestWorkflowEntryLimit(t *testing.T) {
	big := "on: push\nx: [" + strings.Repeat("0,", MaxWorkflowEntries) + "0]\n"
	if _, err := ParseWorkflow(file("big.yml", big)); err == nil || !strings.Contains(err.Error(), "more than") {
		t.Errorf("a workflow of %d values was parsed: %v", MaxWorkflowEntries, err)
	}
	ok := "on: push\nx: [" + strings.Repeat("0,", MaxWorkflowEntries/2) + "0]\n"
	if _, err := ParseWorkflow(file("ok.yml", ok)); err != nil {
		t.Errorf("a workflow under the limit was refused: %v", err)
	}
}
