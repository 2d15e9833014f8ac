package checks

import (
	"testing"

	"github.com/tauriaudit/tauriaudit/rules"
	"github.com/tauriaudit/tauriaudit/rules/rulestest"
)

func TestRegistryValid(t *testing.T) {
	if err := rules.Validate(All()); err != nil {
		t.Fatal(err)
	}
}

func TestFixtures(t *testing.T) {
	rulestest.Run(t, "../testdata/checks/*.txtar", All())
}
