package deps

import (
	"slices"
	"strings"
)

// Taint says what an attacker controls in a value.
type Taint uint8

// Kinds of taint.
const (
	// TaintText is free text any GitHub user can write (an issue title, a
	// branch name): expanded into a script it becomes code.
	TaintText Taint = 1 << iota
	// TaintRef names the pull request's code (its head SHA, branch or
	// repository): checked out, it runs the pull request's code.
	TaintRef
)

// untrustedText are the contexts whose text an outsider chooses (GitHub's
// script-injection guidance, with what actionlint and zizmor add). A "*"
// stands for one array index.
var untrustedText = []string{
	"github.event.issue.title", "github.event.issue.body",
	"github.event.pull_request.title", "github.event.pull_request.body",
	"github.event.pull_request.head.ref", "github.event.pull_request.head.label",
	"github.event.pull_request.head.repo.default_branch", "github.event.pull_request.head.repo.description",
	"github.event.comment.body", "github.event.review.body", "github.event.review_comment.body",
	"github.event.discussion.title", "github.event.discussion.body",
	"github.event.pages.*.page_name",
	"github.event.commits.*.message", "github.event.commits.*.author.name", "github.event.commits.*.author.email",
	"github.event.commits.*.committer.name", "github.event.commits.*.committer.email",
	"github.event.head_commit.message", "github.event.head_commit.author.name", "github.event.head_commit.author.email",
	"github.event.head_commit.committer.name", "github.event.head_commit.committer.email",
	"github.event.workflow_run.head_branch", "github.event.workflow_run.display_title",
	"github.event.workflow_run.head_commit.message", "github.event.workflow_run.head_commit.author.name",
	"github.event.workflow_run.head_commit.author.email", "github.event.workflow_run.pull_requests.*.head.ref",
	"github.event.merge_group.head_commit.message", "github.event.merge_group.head_commit.author.name",
	"github.event.merge_group.head_commit.author.email",
	"github.head_ref",
}

// untrustedRef are the contexts that name a pull request's code.
var untrustedRef = []string{
	"github.event.pull_request.head.sha", "github.event.pull_request.head.ref",
	"github.event.pull_request.head.repo.full_name", "github.event.pull_request.head.repo.clone_url",
	"github.event.pull_request.head.repo.git_url", "github.event.pull_request.head.repo.ssh_url",
	"github.event.pull_request.merge_commit_sha", "github.head_ref",
	"github.event.workflow_run.head_sha", "github.event.workflow_run.head_branch",
	"github.event.workflow_run.head_repository.full_name", "github.event.workflow_run.head_repository.clone_url",
	"github.event.workflow_run.pull_requests.*.head.sha", "github.event.workflow_run.pull_requests.*.head.ref",
}

// ClassifyContext says what an attacker controls in the context path
// (lower case, as ExprRefs returns it). A whole object serialised with
// toJSON carries every untrusted field below it.
func ClassifyContext(path string, inToJSON bool) Taint {
	var t Taint
	for _, p := range untrustedText {
		if pathMatch(p, path) || inToJSON && pathPrefix(path, p) {
			t |= TaintText
			break
		}
	}
	for _, p := range untrustedRef {
		if pathMatch(p, path) {
			t |= TaintRef
			break
		}
	}
	return t
}

// pathMatch matches a context path against a pattern whose "*" segments
// stand for any one segment.
func pathMatch(pattern, path string) bool {
	for pattern != "" && path != "" {
		ps, prest, _ := strings.Cut(pattern, ".")
		s, rest, _ := strings.Cut(path, ".")
		if ps != "*" && ps != s {
			return false
		}
		pattern, path = prest, rest
	}
	return pattern == "" && path == ""
}

// pathPrefix reports whether path names an object that holds pattern:
// "github.event" and "github.event.issue" hold github.event.issue.title.
// The bare github context is not counted: toJSON(github) is mostly
// trusted fields and is common in debugging steps.
func pathPrefix(path, pattern string) bool {
	if !strings.HasPrefix(path, "github.event") {
		return false
	}
	segs, psegs := strings.Split(path, "."), strings.Split(pattern, ".")
	if len(segs) >= len(psegs) {
		return false
	}
	for i, s := range segs {
		if psegs[i] != "*" && psegs[i] != s && s != "*" {
			return false
		}
	}
	return true
}

// ExprRef is one context path an expression reads: "github.event.issue.title",
// "env.title", "steps.meta.outputs.tag". Paths are lower case (GitHub
// compares property names without case), index expressions become
// segments ('x' → x, anything else → *).
type ExprRef struct {
	Path     string
	InToJSON bool // an argument of toJSON(…)
}

