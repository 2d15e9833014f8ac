package deps

import (
	"strconv"
	"strings"

	"github.com/tauriaudit/tauriaudit/internal/lazyre"
)

var (
	// pullRefText is a literal pull-request ref: refs/pull/N/head,
	// pull/${{ … }}/merge.
	pullRefText = lazyre.New(`\brefs/pull/|(^|[\s:'"])pull/(\d|\$)`)
	// runnerFile is a write to a file the runner reads back after the step.
	runnerFile = lazyre.New(`\$(?:\{|env:)?GITHUB_(ENV|OUTPUT|PATH)\b`)
	// fileWrite is a redirection or command that appends to a file.
	fileWrite = lazyre.New(`>|\btee\b|(?i)\b(?:out-file|add-content|set-content)\b|appendFileSync|writeFileSync`)
	// writtenName is the variable or output a line writes: NAME=… or NAME<<EOF.
	writtenName = lazyre.New(`(?:^|[\s"'])([A-Za-z_][A-Za-z0-9_-]*)(?:=|<<)`)
	// hereDoc opens a here-document on a line (not a <<< here-string):
	// its quote and delimiter.
	hereDoc = lazyre.New(`(?:^|[^<])<<-?\s*(['"]?)([A-Za-z_][A-Za-z0-9_]*)['"]?`)
	// shellVar is a variable reference: $NAME, ${NAME…}, $env:NAME.
	shellVar = lazyre.New(`\$(?:env:)?\{?([A-Za-z_][A-Za-z0-9_]*)`)
	// localAssign is a shell assignment: NAME=…, export NAME=….
	localAssign = lazyre.New(`^\s*(?:export\s+|local\s+|declare\s+(?:-\w+\s+)?)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$`)
	// prCheckoutCmd fetches a pull request's code by a literal command.
	prCheckoutCmd = lazyre.New(`\b(?:gh|hub)\s+pr\s+checkout\b|\bgit\b[^|;&\n]*\b(?:fetch|pull)\b[^|;&\n]*(?:\brefs/pull/|[\s:'"]pull/)`)
	// gitFetchOnly fetches without touching the work tree.
	gitFetchOnly = lazyre.New(`^git\b[^|;&\n]*\bfetch\b`)
	// gitTreeChange moves the work tree onto fetched commits.
	gitTreeChange = lazyre.New(`\bgit\b[^|;&\n]*\b(?:(?:checkout|switch|reset|merge|rebase|cherry-pick|worktree)\b|pull(?:\s|$))`)
	// gitCheckout moves the work tree to another commit.
	gitCheckout = lazyre.New(`\bgit\b[^|;&\n]*\b(?:checkout|switch|reset|fetch|pull|clone|worktree)\b`)
	// prHeadLookup asks the GitHub API for a pull request's head.
	prHeadLookup = lazyre.New(`(?i)\bgh\s+pr\s+view\b.*head(?:RefOid|RefName|RepositoryOwner)|\bpulls\b.*\bhead\b|head\.(?:sha|ref)|headRefOid|headRefName`)
	// repoScript is a script of the repository a line runs: ./x.sh,
	// bash scripts/x.sh.
	repoScript = lazyre.New(`(?:^|[;&|]\s*|\b(?:bash|sh|zsh)\s+)(\.?/?[\w.-]+(?:/[\w.-]+)*\.sh)\b`)
	// scriptCheckout is a checkout of a pull request from github-script.
	scriptCheckout = lazyre.New(`(?s)\bexec\w*\s*\(.*(?:pull/|['"]pr['"]\s*,\s*['"]checkout['"]|['"]checkout['"])`)
)

