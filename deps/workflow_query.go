package deps

import (
	"slices"
	"sort"
	"strings"
)

// AllUses returns the job's reusable-workflow call and step actions, in
// file order.
func (j *Job) AllUses() []*ActionRef {
	var out []*ActionRef
	if j.Uses != nil {
		out = append(out, j.Uses)
	}
	for _, s := range j.Steps {
		if s.Uses != nil {
			out = append(out, s.Uses)
		}
	}
	return out
}

// JobKVs returns every env/with/secrets entry that applies to job j: the
// workflow's env, the job's env, with and secrets, and each step's env
// and with.
func (w *Workflow) JobKVs(j *Job) []*KV {
	kvs := append(append([]*KV(nil), w.Env...), j.Env...)
	kvs = append(append(kvs, j.With...), j.Secrets...)
	for _, s := range j.Steps {
		kvs = append(append(kvs, s.Env...), s.With...)
	}
	return kvs
}

// JobSecrets returns the names of the secrets job j reads (in env, with,
// secrets and run lines), sorted and unique.
func (w *Workflow) JobSecrets(j *Job) []string {
	set := map[string]bool{}
	for _, kv := range w.JobKVs(j) {
		for _, s := range kv.SecretRefs() {
			set[s] = true
		}
	}
	for _, s := range j.Steps {
		if s.Run == nil {
			continue
		}
		for _, l := range s.Run.Lines {
			for _, e := range l.Exprs {
				for _, name := range e.Secrets() {
					set[name] = true
				}
			}
		}
	}
	return SortedKeys(set)
}

// SortedKeys returns the keys of set, sorted.
func SortedKeys(set map[string]bool) []string {
	out := make([]string, 0, len(set))
	for k := range set {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// releaseActions publish or hand out build output.
var releaseActions = []string{"actions/upload-artifact", "softprops/action-gh-release", "ncipollo/release-action",
	"svenstaro/upload-release-action", "actions/create-release", "actions/upload-release-asset",
	"tauri-apps/tauri-action"}

// IsReleaseJob reports whether job j ships what it builds: the workflow
// runs on a release or a tag push, or the job uploads artifacts or
// release assets.
func (w *Workflow) IsReleaseJob(j *Job) bool {
	if w.Trigger("release") != nil || w.PushesTags() {
		return true
	}
	for _, a := range j.AllUses() {
		if slices.ContainsFunc(releaseActions, a.Is) {
			return true
		}
	}
	for _, s := range j.Steps {
		if s.Run != nil && strings.Contains(s.Run.Text, "gh release") {
			return true
		}
	}
	return false
}
