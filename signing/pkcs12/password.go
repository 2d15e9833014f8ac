package pkcs12

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/des"
	"crypto/hmac"
	"crypto/pbkdf2"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	encasn1 "encoding/asn1"
	"errors"
	"hash"
	"unicode/utf16"

	"golang.org/x/crypto/cryptobyte"
	"golang.org/x/crypto/cryptobyte/asn1"
)

// MaxIterations bounds every key derivation: tools write 1 to 10,000
// (OpenSSL 2048, Windows 2000); a file asking for more is not tried, so
// a hostile one costs at most this many hash rounds per password.
const MaxIterations = 100_000

var (
	oidSHA1   = encasn1.ObjectIdentifier{1, 3, 14, 3, 2, 26}
	oidSHA256 = encasn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 2, 1}
	oidSHA384 = encasn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 2, 2}
	oidSHA512 = encasn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 2, 3}

	oidPBES2          = encasn1.ObjectIdentifier{1, 2, 840, 113549, 1, 5, 13}
	oidPBKDF2         = encasn1.ObjectIdentifier{1, 2, 840, 113549, 1, 5, 12}
	oidHMACSHA1       = encasn1.ObjectIdentifier{1, 2, 840, 113549, 2, 7}
	oidHMACSHA256     = encasn1.ObjectIdentifier{1, 2, 840, 113549, 2, 9}
	oidHMACSHA512     = encasn1.ObjectIdentifier{1, 2, 840, 113549, 2, 11}
	oidAES128CBC      = encasn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 1, 2}
	oidAES192CBC      = encasn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 1, 22}
	oidAES256CBC      = encasn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 1, 42}
	oidPBEWithSHA3DES = encasn1.ObjectIdentifier{1, 2, 840, 113549, 1, 12, 1, 3}
)

func hashFor(oid encasn1.ObjectIdentifier) (func() hash.Hash, int) {
	switch {
	case oid.Equal(oidSHA1):
		return sha1.New, 64
	case oid.Equal(oidSHA256):
		return sha256.New, 64
	case oid.Equal(oidSHA384):
		return sha512.New384, 128
	case oid.Equal(oidSHA512):
		return sha512.New, 128
	}
	return nil, 0
}

// Opens reports whether password opens the file: its integrity MAC
// verifies. ok is false when the file has no password MAC, uses an
// algorithm not read here, or asks for more than MaxIterations.
func (f *File) Opens(password string) (opens, ok bool) {
	if f.mac == nil || f.mac.iterations > MaxIterations {
		return false, false
	}
	h, v := hashFor(f.mac.hash)
	if h == nil {
		return false, false
	}
	for _, p := range bmpCandidates(password) {
		key := kdf(h, v, p, f.mac.salt, f.mac.iterations, 3, h().Size())
		m := hmac.New(h, key)
		m.Write(f.authSafe)
		if hmac.Equal(m.Sum(nil), f.mac.digest) {
			return true, true
		}
	}
	return false, true
}

// bmpCandidates are the encodings of a password the KDF may have used:
// UTF-16BE with a two-byte terminator (RFC 7292), and for the empty
// password also no bytes at all (some tools write that).
func bmpCandidates(pw string) [][]byte {
	u := utf16.Encode([]rune(pw))
	b := make([]byte, 0, 2*len(u)+2)
	for _, c := range u {
		b = append(b, byte(c>>8), byte(c))
	}
	b = append(b, 0, 0)
	if pw == "" {
		return [][]byte{b, nil}
	}
	return [][]byte{b}
}

// kdf is RFC 7292 appendix B.2: n bytes of key material for purpose id
// (1 key, 2 IV, 3 MAC) from a BMP password and salt.
func kdf(h func() hash.Hash, v int, password, salt []byte, iterations int, id byte, n int) []byte {
	fill := func(b []byte) []byte {
		if len(b) == 0 {
			return nil
		}
		out := make([]byte, v*((len(b)+v-1)/v))
		for i := range out {
			out[i] = b[i%len(b)]
		}
		return out
	}
	d := make([]byte, v)
	for i := range d {
		d[i] = id
	}
	in := append(fill(salt), fill(password)...)
	var out []byte
	for len(out) < n {
		hh := h()
		hh.Write(d)
		hh.Write(in)
		a := hh.Sum(nil)
		for range iterations - 1 {
			hh.Reset()
			hh.Write(a)
			a = hh.Sum(a[:0])
		}
		out = append(out, a...)
		if len(out) >= n {
			break
		}
		b := fill(a)[:v]
		for j := 0; j < len(in); j += v {
			carry := 1
			for k := v - 1; k >= 0; k-- {
				s := int(in[j+k]) + int(b[k]) + carry
				in[j+k], carry = byte(s), s>>8
			}
		}
	}
	return out[:n]
}

