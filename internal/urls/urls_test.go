package urls

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
		if got := IsRemoteHTTP(c.url); got != c.remote {
			t.Errorf("IsRemoteHTTP(%q) = %v, want %v", c.url, got, c.remote)
		}
		if got := IsPlaintextRemote(c.url); got != c.plaintext {
			t.Errorf("IsPlaintextRemote(%q) = %v, want %v", c.url, got, c.plaintext)
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
		if got := IsLoopbackHost(c.host); got != c.loopback {
			t.Errorf("IsLoopbackHost(%q) = %v, want %v", c.host, got, c.loopback)
		}
		if got := IsInternalHost(c.host); got != c.internal {
			t.Errorf("IsInternalHost(%q) = %v, want %v", c.host, got, c.internal)
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
		if got := SameOrigin(ParseAbsURL(c.a), ParseAbsURL(c.b)); got != c.want {
			t.Errorf("SameOrigin(%q, %q) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}
