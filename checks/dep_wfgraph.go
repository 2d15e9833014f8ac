package checks

import (
	"fmt"
	"slices"

	"github.com/tauriaudit/tauriaudit/deps"
	"github.com/tauriaudit/tauriaudit/rules"
)

// execSigningSecrets returns the signing credentials a job handles, as
// jobSigningSecrets does, with the env and inputs of the composite steps
// it runs and the secrets a called workflow receives.
func execSigningSecrets(ej *deps.ExecJob) []string {
	set := map[string]bool{}
	for _, name := range ej.Secrets {
		if isSigningName(name) {
			set[name] = true
		}
	}
	for _, kv := range ej.KVs() {
		if isSigningName(kv.Key) && len(kv.SecretRefs()) > 0 {
			set[kv.Key] = true
		}
	}
	// A called job reading secrets.X, which its caller binds to a secret.
	if c := ej.Caller; c != nil {
		read := ej.Workflow.JobSecrets(ej.Job)
		for _, kv := range c.Job.Secrets {
			if isSigningName(kv.Key) && len(kv.SecretRefs()) > 0 && slices.Contains(read, kv.Key) {
				set[kv.Key] = true
			}
		}
	}
	return deps.SortedKeys(set)
}

// anyUserTriggers are the events any GitHub user can cause on a public
// repository, with the base repository's secrets and token.
var anyUserTriggers = []string{"issues", "issue_comment", "pull_request_target", "discussion", "discussion_comment", "workflow_run"}

// anyUserTrigger returns the first such event the job's workflow runs on.
func anyUserTrigger(ej *deps.ExecJob) string {
	for _, t := range ej.Root.On {
		if slices.Contains(anyUserTriggers, t.Event) {
			return t.Event
		}
	}
	return ""
}

// forkSandboxed reports a workflow that runs only on pull-request events,
// where a fork's run gets no secrets and a read-only token whatever the
// workflow declares.
func forkSandboxed(w *deps.Workflow) bool {
	if len(w.On) == 0 {
		return false
	}
	for _, t := range w.On {
		switch t.Event {
		case "pull_request", "pull_request_review", "pull_request_review_comment":
		default:
			return false
		}
	}
	return true
}

// jobLabel names a job for messages; a called workflow's job names its
// caller too.
func jobLabel(ej *deps.ExecJob) string {
	if ej.Caller != nil {
		return fmt.Sprintf("%q (called by job %q)", ej.Job.ID, ej.Caller.Job.ID)
	}
	return fmt.Sprintf("%q", ej.Job.ID)
}

// execRelated returns the related locations of a step as it runs: the
// steps that call its composite action, and the job that calls its
// workflow.
func execRelated(es *deps.ExecStep) []rules.Related {
	var out []rules.Related
	for i := len(es.Callers) - 1; i >= 0; i-- {
		c := es.Callers[i]
		out = append(out, rules.Related{Location: c.Loc, Message: "runs through uses: " + c.Uses.Raw})
	}
	for c := es.Job; c.Caller != nil; c = c.Caller {
		out = append(out, rules.Related{Location: c.Caller.Job.Loc, Message: fmt.Sprintf("job %q calls %s", c.Caller.Job.ID, c.Caller.Job.Uses.Raw)})
	}
	return out
}

// hopsRelated returns a related location for each hop of a tainted value.
func hopsRelated(t *deps.Tainted) []rules.Related {
	if t == nil {
		return nil
	}
	out := make([]rules.Related, 0, len(t.Hops))
	for _, h := range t.Hops {
		out = append(out, rules.Related{Location: h.Loc, Message: h.What})
	}
	return out
}
