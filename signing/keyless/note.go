package keyless

import (
	"bytes"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// checkpoint is a log's signed tree head in the signed-note format:
// "origin\nsize\nbase64(root)\n[other lines]\n" then a blank line and
// "— name base64(4-byte key hint || signature)" lines.
type checkpoint struct {
	text  []byte // what is signed, through the newline before the blank line
	size  int64
	root  []byte
	sigs  [][]byte // signatures whose key hint matched the key
	hints int      // signature lines seen
}

// parseCheckpoint reads a checkpoint and keeps the signatures whose key
// hint is that of keyDER (the log key's PKIX DER).
func parseCheckpoint(env string, keyDER []byte) (*checkpoint, error) {
	b := []byte(env)
	split := bytes.LastIndex(b, []byte("\n\n"))
	if split < 0 {
		return nil, errors.New("checkpoint has no signature block")
	}
	cp := &checkpoint{text: b[:split+1]}
	lines := strings.Split(string(cp.text), "\n")
	if len(lines) < 4 {
		return nil, errors.New("checkpoint lacks origin, size or root hash")
	}
	var err error
	if cp.size, err = strconv.ParseInt(lines[1], 10, 64); err != nil || cp.size < 0 {
		return nil, fmt.Errorf("checkpoint tree size %q is not a number", lines[1])
	}
	if cp.root, err = base64.StdEncoding.DecodeString(lines[2]); err != nil {
		return nil, errors.New("checkpoint root hash is not base64")
	}
	sum := sha256.Sum256(keyDER)
	for _, l := range strings.Split(strings.TrimSuffix(string(b[split+2:]), "\n"), "\n") {
		fields := strings.Fields(strings.TrimPrefix(l, "\u2014 "))
		if !strings.HasPrefix(l, "\u2014 ") || len(fields) != 2 {
			return nil, fmt.Errorf("checkpoint signature line %q is malformed", clip(l))
		}
		raw, err := base64.StdEncoding.DecodeString(fields[1])
		if err != nil || len(raw) < 5 {
			return nil, errors.New("checkpoint signature is not base64 or too short")
		}
		cp.hints++
		if bytes.Equal(raw[:4], sum[:4]) {
			cp.sigs = append(cp.sigs, raw[4:])
		}
	}
	return cp, nil
}

// verifyCheckpoint checks that the log key signed a checkpoint for this
// tree size and root hash.
func verifyCheckpoint(env string, log LogKey, size int64, root []byte) error {
	der, err := x509.MarshalPKIXPublicKey(log.Key)
	if err != nil {
		return err
	}
	cp, err := parseCheckpoint(env, der)
	if err != nil {
		return err
	}
	if cp.size != size || !bytes.Equal(cp.root, root) {
		return fmt.Errorf("checkpoint is for a tree of %d entries with another root than the inclusion proof's (%d entries)", cp.size, size)
	}
	for _, s := range cp.sigs {
		if verifySig(log.Key, cp.text, s) == nil {
			return nil
		}
	}
	return errors.New("checkpoint is not signed by the log key of the trusted root")
}

// clip shortens hostile input quoted in messages.
func clip(s string) string {
	if len(s) > 60 {
		return s[:60] + "…"
	}
	return s
}