// script follows a run: step: expressions expanded into it, values
// written to $GITHUB_ENV/$GITHUB_OUTPUT/$GITHUB_PATH, and checkouts of
// the pull request's code.
func (js *jobState) script(es *ExecStep, f *frame, env *envScope) {
	lines := es.Step.Run.Lines
	local := map[string]*Tainted{} // shell variables the script sets
	lookupVar := func(name string) *Tainted {
		if t := local[strings.ToLower(name)]; t != nil {
			return t
		}
		if name == "GITHUB_HEAD_REF" { // the runner's copy of github.head_ref
			return &Tainted{Kind: TaintText | TaintRef, Source: "$GITHUB_HEAD_REF"}
		}
		return env.get(strings.ToLower(name))
	}
	text := es.Step.Run.Text
	lookupsPR := mentionsHead(text) && prHeadLookup.MatchString(text)
	// A git fetch only brings the pull request's code in when the step
	// also checks something out, merges or resets.
	movesTree := strings.Contains(text, "git") && gitTreeChange.MatchString(text)
	for i, l := range lines {
		var lineTaint *Tainted
		for _, e := range l.Exprs {
			t := js.eval(e, f, env)
			if t == nil {
				continue
			}
			if t.Kind&TaintText != 0 {
				js.a.out.Injections = append(js.a.out.Injections, &Injection{Step: es, Sink: "run", Loc: e.Loc, Value: t})
			}
			if lineTaint == nil || t.Kind&TaintText != 0 {
				lineTaint = t
			}
		}
		if strings.Count(l.Text, "${{") > len(l.Exprs) {
			js.a.unreadable(l.Loc, "unterminated ${{ in a run script")
		}
		varTaint := js.varsIn(l.Text, lookupVar)
		if m := assignIn(l.Text); m != nil {
			switch t := firstTaint(lineTaint, varTaint); {
			case t != nil:
				local[strings.ToLower(m[1])] = t
			case lookupsPR && mentionsHead(m[2]) && prHeadLookup.MatchString(m[2]):
				local[strings.ToLower(m[1])] = &Tainted{Kind: TaintRef, Source: "the pull request's head (" + clip(strings.TrimSpace(m[2]), 50) + ")"}
			}
		}
		js.runnerWrite(es, lines, i, lineTaint, lookupVar, lookupsPR)
		js.checkoutLine(es, i, l, firstTaint(refOnly(lineTaint), refOnly(varTaint)), movesTree)
	}
}

// mentionsHead is prHeadLookup's cheap precondition.
func mentionsHead(text string) bool {
	return strings.Contains(text, "head") || strings.Contains(text, "Head")
}

// firstTaint returns the first non-nil taint.
func firstTaint(ts ...*Tainted) *Tainted {
	for _, t := range ts {
		if t != nil {
			return t
		}
	}
	return nil
}

// refOnly returns t when it names the pull request's code.
func refOnly(t *Tainted) *Tainted {
	if t != nil && t.Kind&TaintRef != 0 {
		return t
	}
	return nil
}

// assignIn returns the submatches of a shell assignment on the line.
func assignIn(text string) []string {
	if !strings.Contains(text, "=") {
		return nil
	}
	return localAssign.FindStringSubmatch(text)
}

// varsIn returns the taint of the first tainted shell variable in text,
// preferring text an attacker writes over a ref.
func (js *jobState) varsIn(text string, lookup func(string) *Tainted) *Tainted {
	if !strings.Contains(text, "$") {
		return nil
	}
	var ref *Tainted
	for _, m := range shellVar.FindAllStringSubmatch(text, -1) {
		if t := lookup(m[1]); t != nil {
			if t.Kind&TaintText != 0 {
				return t
			}
			if ref == nil {
				ref = t
			}
		}
	}
	return ref
}

