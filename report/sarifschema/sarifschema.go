// Package sarifschema validates SARIF logs against the official OASIS
// SARIF 2.1.0 JSON schema, offline. Tests use it on every SARIF the tool
// writes; the schema file itself lives in ../shared/schemas (not vendored),
// so those tests skip in a clone without it.
package sarifschema

import (
	"bytes"
	"os"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// schemaID is the schema's own "id"; registering the document under it
// means no loader ever reaches for the network.
const schemaID = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

var (
	once     sync.Once
	compiled *jsonschema.Schema
	loadErr  error
)

// SharedPath is where the schema lives inside the workspace's shared
// folder (see internal/testenv).
const SharedPath = "schemas/sarif-schema-2.1.0.json"

// Validate checks one SARIF document against the schema at schemaPath.
func Validate(schemaPath string, sarif []byte) error {
	once.Do(func() { compiled, loadErr = compile(schemaPath) })
	if loadErr != nil {
		return loadErr
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(sarif))
	if err != nil {
		return err
	}
	return compiled.Validate(inst)
}

func compile(path string) (*jsonschema.Schema, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource(schemaID, doc); err != nil {
		return nil, err
	}
	return c.Compile(schemaID)
}
