package deps

import (
	"strconv"
	"strings"

	"github.com/tauriaudit/tauriaudit/internal/lazyre"
)

// Query helpers for the workflow audits (token permissions, persisted
// credentials, caches, secrets: inherit, triggers).

// EffectivePermissions returns the permissions job j's token gets: the
// job's own, else the workflow's; nil when neither declares any, so the
// repository's default (possibly write to every scope) applies.
func (w *Workflow) EffectivePermissions(j *Job) *Permissions {
	if j.Permissions != nil {
		return j.Permissions
	}
	return w.Permissions
}

// MayWrite reports whether a token with permissions p can write: p is
// undeclared (the repository default) or grants a write scope.
func (p *Permissions) MayWrite() bool { return p == nil || len(p.Writes()) > 0 }

// ExternalTriggers are the events a workflow runs on in the base
// repository's context, with its secrets and a token that can write by
// default, although anyone (a fork's pull request, a comment, a workflow
// run on a fork's branch) can cause them.
var ExternalTriggers = []string{"pull_request_target", "workflow_run", "issue_comment"}

// ExternalTrigger returns the first of ExternalTriggers the workflow runs
// on, or nil.
func (w *Workflow) ExternalTrigger() *Trigger {
	for _, ev := range ExternalTriggers {
		if t := w.Trigger(ev); t != nil {
			return t
		}
	}
	return nil
}

// Input returns the value of the step's `with:` input key, and whether
// it is set.
func (s *Step) Input(key string) (string, bool) {
	kv := FindKV(s.With, key)
	if kv == nil {
		return "", false
	}
	return strings.TrimSpace(kv.Value), true
}

// InputIs reports whether the step's input key is set to the boolean
// literal want ("true"/"false", case-insensitive).
func (s *Step) InputIs(key string, want bool) bool {
	v, ok := s.Input(key)
	return ok && strings.EqualFold(v, strconv.FormatBool(want))
}

// versionText finds a version like v4, v4.4 or 4.4.0 at the start of a
// ref or pin comment.
var versionText = lazyre.New(`^v?(\d+)(?:\.(\d+))?`)

// Version returns the action's major and minor version from its tag, or
// for a SHA pin from the version comment beside it (`@<sha> # v4.2.2`);
// ok is false when neither names one.
func (a *ActionRef) Version() (major, minor int, ok bool) {
	if a == nil {
		return 0, 0, false
	}
	text := a.Ref
	if a.RefKind != RefTag {
		text = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(a.Comment), "#"))
		text = strings.TrimPrefix(strings.TrimPrefix(text, "tag="), "pin@")
	}
	m := versionText.FindStringSubmatch(text)
	if m == nil {
		return 0, 0, false
	}
	major, _ = strconv.Atoi(m[1])
	minor, _ = strconv.Atoi(m[2]) // "" (no minor) reads as 0
	return major, minor, true
}

// VersionBefore reports whether the action's version is known and lower
// than major.minor.
func (a *ActionRef) VersionBefore(major, minor int) bool {
	ma, mi, ok := a.Version()
	return ok && (ma < major || ma == major && mi < minor)
}

// StepsAfter returns the steps of job j that follow step s.
func (j *Job) StepsAfter(s *Step) []*Step {
	if s == nil || s.Index+1 > len(j.Steps) {
		return nil
	}
	return j.Steps[s.Index+1:]
}
