package checks

import (
	"slices"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/tauriaudit/tauriaudit/deps"
	"github.com/tauriaudit/tauriaudit/rules/source"
)

// signingPrefixes name the secrets of a signing or release job: the
// updater key (v2 and v1 names), Apple notarisation/codesigning and
// Windows certificates.
var signingPrefixes = []string{"TAURI_SIGNING_", "TAURI_PRIVATE_KEY", "TAURI_KEY_PASSWORD", "APPLE_", "WINDOWS_CERTIFICATE"}

// isSigningName reports whether a variable or secret name is one of the
// signing credentials.
func isSigningName(name string) bool {
	u := strings.ToUpper(name)
	for _, pre := range signingPrefixes {
		if strings.HasPrefix(u, pre) {
			return true
		}
	}
	return false
}

// jobKVs returns every env/with/secrets entry that applies to job j: the
// workflow's env, the job's env, with and secrets, and each step's env
// and with.
func jobKVs(w *deps.Workflow, j *deps.Job) []*deps.KV {
	kvs := append(append([]*deps.KV(nil), w.Env...), j.Env...)
	kvs = append(append(kvs, j.With...), j.Secrets...)
	for _, s := range j.Steps {
		kvs = append(append(kvs, s.Env...), s.With...)
	}
	return kvs
}

// jobSecrets returns the names of the secrets job j reads (in env, with,
// secrets and run lines), sorted and unique.
func jobSecrets(w *deps.Workflow, j *deps.Job) []string {
	set := map[string]bool{}
	for _, kv := range jobKVs(w, j) {
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
	return sortedSet(set)
}

// jobSigningSecrets returns the signing credentials job j handles: secrets
// with a signing name, and signing-named variables filled from any secret
// (TAURI_SIGNING_PRIVATE_KEY: ${{ secrets.UPDATER_KEY }}).
func jobSigningSecrets(w *deps.Workflow, j *deps.Job) []string {
	set := map[string]bool{}
	for _, name := range jobSecrets(w, j) {
		if isSigningName(name) {
			set[name] = true
		}
	}
	for _, kv := range jobKVs(w, j) {
		if isSigningName(kv.Key) && len(kv.SecretRefs()) > 0 {
			set[kv.Key] = true
		}
	}
	return sortedSet(set)
}

func sortedSet(set map[string]bool) []string {
	out := make([]string, 0, len(set))
	for k := range set {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// jobUses returns the job's reusable-workflow call and step actions.
func jobUses(j *deps.Job) []*deps.ActionRef {
	var out []*deps.ActionRef
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

// releaseActions publish or hand out build output.
var releaseActions = []string{"actions/upload-artifact", "softprops/action-gh-release", "ncipollo/release-action",
	"svenstaro/upload-release-action", "actions/create-release", "actions/upload-release-asset",
	"tauri-apps/tauri-action"}

// isReleaseJob reports whether job j ships what it builds: the workflow
// runs on a release or a tag push, or the job uploads artifacts or
// release assets.
func isReleaseJob(w *depWorkflow, j *deps.Job) bool {
	if w.Trigger("release") != nil || w.pushesTags() {
		return true
	}
	for _, a := range jobUses(j) {
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

// depWorkflow is a parsed workflow with its file.
type depWorkflow struct {
	*deps.Workflow
	File *source.File
}

// pushesTags reports whether the workflow runs on pushed tags (on.push.tags),
// which the parsed trigger does not record.
func (w *depWorkflow) pushesTags() bool {
	if w.Trigger("push") == nil || w.File == nil {
		return false
	}
	var doc struct {
		On struct {
			Push struct {
				Tags yaml.Node `yaml:"tags"`
			} `yaml:"push"`
		} `yaml:"on"`
	}
	if yaml.Unmarshal(w.File.Data, &doc) != nil {
		return false
	}
	return doc.On.Push.Tags.Kind != 0
}
