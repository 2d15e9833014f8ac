package secretrules

import (
	"bytes"
	"encoding/base64"
	"hash/crc32"
	"strings"

	"github.com/tauriaudit/tauriaudit/internal/lazyre"
)

// candidate is a pattern match being judged.
type candidate struct {
	data       []byte // the whole file
	start, end int    // the whole match in data
	secret     string
}

// verdict is a validator's judgement: drop the match, or keep it at a
// level (lower than the rule's when the evidence is partial).
type verdict struct {
	keep   bool
	level  Level
	lower  bool   // use level instead of the rule's
	detail string // added to the message
	pair   [2]int // bytes of the other half of a pair, which no other rule reports
	id     string // the secret's identity when the match alone is not (a PEM header)
}

type validator func(c candidate) verdict

var validators = map[string]validator{
	"base62-crc32": base62Checksum,
	"aws-pair":     awsPair,
	"pem":          pemBody,
}

// base62 is the digits-upper-lower alphabet GitHub and npm encode their
// token checksums in.
const base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

// base62Checksum checks GitHub (ghp_, gho_, ghu_, ghs_, ghr_) and npm
// (npm_) tokens: after the prefix, 30 random characters then 6 base62
// digits of the CRC-32 of those 30
// (github.blog/2021-04-05-behind-githubs-new-authentication-token-formats).
func base62Checksum(c candidate) verdict {
	s := c.secret
	i := strings.IndexByte(s, '_')
	if i < 0 || len(s)-i-1 != 36 {
		return verdict{}
	}
	body, sum := s[i+1:i+31], s[i+31:]
	want := crc32.ChecksumIEEE([]byte(body))
	var got uint64
	for _, ch := range []byte(sum) {
		d := strings.IndexByte(base62, ch)
		if d < 0 {
			return verdict{}
		}
		got = got*62 + uint64(d)
	}
	return verdict{keep: got == uint64(want)}
}

// awsSecret is the 40-character secret access key that pairs with an id.
var awsSecret = lazyre.New(`(?:^|[^A-Za-z0-9/+])([A-Za-z0-9/+]{40})(?:$|[^A-Za-z0-9/+=])`)

// awsPair keeps an access key id; paired with a secret access key within
// a few lines it is a working credential (error), alone it identifies a
// key whose secret may be elsewhere (warning).
func awsPair(c candidate) verdict {
	from, to := max(c.start-600, 0), min(c.end+600, len(c.data))
	for _, m := range awsSecret.FindAllSubmatchIndex(c.data[from:to], -1) {
		s := c.data[from+m[2] : from+m[3]]
		if bytes.ContainsAny(s, "+/") || hasMixedClasses(s) {
			if entropy(string(s)) >= 4.0 && !isPlaceholderSecret(string(s)) {
				return verdict{keep: true, detail: "with its secret access key nearby", pair: [2]int{from + m[2], from + m[3]}}
			}
		}
	}
	return verdict{keep: true, lower: true, level: Warning, detail: "no secret access key next to it"}
}

func hasMixedClasses(s []byte) bool {
	var up, low, dig bool
	for _, b := range s {
		up = up || b >= 'A' && b <= 'Z'
		low = low || b >= 'a' && b <= 'z'
		dig = dig || b >= '0' && b <= '9'
	}
	return up && low && dig
}

// pemBody keeps a PEM private key header only when a body that decodes
// follows it, up to its END line: documentation quoting the header, and
// "-----BEGIN PRIVATE KEY-----\n...\n" placeholders, are not keys.
func pemBody(c candidate) verdict {
	rest := c.data[c.end:min(len(c.data), c.end+64<<10)]
	end := bytes.Index(rest, []byte("-----END"))
	if end < 0 {
		return verdict{}
	}
	// A key in a JSON or code string has its line breaks escaped.
	body := bytes.ReplaceAll(rest[:end], []byte(`\n`), []byte("\n"))
	var b64 []byte
	for _, line := range bytes.Split(body, []byte("\n")) {
		line = bytes.TrimSpace(line)
		if bytes.ContainsAny(line, `"'`) { // a quoted piece of a string concatenation
			line = bytes.Trim(line, `"'+, `)
		}
		// RFC 1421 and OpenPGP headers (Proc-Type, Version), the OpenPGP
		// armor checksum (=abcd).
		if len(line) == 0 || bytes.Contains(line, []byte(": ")) || line[0] == '=' {
			continue
		}
		b64 = append(b64, line...)
	}
	if len(b64) < 64 {
		return verdict{}
	}
	raw, err := base64.StdEncoding.DecodeString(string(b64))
	if err != nil || len(raw) < 48 {
		return verdict{}
	}
	return verdict{keep: true, id: string(b64)}
}

// notSecretNames end names whose values are not secrets: where a secret
// is kept, or what it is called.
var notSecretNames = []string{"_path", "_file", "_url", "_uri", "_name", "_id", "_type", "_env", "_dir", "_header",
	"_length", "_len", "_size", "_ttl", "_expiry", "_expires", "_endpoint", "_host", "_version"}

// genericAssignment keeps a credential-like assignment whose value mixes
// character classes (not a word or a path) and is not a placeholder.
func genericAssignment(c candidate) verdict {
	if c.start >= 2 && string(c.data[c.start-2:c.start]) == "${" {
		return verdict{} // ${NAME:-default}: a default for a variable set elsewhere
	}
	m := genericName.FindSubmatch(c.data[c.start:c.end])
	if m != nil {
		name := strings.ToLower(string(m[1]))
		for _, s := range notSecretNames {
			if strings.HasSuffix(name, s) {
				return verdict{}
			}
		}
	}
	s := []byte(c.secret)
	if !hasLetterAndDigit(s) {
		return verdict{}
	}
	return verdict{keep: !isPlaceholderSecret(c.secret)}
}

var genericName = lazyre.New(`^([A-Za-z0-9_.-]+)`)

func init() { validators["generic"] = genericAssignment }

func hasLetterAndDigit(s []byte) bool {
	var letter, digit bool
	for _, b := range s {
		letter = letter || b >= 'A' && b <= 'Z' || b >= 'a' && b <= 'z'
		digit = digit || b >= '0' && b <= '9'
	}
	return letter && digit
}
