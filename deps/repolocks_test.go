package deps

import "testing"

func TestIsVendored(t *testing.T) {
	for rel, want := range map[string]bool{
		"xtask/Cargo.lock":                     false,
		"tools/scripts/package-lock.json":      false,
		"vendor/x/Cargo.lock":                  true,
		"crates/p/testdata/Cargo.lock":         true,
		"a/third_party/b/yarn.lock":            true,
		"web/__fixtures__/pnpm-lock.yaml":      true,
		"Cargo.lock":                           false,
		"vendors/Cargo.lock":                   false,
		"packages/fixtures-app/Cargo.lock":     false,
		"src/node_modules/x/package-lock.json": true,
	} {
		if got := IsVendored(rel); got != want {
			t.Errorf("IsVendored(%q) = %v, want %v", rel, got, want)
		}
	}
}
