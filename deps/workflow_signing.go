package deps

import (
	"fmt"
	"path"
	"strings"

	"github.com/tauriaudit/tauriaudit/rules/source"
)

// SigningOS is the platform whose binaries a CI signing step signs.
type SigningOS string

// Platforms a CI signing step can sign for.
const (
	SignsWindows SigningOS = "windows"
	SignsMacOS   SigningOS = "macos"
)

// CISigning is one piece of evidence that a workflow code-signs the
// app's installers: a signing-service action, a signing command in a
// run step, or signing credentials handed to the build.
type CISigning struct {
	OS   SigningOS
	What string // "SignPath (signpath/github-action-submit-signing-request)"
	Loc  source.Location
}

// String names the evidence and where it is, as the signing rules print it.
func (s CISigning) String() string {
	return fmt.Sprintf("signed in CI by %s in %s:%d", s.What, s.Loc.File, s.Loc.Start.Line)
}

// signingActions are actions that sign binaries, by lower-case owner/repo.
var signingActions = map[string]struct {
	os   SigningOS
	name string
}{
	"signpath/github-action-submit-signing-request": {SignsWindows, "SignPath"},
	"azure/trusted-signing-action":                  {SignsWindows, "Azure Trusted Signing"},
	"azure/artifact-signing-action":                 {SignsWindows, "Azure Artifact Signing"},
	"digicert/ssm-code-signing":                     {SignsWindows, "DigiCert KeyLocker"},
	"sslcom/esigner-codesign":                       {SignsWindows, "SSL.com eSigner"},
	"dlemstra/code-sign-action":                     {SignsWindows, "code-sign-action"},
	"apple-actions/import-codesign-certs":           {SignsMacOS, "a Developer ID certificate"},
}

// signingVars are env/with entries that hand signing credentials to the
// build (tauri-action and tauri build read the Apple ones themselves).
var signingVars = map[string]SigningOS{
	"APPLE_CERTIFICATE":      SignsMacOS,
	"APPLE_SIGNING_IDENTITY": SignsMacOS,
	"WINDOWS_CERTIFICATE":    SignsWindows,
	"AZURE_CLIENT_SECRET":    SignsWindows, // Azure Trusted Signing / Key Vault behind a signCommand
}

// FindCISigning lists the signing evidence in ws, in file order.
func FindCISigning(ws []*Workflow) []CISigning {
	var out []CISigning
	for _, w := range ws {
		out = append(out, signingVarsIn(w.Env, "")...)
		for _, j := range w.Jobs {
			out = append(out, jobSigning(j)...)
		}
	}
	return out
}

func jobSigning(j *Job) []CISigning {
	out := signingVarsIn(j.Env, "")
	out = append(out, signingVarsIn(j.With, "")...)
	out = append(out, signingVarsIn(j.Secrets, "")...)
	for _, s := range j.Steps {
		if s.Uses != nil {
			if a, ok := signingActions[s.Uses.Name()]; ok {
				out = append(out, CISigning{a.os, fmt.Sprintf("%s (%s)", a.name, s.Uses.Name()), s.Uses.Loc})
			}
		}
		to := ""
		if s.IsAction("tauri-apps/tauri-action") {
			to = "tauri-apps/tauri-action"
		}
		out = append(out, signingVarsIn(s.Env, to)...)
		out = append(out, signingVarsIn(s.With, to)...)
		out = append(out, configSigning(s)...)
		if s.Run != nil {
			for _, l := range s.Run.Lines {
				if c, ok := signingCommand(l.Text); ok {
					out = append(out, CISigning{c.os, c.name, l.Loc})
				}
			}
		}
	}
	return out
}

// signingVarsIn finds credential entries with a value; to names the
// action they are passed to ("" for plain env).
func signingVarsIn(kvs []*KV, to string) []CISigning {
	var out []CISigning
	for _, kv := range kvs {
		os, ok := signingVars[kv.Key]
		if !ok || kv.Value == "" || kv.Key == "APPLE_SIGNING_IDENTITY" && strings.TrimSpace(kv.Value) == "-" {
			continue // "-" is ad-hoc signing
		}
		what := kv.Key
		if to != "" {
			what += " passed to " + to
		}
		out = append(out, CISigning{os, what, kv.Loc})
	}
	return out
}

// configSigning finds a Windows signing setting handed to the build by the
// workflow: tauri build --config / tauri-action args with signCommand or
// certificateThumbprint, or a run step writing one into the config.
func configSigning(s *Step) []CISigning {
	var out []CISigning
	for _, kv := range s.With {
		if k := windowsSigningKey(kv.Value); k != "" {
			out = append(out, CISigning{SignsWindows, k + " set by the workflow", kv.ValueLoc})
		}
	}
	if s.Run != nil {
		for _, l := range s.Run.Lines {
			if k := windowsSigningKey(l.Text); k != "" {
				out = append(out, CISigning{SignsWindows, k + " set by the workflow", l.Loc})
			}
		}
	}
	return out
}

func windowsSigningKey(text string) string {
	for _, k := range []string{"signCommand", "certificateThumbprint"} {
		if strings.Contains(text, k) {
			return k
		}
	}
	return ""
}

// WorkflowsNear returns the workflows of the nearest .github/workflows
// folder at or above dir (root-relative): the repository that builds
// the app, also in a monorepo whose sub-projects keep their own.
func (s *WorkflowSet) WorkflowsNear(dir string) []*Workflow {
	for d := dir; ; d = path.Dir(d) {
		prefix := path.Join(d, ".github/workflows") + "/"
		var out []*Workflow
		for _, w := range s.All {
			if strings.HasPrefix(w.File, prefix) {
				out = append(out, w)
			}
		}
		if len(out) > 0 || d == "." || d == "/" || d == "" {
			return out
		}
	}
}
