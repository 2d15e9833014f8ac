package keyless

import (
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// A LogError says which check of a transparency-log entry failed.
type LogError struct {
	LogIndex int64
	Err      error
}

func (e *LogError) Error() string {
	return fmt.Sprintf("transparency-log entry %d: %v", e.LogIndex, e.Err)
}
func (e *LogError) Unwrap() error { return e.Err }

// VerifyEntry checks one Rekor entry offline against the log keys of r:
// the signed entry timestamp, and the inclusion proof with its signed
// checkpoint when the entry has one.
func (r *TrustedRoot) VerifyEntry(e Entry) error {
	if err := r.verifyEntry(e); err != nil {
		return &LogError{e.LogIndex, err}
	}
	return nil
}

func (r *TrustedRoot) verifyEntry(e Entry) error {
	id := hex.EncodeToString(e.LogID)
	log, ok := r.Logs[id]
	if !ok {
		return fmt.Errorf("log %s is not in the trusted root", clip(id))
	}
	at := time.Unix(e.IntegratedTime, 0)
	if !log.Valid.Contains(at) {
		return fmt.Errorf("the log key was not valid at the integrated time %s", at.UTC().Format(time.RFC3339))
	}
	if len(e.SET) == 0 {
		return errors.New("no signed entry timestamp: the signing time is not attested")
	}
	if err := verifySig(log.Key, setPayload(e, id), e.SET); err != nil {
		return errors.New("signed entry timestamp is not the log's signature over this entry")
	}
	if e.Proof == nil {
		return nil
	}
	p := e.Proof
	if err := verifyInclusion(p.LogIndex, p.TreeSize, leafHash(e.Body), p.Hashes, p.RootHash); err != nil {
		return err
	}
	if p.Checkpoint == "" {
		return errors.New("inclusion proof has no checkpoint")
	}
	return verifyCheckpoint(p.Checkpoint, log, p.TreeSize, p.RootHash)
}

// setPayload is what Rekor signs in a SET: the RFC 8785 canonical JSON of
// body (base64), integratedTime, logID (hex) and logIndex. With these
// value types canonical form is keys in order and no spaces.
func setPayload(e Entry, hexID string) []byte {
	body, _ := json.Marshal(base64.StdEncoding.EncodeToString(e.Body))
	logID, _ := json.Marshal(hexID)
	return fmt.Appendf(nil, `{"body":%s,"integratedTime":%d,"logID":%s,"logIndex":%d}`, body, e.IntegratedTime, logID, e.LogIndex)
}