// runnerWrite follows a write to $GITHUB_ENV, $GITHUB_OUTPUT or
// $GITHUB_PATH on line i: a tainted env or path entry is an injection
// (the runner reads it into every later step); a tainted output taints
// steps.<id>.outputs.<name>. A write from a { … } group covers the
// group's lines.
func (js *jobState) runnerWrite(es *ExecStep, lines []ScriptLine, i int, exprTaint *Tainted,
	lookupVar func(string) *Tainted, lookupsPR bool) {
	l := lines[i]
	if !strings.Contains(l.Text, "GITHUB_") {
		return
	}
	m := runnerFile.FindStringSubmatchIndex(l.Text)
	if m == nil || !fileWrite.MatchString(l.Text) {
		return
	}
	file := l.Text[m[2]:m[3]]
	text := l.Text
	first := i
	if strings.HasPrefix(strings.TrimSpace(text), "}") {
		for first = i - 1; first > 0 && !strings.HasPrefix(strings.TrimSpace(lines[first].Text), "{"); first-- {
		}
		var b strings.Builder
		for _, gl := range lines[max(first, 0) : i+1] {
			b.WriteString(gl.Text + "\n")
		}
		text = b.String()
	}
	if body, expands := hereDocBody(lines, i); body != "" {
		if expands {
			text += "\n" + body
		} else {
			text += "\n" + shellVar.ReplaceAllString(body, "") // written as typed
		}
	}
	t := firstTaint(exprTaint, js.varsIn(text, lookupVar))
	if t == nil && file == "OUTPUT" && lookupsPR && mentionsHead(text) && prHeadLookup.MatchString(text) {
		t = &Tainted{Kind: TaintRef, Source: "the pull request's head (looked up in step " + stepLabel(es.Step) + ")"}
	}
	if t == nil {
		return
	}
	name := ""
	if nm := writtenName.FindStringSubmatch(text); nm != nil {
		name = nm[1]
	}
	f := js.frames[es.Frame]
	switch file {
	case "OUTPUT":
		if id := strings.ToLower(es.Step.ID); id != "" {
			key, what := id+".*", "steps."+es.Step.ID+".outputs"
			if name != "" {
				key, what = id+"."+strings.ToLower(name), what+"."+name
			}
			f.outputs[key] = t.through(what, l.Loc)
		}
	case "ENV":
		if name != "" {
			js.env.vars[strings.ToLower(name)] = t.through("$GITHUB_ENV "+name, l.Loc)
		}
		fallthrough
	case "PATH":
		if t.Kind&TaintText != 0 && exprTaint == nil {
			js.a.out.Injections = append(js.a.out.Injections, &Injection{Step: es, Sink: "$GITHUB_" + file, Loc: l.Loc, Value: t})
		}
	}
}

// hereDocBody returns the body of a here-document opened on line i (up to
// its delimiter line) and whether the shell expands variables in it (an
// unquoted delimiter): "cat >> $GITHUB_ENV <<EOF" writes the body.
func hereDocBody(lines []ScriptLine, i int) (string, bool) {
	if !strings.Contains(lines[i].Text, "<<") {
		return "", false
	}
	text := lines[i].Text
	loc := hereDoc.FindStringSubmatchIndex(text)
	if loc == nil || quoted(text[:loc[0]]) {
		return "", false // NAME<<EOF inside echo "…" is GitHub's multiline syntax
	}
	m := []string{text[loc[0]:loc[1]], text[loc[2]:loc[3]], text[loc[4]:loc[5]]}
	var b strings.Builder
	for _, l := range lines[i+1:] {
		if strings.TrimSpace(l.Text) == m[2] {
			break
		}
		b.WriteString(l.Text + "\n")
	}
	return b.String(), m[1] == ""
}

// quoted reports whether a shell line's prefix leaves a quote open.
func quoted(prefix string) bool {
	return strings.Count(prefix, `"`)%2 == 1 || strings.Count(prefix, "'")%2 == 1
}

// checkoutLine records line i of a script when it fetches the pull
// request's code: gh pr checkout, git fetch of refs/pull (when the step
// also moves the work tree), git checkout of a ref that came from the
// pull request, or a repository script that does one of these.
func (js *jobState) checkoutLine(es *ExecStep, i int, l ScriptLine, ref *Tainted, movesTree bool) {
	how, rest := "", ""
	// Substring tests first: the regular expressions cost more than the
	// rest of the flow analysis on real workflows.
	var loc []int
	if strings.Contains(l.Text, "checkout") || strings.Contains(l.Text, "pull/") {
		loc = prCheckoutCmd.FindStringIndex(l.Text)
	}
	if loc != nil {
		how, rest = l.Text[loc[0]:loc[1]], l.Text[loc[1]:]
	} else if ref != nil && gitCheckout.MatchString(l.Text) {
		loc := gitCheckout.FindStringIndex(l.Text)
		how, rest = l.Text[loc[0]:loc[1]]+" "+ref.Source, l.Text[loc[1]:]
	} else if loc := repoScriptIn(l.Text); loc != nil && js.a.scriptChecksOut(es, l.Text[loc[2]:loc[3]]) {
		script := l.Text[loc[2]:loc[3]]
		how, rest = script+" runs "+js.a.scriptCmd[localScriptPath(es, script)], l.Text[loc[1]:]
	} else {
		return
	}
	if gitFetchOnly.MatchString(how) && !movesTree {
		return
	}
	js.a.out.Checkouts = append(js.a.out.Checkouts, &PRCheckout{Step: es, Line: i, Rest: rest,
		How: clip(strings.TrimSpace(how), 80), Loc: l.Loc, Value: ref})
}

