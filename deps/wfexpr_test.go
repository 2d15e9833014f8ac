package deps

import (
	"fmt"
	"slices"
	"testing"
)

func TestExprRefs(t *testing.T) {
	for _, c := range []struct {
		expr string
		want []string
		ok   bool
	}{
		{"github.event.issue.title", []string{"github.event.issue.title"}, true},
		{"github.event['Issue'][ 'title' ]", []string{"github.event.issue.title"}, true},
		{"github.event.commits[0].message", []string{"github.event.commits.*.message"}, true},
		{"github.event.pages.*.page_name", []string{"github.event.pages.*.page_name"}, true},
		{"format('{0} github.head_ref', env.A) || steps.x-y.outputs.z", []string{"env.a", "steps.x-y.outputs.z"}, true},
		{"toJSON(github.event)", []string{"github.event+json"}, true},
		{"contains(github.event.issue.labels.*.name, 'bug') && true", []string{"github.event.issue.labels.*.name"}, true},
		{"github.event['x", []string{"github.event"}, false},
		{"format('{0}', github.head_ref", []string{"github.head_ref"}, false},
		{"'unterminated", nil, false},
		{"1.5 == 2", nil, true},
	} {
		refs, ok := ExprRefs(c.expr)
		var got []string
		for _, r := range refs {
			s := r.Path
			if r.InToJSON {
				s += "+json"
			}
			got = append(got, s)
		}
		if !slices.Equal(got, c.want) || ok != c.ok {
			t.Errorf("ExprRefs(%q) = %q %v, want %q %v", c.expr, got, ok, c.want, c.ok)
		}
	}
}

func TestClassifyContext(t *testing.T) {
	for _, c := range []struct {
		path   string
		toJSON bool
		want   Taint
	}{
		{"github.event.issue.title", false, TaintText},
		{"github.event.commits.*.author.email", false, TaintText},
		{"github.head_ref", false, TaintText | TaintRef},
		{"github.event.pull_request.head.sha", false, TaintRef},
		{"github.event.workflow_run.head_branch", false, TaintText | TaintRef},
		{"github.event.issue.number", false, 0},
		{"github.event.issue", false, 0},
		{"github.event.issue", true, TaintText},
		{"github", true, 0},
		{"github.event.issue.number", true, 0},
		{"env.title", false, 0},
	} {
		if got := ClassifyContext(c.path, c.toJSON); got != c.want {
			t.Errorf("ClassifyContext(%q, %v) = %b, want %b", c.path, c.toJSON, got, c.want)
		}
	}
}

// Flows name every hop, and a clean value or the safe env form is not an
// injection.
func TestFlowsPaths(t *testing.T) {
	set := loadSet(map[string]string{".github/workflows/w.yml": `on: pull_request_target
jobs:
  a:
    runs-on: x
    outputs:
      ref: ${{ steps.s.outputs.ref }}
    steps:
      - id: s
        env:
          R: ${{ github.event.pull_request.head.ref }}
        run: |
          echo "ref=$R" >> $GITHUB_OUTPUT
          echo "$R"
  b:
    needs: [a]
    runs-on: x
    steps:
      - run: git checkout ${{ needs.a.outputs.ref }} && echo ${{ needs.a.outputs.ref }}
`})
	var got []string
	for _, in := range set.Flows.Injections {
		got = append(got, fmt.Sprintf("%s %d:%d %s", in.Sink, in.Loc.Start.Line, in.Loc.Start.Col, in.Value.Path()))
	}
	want := []string{
		"run 18:27 github.event.pull_request.head.ref → env R → steps.s.outputs.ref → needs.a.outputs.ref",
		"run 18:62 github.event.pull_request.head.ref → env R → steps.s.outputs.ref → needs.a.outputs.ref",
	}
	if !slices.Equal(got, want) {
		t.Errorf("injections\n%q\nwant\n%q", got, want)
	}
	if len(set.Flows.Checkouts) != 1 || set.Flows.Checkouts[0].Line != 0 || set.Flows.Checkouts[0].Step.Job.Job.ID != "b" {
		t.Errorf("checkouts %+v", set.Flows.Checkouts)
	}
}
