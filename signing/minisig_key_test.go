package signing

import (
	"crypto/rand"
	"encoding/base64"
	"strings"
	"testing"

	"aead.dev/minisign"
)

func TestParseMinisignKey(t *testing.T) {
	pub, priv, err := minisign.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	file, _ := pub.MarshalText()
	lines := strings.Split(strings.TrimSpace(string(file)), "\n")
	secret, _ := priv.MarshalText()
	for name, in := range map[string]string{
		".pub file":           string(file),
		"key line":            lines[len(lines)-1],
		"base64 of .pub file": base64.StdEncoding.EncodeToString(file),
		"CRLF .pub file":      strings.ReplaceAll(string(file), "\n", "\r\n"),
	} {
		got, err := ParseMinisignKey([]byte(in))
		if err != nil || !got.Equal(pub) {
			t.Errorf("%s: %v, %v", name, got, err)
		}
	}
	for name, in := range map[string]string{
		"empty":       "",
		"garbage":     "not a key",
		"secret key":  string(secret),
		"base64 junk": base64.StdEncoding.EncodeToString([]byte("hello\nworld")),
	} {
		if _, err := ParseMinisignKey([]byte(in)); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}
