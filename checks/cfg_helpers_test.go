package checks

import "testing"

func TestExposedBind(t *testing.T) {
	for cmd, want := range map[string]string{
		"vite":                                "",
		"vite --host":                         "--host",
		"vite --host && echo":                 "--host",
		"vite --host 127.0.0.1":               "",
		"vite --host=localhost --port 1420":   "",
		"vite --host 192.168.1.4":             "--host 192.168.1.4",
		"next dev -H 0.0.0.0":                 "-H 0.0.0.0",
		"vite --host :: --port 3000":          "--host ::",
		"HOST=0.0.0.0 react-scripts start":    "HOST=0.0.0.0",
		"vite --host $TAURI_DEV_HOST":         "",
		"trunk serve --address 127.0.0.1":     "",
		"npm run dev -- --hostname 10.0.0.2 ": "--hostname 10.0.0.2",
	} {
		if got := exposedBind(cmd); got != want {
			t.Errorf("exposedBind(%q) = %q, want %q", cmd, got, want)
		}
	}
}

func TestCamelKey(t *testing.T) {
	for in, want := range map[string]string{
		"dangerous-use-http-scheme":            "dangerousUseHttpScheme",
		"dangerousDisableAssetCspModification": "dangerousDisableAssetCspModification",
		"deep-link":                            "deepLink",
	} {
		if got := camelKey(in); got != want {
			t.Errorf("camelKey(%q) = %q, want %q", in, got, want)
		}
	}
}
