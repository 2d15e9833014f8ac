package signing

import (
	"testing"
	"time"
)

func TestParseAllowedSigners(t *testing.T) {
	key := "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDq9vJ4QHcmkhaTiVSjrbDWDtkXfmvIq2O6fJzZ9n3s7"
	data := "# team\n" +
		"alice@example.com,*@ops.example.com namespaces=\"git,file\",valid-after=\"20200101\",valid-before=\"20300101Z\" " + key + " alice\n" +
		"\"bob@example.com,!mallory@example.com\" cert-authority " + key + "\n"
	ss, err := ParseAllowedSigners([]byte(data))
	if err != nil {
		t.Fatal(err)
	}
	if len(ss) != 2 || ss[0].Line != 2 || ss[1].Line != 3 {
		t.Fatalf("got %+v", ss)
	}
	a := ss[0]
	if !a.allowsNamespace("git") || a.allowsNamespace("other") || a.CertAuthority {
		t.Errorf("entry 1 options: %+v", a)
	}
	if !a.ValidBefore.Equal(time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)) || a.ValidAfter.Year() != 2020 {
		t.Errorf("validity: %v %v", a.ValidAfter, a.ValidBefore)
	}
	for name, want := range map[string]bool{"alice@example.com": true, "x@ops.example.com": true, "eve@example.com": false} {
		if matchPrincipal(a.Principals, name) != want {
			t.Errorf("principal %s: want %v", name, want)
		}
	}
	if !ss[1].CertAuthority || !matchPrincipal(ss[1].Principals, "bob@example.com") || matchPrincipal([]string{"*@example.com", "!mallory@example.com"}, "mallory@example.com") {
		t.Errorf("entry 2: %+v", ss[1])
	}
	for _, bad := range []string{"alice@example.com", "\"unterminated ssh-ed25519 AAAA", "a@b valid-after=\"2020\" " + key} {
		if _, err := ParseAllowedSigners([]byte(bad)); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}
