package release

import (
	"bytes"
	"fmt"
	"io"
	"os"

	"aead.dev/minisign"
)

// LoadSecretKey reads a minisign secret key file, encrypted (minisign -G)
// or not (minisign -G -W); password is ignored for an unencrypted key.
func LoadSecretKey(path, password string) (minisign.PrivateKey, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return minisign.PrivateKey{}, err
	}
	if minisign.IsEncrypted(data) {
		return minisign.DecryptKey(password, data)
	}
	var k minisign.PrivateKey
	if err := k.UnmarshalText(bytes.TrimSpace(data)); err != nil {
		return k, err
	}
	return k, nil
}

// Sign makes a prehashed minisign signature of data, as `minisign -S`
// does; trusted names what is signed and is covered by the signature.
func Sign(key minisign.PrivateKey, data []byte, trusted string) []byte {
	r := minisign.NewReader(bytes.NewReader(data))
	_, _ = io.Copy(io.Discard, r) // a bytes.Reader cannot fail
	return r.SignWithComments(key, trusted, fmt.Sprintf("signature from tauriaudit release key %016X", key.ID()))
}
