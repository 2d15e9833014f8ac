package signing

import (
	"fmt"
	"regexp"
	"strings"

	"gopkg.in/yaml.v3"
)

// WorkflowHit is a secret-looking variable or action input that a GitHub
// Actions workflow sets to a literal value.
type WorkflowHit struct {
	Name      string
	Line, Col int  // of the value
	Len       int  // bytes of the value as written (0 when unknown)
	Empty     bool // an empty placeholder: rules.md asks for a warning only
}

// maxWorkflowBytes is the largest workflow parsed, as deps.MaxWorkflowBytes.
const maxWorkflowBytes = 4 << 20

// secretInput matches action inputs (with:) that take credentials.
var secretInput = regexp.MustCompile(`(?i)(password|passphrase|secret|private[-_]?key|p12|pfx|certificate|signing[-_]?key)`)

// WorkflowSecrets finds env entries (workflow, job and step level) and
// action inputs that put signing secrets in the workflow as literals
// instead of ${{ secrets.* }} or ${{ vars.* }} expressions.
//
// Files over maxWorkflowBytes are refused unparsed (a few MB of YAML make
// hundreds of MB of nodes; the dependency rules report the file), and a
// parser panic is an error, not the end of the scan.
func WorkflowSecrets(data []byte) (hits []WorkflowHit, err error) {
	if len(data) > maxWorkflowBytes {
		return nil, fmt.Errorf("workflow is %d bytes, over the %d-byte limit", len(data), maxWorkflowBytes)
	}
	defer func() {
		if r := recover(); r != nil {
			hits, err = nil, fmt.Errorf("invalid YAML: parser failure: %v", r)
		}
	}()
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, err
	}
	var out []WorkflowHit
	walkYAML(&doc, func(key string, val *yaml.Node) {
		if val.Kind != yaml.MappingNode || (key != "env" && key != "with") {
			return
		}
		for i := 0; i+1 < len(val.Content); i += 2 {
			k, v := val.Content[i], val.Content[i+1]
			if !workflowSecretName(k.Value, key == "with") || v.Kind != yaml.ScalarNode {
				continue
			}
			if strings.Contains(v.Value, "${{") || IsReference(v.Value) {
				continue
			}
			h := WorkflowHit{Name: k.Value, Line: v.Line, Col: v.Column, Empty: strings.TrimSpace(v.Value) == ""}
			if v.Style == 0 && !strings.Contains(v.Value, "\n") {
				h.Len = len(v.Value)
			}
			out = append(out, h)
		}
	})
	return out, nil
}

// workflowSecretName: env names from TA-GIT-004/005 plus the prefixes
// rules.md lists for TA-GIT-006; for action inputs, credential-like names.
func workflowSecretName(name string, input bool) bool {
	if input {
		l := strings.ToLower(name)
		return secretInput.MatchString(l) && !strings.Contains(l, "thumbprint") && !strings.Contains(l, "identity")
	}
	if SecretVariable(name) != 0 {
		return true
	}
	if notSecretVars[name] || strings.HasSuffix(name, "_THUMBPRINT") {
		return false
	}
	return strings.HasPrefix(name, "TAURI_SIGNING_") || strings.HasPrefix(name, "WINDOWS_CERTIFICATE")
}

// walkYAML calls fn for every mapping member, depth first.
func walkYAML(n *yaml.Node, fn func(key string, val *yaml.Node)) {
	if n == nil {
		return
	}
	if n.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(n.Content); i += 2 {
			fn(n.Content[i].Value, n.Content[i+1])
		}
	}
	for _, c := range n.Content {
		walkYAML(c, fn)
	}
}