// githubScript follows actions/github-script: its script input is
// JavaScript, so an expanded untrusted value is code; a script that
// looks up a pull request's head taints the step's outputs; one that runs
// git or gh to fetch the pull request checks it out.
func (js *jobState) githubScript(es *ExecStep, f *frame, env *envScope) {
	kv := FindKV(es.Step.With, "script")
	if kv == nil {
		return
	}
	for _, e := range kv.Exprs {
		if t := js.eval(e, f, env); t != nil && t.Kind&TaintText != 0 {
			js.a.out.Injections = append(js.a.out.Injections, &Injection{Step: es, Sink: "github-script", Loc: e.Loc, Value: t})
		}
	}
	if strings.Count(kv.Value, "${{") > len(kv.Exprs) {
		js.a.unreadable(kv.ValueLoc, "unterminated ${{ in a github-script script")
	}
	if scriptCheckout.MatchString(kv.Value) && (strings.Contains(kv.Value, "pull") || prHeadLookup.MatchString(kv.Value)) {
		js.a.out.Checkouts = append(js.a.out.Checkouts, &PRCheckout{Step: es, Line: -1, How: "actions/github-script runs git/gh on the pull request", Loc: kv.ValueLoc})
	}
	if id := strings.ToLower(es.Step.ID); id != "" && mentionsHead(kv.Value) && prHeadLookup.MatchString(kv.Value) {
		t := &Tainted{Kind: TaintRef, Source: "the pull request's head (looked up by actions/github-script)"}
		f.outputs[id+".*"] = t.through("steps."+es.Step.ID+".outputs", kv.ValueLoc)
	}
}

// checkoutAction records an actions/checkout whose ref or repository
// names the pull request's code.
func (js *jobState) checkoutAction(es *ExecStep, f *frame, env *envScope) {
	for _, key := range []string{"ref", "repository"} {
		kv := FindKV(es.Step.With, key)
		if kv == nil {
			continue
		}
		if t := js.evalKV(kv, f, env); t != nil && t.Kind&TaintRef != 0 {
			js.a.out.Checkouts = append(js.a.out.Checkouts, &PRCheckout{Step: es, Line: -1,
				How: key + ": " + clip(kv.Value, 80), Loc: kv.ValueLoc, Value: t})
			return
		}
	}
}

// stepLabel names a step in a message: its name, id or position.
func stepLabel(s *Step) string {
	switch {
	case s.Name != "":
		return "'" + s.Name + "'"
	case s.ID != "":
		return "'" + s.ID + "'"
	}
	return "#" + strconv.Itoa(s.Index+1)
}

// repoScriptIn finds a repository script the line runs (submatch
// indexes), or nil.
func repoScriptIn(text string) []int {
	if !strings.Contains(text, ".sh") {
		return nil
	}
	return repoScript.FindStringSubmatchIndex(text)
}

// maxScriptBytes bounds a repository script read for a checkout command.
const maxScriptBytes = 256 << 10

// scriptChecksOut reports whether the repository script rel, run by a
// step, fetches a pull request (gh pr checkout, git fetch pull/…). Each
// script is read once.
func (a *analysis) scriptChecksOut(es *ExecStep, rel string) bool {
	p := localScriptPath(es, rel)
	if cmd, ok := a.scriptCmd[p]; ok {
		return cmd != ""
	}
	a.scriptCmd[p] = ""
	if a.g.fs == nil || p == "." || strings.HasPrefix(p, "/") {
		return false
	}
	f := a.g.fs.tree.Read(p)
	if f == nil || len(f.Data) > maxScriptBytes {
		return false
	}
	if m := prCheckoutCmd.Find(f.Data); m != nil {
		a.scriptCmd[p] = strings.TrimSpace(string(m))
	}
	return a.scriptCmd[p] != ""
}

// localScriptPath resolves a script path against the step's
// working-directory, from the repository root.
func localScriptPath(es *ExecStep, rel string) string {
	if wd := es.Step.WorkingDirectory; wd != "" && !strings.Contains(wd, "${{") && !strings.HasPrefix(rel, "/") {
		rel = wd + "/" + rel
	}
	return localPath(rel)
}
