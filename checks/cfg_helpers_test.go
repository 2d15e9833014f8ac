package checks

import "testing"

func TestURLClasses(t *testing.T) {
	for _, c := range []struct {
		url               string
		remote, plaintext bool
	}{
		{"https://app.example.com", true, false},
		{"http://app.example.com", true, true},
		{"http://192.168.1.5:8080", true, true},
		{"http://localhost:1420", true, false},
		{"http://127.0.0.5", true, false},
		{"http://[::1]:3000", true, false},
		{"http://dev.localhost", true, false},
		{"http://tauri.localhost", false, false},
		{"https://ipc.localhost/cmd", false, false},
		{"http://asset.localhost/x", false, false},
		{"tauri://localhost", false, false},
		{"myproto://localhost/index.html", false, false},
		{"ws://example.com/socket", false, true},
		{"index.html", false, false},
		{"/ui/settings", false, false},
		{"../dist", false, false},
		{`C:\dist`, false, false},
	} {
		if got := isRemoteHTTP(c.url); got != c.remote {
			t.Errorf("isRemoteHTTP(%q) = %v, want %v", c.url, got, c.remote)
		}
		if got := isPlaintextRemote(c.url); got != c.plaintext {
			t.Errorf("isPlaintextRemote(%q) = %v, want %v", c.url, got, c.plaintext)
		}
	}
}

func TestHostClasses(t *testing.T) {
	for _, c := range []struct {
		host               string
		loopback, internal bool
	}{
		{"localhost", true, true},
		{"LOCALHOST.", true, true},
		{"app.localhost", true, true},
		{"127.0.0.1", true, true},
		{"[::1]", true, true},
		{"0.0.0.0", true, true},
		{"10.1.2.3", false, true},
		{"172.16.0.1", false, true},
		{"169.254.169.254", false, true},
		{"printer.local", false, true},
		{"db.internal", false, true},
		{"example.com", false, false},
		{"8.8.8.8", false, false},
	} {
		if got := isLoopbackHost(c.host); got != c.loopback {
			t.Errorf("isLoopbackHost(%q) = %v, want %v", c.host, got, c.loopback)
		}
		if got := isInternalHost(c.host); got != c.internal {
			t.Errorf("isInternalHost(%q) = %v, want %v", c.host, got, c.internal)
		}
	}
}

func TestSameOrigin(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"https://a.example.com/x", "https://a.example.com:443/y", true},
		{"https://a.example.com", "http://a.example.com", false},
		{"https://a.example.com", "https://a.example.com:8443", false},
		{"https://A.example.com", "https://a.example.com", true},
	} {
		if got := sameOrigin(parseAbsURL(c.a), parseAbsURL(c.b)); got != c.want {
			t.Errorf("sameOrigin(%q, %q) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}

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
