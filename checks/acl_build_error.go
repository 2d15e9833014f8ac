package checks

import (
	"fmt"
	"strings"

	"github.com/tauriaudit/tauriaudit/capabilities"
	"github.com/tauriaudit/tauriaudit/rules"
	"github.com/tauriaudit/tauriaudit/rules/source"
)

// ACLBuildError reports what Tauri's build would reject in the ACL.
var ACLBuildError = &rules.Rule{
	ID:       "TA-ACL-010",
	Name:     "acl-build-error",
	Title:    "tauri's build rejects the access control configuration",
	Level:    rules.Error,
	Severity: 7.0,
	Tags:     []string{"acl"},
	CWE:      []int{710},
	Doc: `tauri-build or ` + "`generate_context!`" + ` would fail on the capabilities or permission files: a
capability that does not parse or repeats an identifier, a permission identifier that is invalid
or names no known permission, a set member that does not exist, a config entry naming an unknown
capability, a window glob or remote URL pattern that does not compile, a set that includes itself.
The message quotes Tauri's own.

Beyond the broken build, such a tree is not what ships: an audit of it (and a reviewer's reading of
it) describes an ACL that Tauri never produced, and a "fix" that makes the build pass may grant
more than intended.

Unknown permissions of a plugin dependency whose permission manifest the scan could not read are
not reported here (TA-ACL-012 says what to commit or fetch), nor references to the
` + "`allow-<command>`" + `/` + "`deny-<command>`" + ` permissions that a local plugin's build generates when those
generated files are not in the tree. A permission missing from a committed
` + "`gen/schemas/acl-manifests.json`" + ` may also mean that file is stale: rebuild and commit it.

**Fix:** correct the identifier (the message lists what Tauri expected), add the missing plugin
dependency, or fix the file.

Bad:

~~~json
{ "identifier": "main", "windows": ["main"], "permissions": ["fs:allow-read-flie"] }
~~~

**False positives:** inactive capabilities (` + "`platforms`" + ` excluding a target) are only checked for the
targets they apply to, as Tauri does.`,
	Run: aclBuildError,
}

func aclBuildError(pass *rules.Pass) error {
	p := pass.Project
	if !aclAudited(p) {
		return nil
	}
	st := p.ACL()
	for _, pr := range st.Model.Problems {
		if tauriRaises(p, st, pr) {
			pass.Report(buildErrorFinding(pr))
		}
	}
	for _, t := range p.Targets {
		for _, pr := range p.TargetACL(t).Problems {
			if tauriRaises(p, st, pr) {
				pass.ReportOn(t, buildErrorFinding(pr))
			}
		}
	}
	return nil
}

func buildErrorFinding(pr *capabilities.Problem) rules.Finding {
	subject := pr.Capability
	if id := problemID(pr.Node); id.Raw != "" {
		subject = id.Raw
	}
	f := rules.Finding{Location: pr.Location(), Subject: string(pr.Kind) + " " + subject,
		Message: fmt.Sprintf("tauri %s fails: %s", stageName(pr.Stage), shortenExpected(pr.Msg))}
	if pr.Related != nil {
		f.Related = []rules.Related{{Location: pr.Related.Location(), Message: "related definition"}}
	}
	return f
}

func stageName(s capabilities.Stage) string {
	if s == capabilities.StageCodegen {
		return "generate_context!"
	}
	return "build"
}

// shortenExpected cuts the validator's list of every known permission.
func shortenExpected(msg string) string {
	head, list, ok := strings.Cut(msg, ", expected one of ")
	if !ok {
		return msg
	}
	items := strings.Split(list, ", ")
	if len(items) <= 6 {
		return msg
	}
	return fmt.Sprintf("%s, expected one of %s, ... (%d permissions)", head, strings.Join(items[:6], ", "), len(items))
}

// tauriRaises reports a problem that a Tauri build would really raise and
// that is the app's to fix.
func tauriRaises(p *rules.Project, st *rules.ACLState, pr *capabilities.Problem) bool {
	if pr.Stage == capabilities.StageNone || pr.Kind == capabilities.SetTooLarge {
		return false
	}
	switch pr.Kind {
	case capabilities.PermissionNotFound, capabilities.UnknownManifest, capabilities.UnknownPermission:
		return !unavailable(p, st, problemID(pr.Node))
	case capabilities.SetPermissionNotFound:
		return !unavailable(p, st, problemID(pr.Node)) && !unavailable(p, st, problemID(pr.Related))
	}
	return true
}

// problemID parses the identifier a problem node holds, if any.
func problemID(n *source.Node) capabilities.Identifier {
	s, ok := n.Str()
	if !ok {
		return capabilities.Identifier{}
	}
	id, err := capabilities.ParseIdentifier(s, capabilities.Version{})
	if err != nil {
		return capabilities.Identifier{}
	}
	return id
}

// unavailable reports a reference into a plugin dependency whose
// permissions the scan lacks: no manifest at all, or a local plugin's
// generated allow-/deny- permissions.
func unavailable(p *rules.Project, st *rules.ACLState, id capabilities.Identifier) bool {
	key := id.Key()
	generated := strings.HasPrefix(id.Base, "allow-") || strings.HasPrefix(id.Base, "deny-") || id.Base == "default"
	switch {
	case id.Raw == "":
		return false
	case st.Build.IncompletePlugins[key]:
		// an inlined plugin whose build.rs declaration is only partly read
		return true
	case key == capabilities.AppKey:
		// AppManifest::commands the scan could not read, whose
		// permissions only the build generates (tauri-acl §5.4)
		return generated && appCommandsUnread(st)
	case st.Model.ACL.Get(key) == nil && st.Build.PluginsUnknown():
		// maybe an inlined plugin whose name build.rs computes
		return true
	case st.Plugins[key] == nil:
		return false
	case st.Model.ACL.Get(key) == nil:
		return true
	}
	return generated && p.PluginIncomplete(st, key)
}

// appCommandsUnread reports an app manifest in build.rs whose commands
// the scan could not read: an AppManifest expression it does not follow,
// or a build.rs it could not read as a tauri_build call at all.
func appCommandsUnread(st *rules.ACLState) bool {
	return st.Build.AppIncomplete || st.Build.ACL == nil && st.Build.MentionsAppManifest
}
