package signing

import "testing"

func TestDistinctSecrets(t *testing.T) {
	hits := []SecretHit{
		{Kind: ProviderSecret, Path: "test/a.ts", Identity: "tok", Fixture: true},
		{Kind: ProviderSecret, Path: "b.env", Identity: "other"},
		{Kind: SigningCredential, Path: "c.env", Subject: "APPLE_PASSWORD"},
		{Kind: ProviderSecret, Path: "src/c.ts", Identity: "tok"},
		{Kind: SigningCredential, Path: "d.env", Subject: "APPLE_PASSWORD"},
		{Kind: UpdaterKey, Path: "e.key", Identity: "tok"}, // another kind: another secret
		{Kind: ProviderSecret, Path: "src/d.ts", Identity: "tok"},
	}
	var got [][]string
	for _, g := range DistinctSecrets(hits) {
		var paths []string
		for _, h := range g {
			paths = append(paths, h.Path)
		}
		got = append(got, paths)
	}
	want := [][]string{{"src/c.ts", "test/a.ts", "src/d.ts"}, {"b.env"}, {"c.env"}, {"d.env"}, {"e.key"}}
	if len(got) != len(want) {
		t.Fatalf("groups = %v, want %v", got, want)
	}
	for i := range want {
		if len(got[i]) != len(want[i]) {
			t.Fatalf("groups = %v, want %v", got, want)
		}
		for j := range want[i] {
			if got[i][j] != want[i][j] {
				t.Fatalf("groups = %v, want %v", got, want)
			}
		}
	}
}