// maxExprLen bounds the expression text read; real ones are short.
const maxExprLen = 4096

// ExprRefs returns the context paths an expression reads, in order. It
// never fails: what it cannot read (an unterminated string, unbalanced
// brackets) ends the scan, and ok reports that.
func ExprRefs(text string) (refs []ExprRef, ok bool) {
	if len(text) > maxExprLen {
		text, ok = text[:maxExprLen], false
	} else {
		ok = true
	}
	var calls []string // open function calls ("" for plain parentheses)
	for i := 0; i < len(text); {
		c := text[i]
		switch {
		case c == '\'':
			end := skipString(text, i)
			if end < 0 {
				return refs, false
			}
			i = end
		case isIdentStart(c):
			j := identEnd(text, i)
			word := text[i:j]
			if k := skipSpace(text, j); k < len(text) && text[k] == '(' {
				calls = append(calls, strings.ToLower(word))
				i = k + 1
				continue
			}
			path, end, good := readPath(text, i)
			ok = ok && good
			if isContext(path) {
				refs = append(refs, ExprRef{Path: path, InToJSON: slices.Contains(calls, "tojson")})
			}
			i = end
		case c == '(':
			calls = append(calls, "")
			i++
		case c == ')':
			if len(calls) == 0 {
				ok = false
			} else {
				calls = calls[:len(calls)-1]
			}
			i++
		case c >= '0' && c <= '9':
			for i < len(text) && (isIdentChar(text[i]) || text[i] == '.') {
				i++
			}
		default:
			i++
		}
	}
	return refs, ok && len(calls) == 0
}

// readPath reads a context path at text[i:]: identifiers joined by ".",
// ".*" and index expressions. It returns the lower-case path and where it
// ends.
func readPath(text string, i int) (string, int, bool) {
	var b strings.Builder
	j := identEnd(text, i)
	b.WriteString(strings.ToLower(text[i:j]))
	for j < len(text) {
		switch {
		case text[j] == '.' && j+1 < len(text) && text[j+1] == '*':
			b.WriteString(".*")
			j += 2
		case text[j] == '.' && j+1 < len(text) && isIdentStart(text[j+1]):
			k := identEnd(text, j+1)
			b.WriteString("." + strings.ToLower(text[j+1:k]))
			j = k
		case text[j] == '[':
			seg, end := readIndex(text, j)
			if end < 0 {
				return b.String(), len(text), false
			}
			b.WriteString("." + seg)
			j = end
		default:
			return b.String(), j, true
		}
	}
	return b.String(), j, true
}

// readIndex reads "[ 'name' ]" (→ name) or any other index (→ *) and
// returns the segment and the position after "]", or -1 when unbalanced.
func readIndex(text string, i int) (string, int) {
	k := skipSpace(text, i+1)
	if k < len(text) && text[k] == '\'' {
		end := skipString(text, k)
		if end >= 0 {
			if e := skipSpace(text, end); e < len(text) && text[e] == ']' {
				return strings.ToLower(strings.ReplaceAll(text[k+1:end-1], "''", "'")), e + 1
			}
		}
	}
	depth := 0
	for j := i; j < len(text); j++ {
		switch text[j] {
		case '[':
			depth++
		case ']':
			if depth--; depth == 0 {
				return "*", j + 1
			}
		case '\'':
			if end := skipString(text, j); end > 0 {
				j = end - 1
			} else {
				return "", -1
			}
		}
	}
	return "", -1
}

// contexts are the expression contexts a path can start with.
var contexts = map[string]bool{"github": true, "env": true, "vars": true, "job": true, "jobs": true, "steps": true,
	"runner": true, "secrets": true, "strategy": true, "matrix": true, "needs": true, "inputs": true}

func isContext(path string) bool {
	head, _, _ := strings.Cut(path, ".")
	return contexts[head]
}

// skipString returns the position after the single-quoted string at
// text[i] (” is an escaped quote), or -1 when it does not end.
func skipString(text string, i int) int {
	for j := i + 1; j < len(text); j++ {
		if text[j] == '\'' {
			if j+1 < len(text) && text[j+1] == '\'' {
				j++
				continue
			}
			return j + 1
		}
	}
	return -1
}

func skipSpace(text string, i int) int {
	for i < len(text) && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r') {
		i++
	}
	return i
}

func identEnd(text string, i int) int {
	j := i
	for j < len(text) && isIdentChar(text[j]) {
		j++
	}
	return j
}

func isIdentStart(c byte) bool { return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func isIdentChar(c byte) bool  { return isIdentStart(c) || c == '-' || c >= '0' && c <= '9' }
