package signing

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/ProtonMail/go-crypto/openpgp"
	"github.com/ProtonMail/go-crypto/openpgp/packet"
)

// VerifyCache remembers which signed objects verified good under one set
// of trust material, so a re-audit of a long history costs a hash per
// commit instead of a signature verification (~50 µs each).
//
// Only good verdicts are kept: anything else is checked again and
// reported with its details. An entry is the SHA-256 of the whole object
// (signature included, so neither the id nor the content can be swapped
// under it) and a time after which it lapses (an OpenPGP key or
// signature expiry; SSH and X.509 are judged at commit time and never
// lapse). The trust material's hash names the file, so a changed keyring
// or allowed_signers file starts a new cache.
type VerifyCache struct {
	path  string
	trust [32]byte
	known map[[32]byte]int64 // read at open; never written after

	mu    sync.Mutex
	fresh map[[32]byte]int64
}

// cacheMagic starts a cache file; the last byte is the format version.
// Bump it when verification rules change what "good" means.
var cacheMagic = []byte("tauriaudit verify cache\x01")

const (
	cacheRecord     = 32 + 8
	maxCacheEntries = 1 << 21 // ~80 MB; a larger file is started over
)

// OpenVerifyCache opens (or starts) the cache for t in dir. It returns
// nil, nil when t cannot be fingerprinted (trust built in code, or a
// fixed clock), since its verdicts may then not be repeatable.
func OpenVerifyCache(dir string, t *Trust) (*VerifyCache, error) {
	fp, ok := t.fingerprint()
	if !ok {
		return nil, nil
	}
	c := &VerifyCache{
		path:  filepath.Join(dir, "verify-"+hex.EncodeToString(fp[:8])+".bin"),
		trust: fp,
		known: map[[32]byte]int64{},
		fresh: map[[32]byte]int64{},
	}
	err := c.load()
	if errors.Is(err, os.ErrNotExist) {
		err = nil
	}
	return c, err
}

func (c *VerifyCache) load() error {
	f, err := os.Open(c.path)
	if err != nil {
		return err
	}
	defer f.Close()
	r := bufio.NewReaderSize(f, 64<<10)
	head := make([]byte, len(cacheMagic)+32)
	if _, err := io.ReadFull(r, head); err != nil ||
		!bytes.Equal(head[:len(cacheMagic)], cacheMagic) || !bytes.Equal(head[len(cacheMagic):], c.trust[:]) {
		return nil // foreign or older format: start over
	}
	var rec [cacheRecord]byte
	for len(c.known) < maxCacheEntries {
		if _, err := io.ReadFull(r, rec[:]); err != nil {
			break // a torn last record is dropped
		}
		c.known[[32]byte(rec[:32])] = int64(binary.BigEndian.Uint64(rec[32:]))
	}
	return nil
}

// objectKey is the cache key of a signed object's bytes.
func objectKey(raw []byte) [32]byte { return sha256.Sum256(raw) }

// good reports whether key verified good before and has not lapsed.
func (c *VerifyCache) good(key [32]byte, now time.Time) bool {
	until, ok := c.known[key]
	return ok && (until == 0 || now.Unix() < until)
}

// remember records a good verdict that holds until the given time (zero:
// for good).
func (c *VerifyCache) remember(key [32]byte, until time.Time) {
	if !until.IsZero() && !until.After(time.Now()) {
		return
	}
	var u int64
	if !until.IsZero() {
		u = until.Unix()
	}
	c.mu.Lock()
	c.fresh[key] = u
	c.mu.Unlock()
}

// Save writes the cache back when this run learnt something, atomically,
// dropping lapsed entries. Runs sharing the directory may save at the same
// time: each writes its own temporary file and renames it into place, so
// the file is always one whole save, and each merges what the file holds
// at that moment, so another run's recent entries are rarely lost (and
// then only cost a verification).
func (c *VerifyCache) Save() error {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.fresh) == 0 {
		return nil
	}
	if err := os.MkdirAll(filepath.Dir(c.path), 0o700); err != nil {
		return err
	}
	disk := &VerifyCache{path: c.path, trust: c.trust, known: map[[32]byte]int64{}}
	disk.load() // what other runs saved since this one opened it
	tmp, err := os.CreateTemp(filepath.Dir(c.path), ".verify-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	w := bufio.NewWriterSize(tmp, 64<<10)
	w.Write(cacheMagic)
	w.Write(c.trust[:])
	now := time.Now().Unix()
	n := 0
	write := func(m map[[32]byte]int64, skip ...map[[32]byte]int64) {
		var rec [cacheRecord]byte
		for k, u := range m {
			if n >= maxCacheEntries {
				return
			}
			if (u != 0 && u <= now) || inAny(k, skip) {
				continue
			}
			copy(rec[:32], k[:])
			binary.BigEndian.PutUint64(rec[32:], uint64(u))
			w.Write(rec[:])
			n++
		}
	}
	write(c.fresh)
	write(c.known, c.fresh)
	write(disk.known, c.fresh, c.known)
	if err := w.Flush(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), c.path); err != nil {
		return fmt.Errorf("verify cache: %w", err)
	}
	return nil
}

func inAny(k [32]byte, ms []map[[32]byte]int64) bool {
	for _, m := range ms {
		if _, ok := m[k]; ok {
			return true
		}
	}
	return false
}

// Learnt is how many new good verdicts this run added.
func (c *VerifyCache) Learnt() int {
	if c == nil {
		return 0
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.fresh)
}

// doNotCache marks a good verdict that must be checked afresh each time.
var doNotCache = time.Unix(1, 0)

// pgpGoodUntil is when a good OpenPGP verdict lapses: the earliest expiry
// of the signature, the primary key and the signing subkey. Keys with
// any revocation are never cached, since a revocation may take effect
// later than it was made.
func pgpGoodUntil(s *packet.Signature, e *openpgp.Entity) time.Time {
	if s == nil || e == nil || len(e.Revocations) > 0 {
		return doNotCache
	}
	var until time.Time
	earliest := func(start time.Time, secs *uint32) {
		if secs == nil || *secs == 0 {
			return
		}
		t := start.Add(time.Duration(*secs) * time.Second)
		if until.IsZero() || t.Before(until) {
			until = t
		}
	}
	earliest(s.CreationTime, s.SigLifetimeSecs)
	if self, _ := e.PrimarySelfSignature(); self != nil {
		earliest(e.PrimaryKey.CreationTime, self.KeyLifetimeSecs)
	}
	for _, sk := range e.Subkeys {
		if s.IssuerKeyId == nil || sk.PublicKey.KeyId != *s.IssuerKeyId {
			continue
		}
		if len(sk.Revocations) > 0 || sk.Sig == nil {
			return doNotCache
		}
		earliest(sk.PublicKey.CreationTime, sk.Sig.KeyLifetimeSecs)
	}
	return until
}