// HasPrivateKey reports whether the file holds a private key bag. known
// is false when a part stays encrypted: no password given, a wrong one,
// or an algorithm not read here (RC2, the old OpenSSL default for
// certificates).
func (f *File) HasPrivateKey(password *string) (has, known bool) {
	known = true
	decrypted := 0
	for _, p := range f.parts {
		plain := p.plain
		if plain == nil {
			var err error
			if password == nil || p.cipher == nil || decrypted == maxDecrypt {
				known = false
				continue
			}
			decrypted++
			if plain, err = decrypt(p, *password); err != nil {
				known = false
				continue
			}
		}
		found, err := keyBagsIn(plain, 0)
		if found {
			return true, true
		}
		if err != nil {
			known = false
		}
	}
	return false, known
}

// maxDecrypt bounds the encrypted parts opened per file (tools write
// one or two), so a file of many costly parts costs a few.
const maxDecrypt = 4

var errUnsupported = errors.New("unsupported encryption")

// decrypt opens an encrypted part: PBES2 (PBKDF2 + AES-CBC, OpenSSL 3's
// default) or PKCS#12's SHA-1 + 3DES.
func decrypt(p part, password string) ([]byte, error) {
	params := cryptobyte.String(p.algParams)
	var key, iv []byte
	var block cipher.Block
	var err error
	switch {
	case p.alg.Equal(oidPBES2):
		key, iv, block, err = pbes2(params, password)
	case p.alg.Equal(oidPBEWithSHA3DES):
		var seq cryptobyte.String
		var salt []byte
		var iter int
		if !params.ReadASN1(&seq, asn1.SEQUENCE) || !seq.ReadASN1Bytes(&salt, asn1.OCTET_STRING) || !seq.ReadASN1Integer(&iter) ||
			iter < 1 || iter > MaxIterations {
			return nil, errUnsupported
		}
		pw := bmpCandidates(password)[0]
		key = kdf(sha1.New, 64, pw, salt, iter, 1, 24)
		iv = kdf(sha1.New, 64, pw, salt, iter, 2, 8)
		block, err = des.NewTripleDESCipher(key)
	default:
		return nil, errUnsupported
	}
	if err != nil {
		return nil, err
	}
	bs := block.BlockSize()
	if len(p.cipher) == 0 || len(p.cipher)%bs != 0 || len(iv) != bs {
		return nil, errors.New("bad ciphertext length")
	}
	out := make([]byte, len(p.cipher))
	cipher.NewCBCDecrypter(block, iv).CryptBlocks(out, p.cipher)
	pad := int(out[len(out)-1])
	if pad == 0 || pad > bs {
		return nil, errors.New("bad padding")
	}
	return out[:len(out)-pad], nil
}

// pbes2 reads PBES2 parameters and derives the AES key (RFC 8018).
func pbes2(params cryptobyte.String, password string) (key, iv []byte, block cipher.Block, err error) {
	var seq, kdfAlg, kdfParams, enc cryptobyte.String
	var kdfOID, encOID encasn1.ObjectIdentifier
	var salt []byte
	var iter int
	if !params.ReadASN1(&seq, asn1.SEQUENCE) || !seq.ReadASN1(&kdfAlg, asn1.SEQUENCE) || !kdfAlg.ReadASN1ObjectIdentifier(&kdfOID) ||
		!kdfOID.Equal(oidPBKDF2) || !kdfAlg.ReadASN1(&kdfParams, asn1.SEQUENCE) || !kdfParams.ReadASN1Bytes(&salt, asn1.OCTET_STRING) ||
		!kdfParams.ReadASN1Integer(&iter) || iter < 1 || iter > MaxIterations {
		return nil, nil, nil, errUnsupported
	}
	if kdfParams.PeekASN1Tag(asn1.INTEGER) {
		var keyLen int
		if !kdfParams.ReadASN1Integer(&keyLen) {
			return nil, nil, nil, errUnsupported
		}
	}
	prf := sha1.New
	if !kdfParams.Empty() {
		var prfAlg cryptobyte.String
		var prfOID encasn1.ObjectIdentifier
		if !kdfParams.ReadASN1(&prfAlg, asn1.SEQUENCE) || !prfAlg.ReadASN1ObjectIdentifier(&prfOID) {
			return nil, nil, nil, errUnsupported
		}
		switch {
		case prfOID.Equal(oidHMACSHA256):
			prf = sha256.New
		case prfOID.Equal(oidHMACSHA512):
			prf = sha512.New
		case !prfOID.Equal(oidHMACSHA1):
			return nil, nil, nil, errUnsupported
		}
	}
	if !seq.ReadASN1(&enc, asn1.SEQUENCE) || !enc.ReadASN1ObjectIdentifier(&encOID) || !enc.ReadASN1Bytes(&iv, asn1.OCTET_STRING) {
		return nil, nil, nil, errUnsupported
	}
	n := 0
	switch {
	case encOID.Equal(oidAES128CBC):
		n = 16
	case encOID.Equal(oidAES192CBC):
		n = 24
	case encOID.Equal(oidAES256CBC):
		n = 32
	default:
		return nil, nil, nil, errUnsupported
	}
	if key, err = pbkdf2.Key(prf, password, salt, iter, n); err != nil {
		return nil, nil, nil, err
	}
	block, err = aes.NewCipher(key)
	return key, iv, block, err
}
