package signing

import (
	"bytes"
	"encoding/base64"
	"path"
	"strings"

	"github.com/tauriaudit/tauriaudit/internal/lazyre"
	"github.com/tauriaudit/tauriaudit/signing/secretrules"
)

// SecretKind says which rule a piece of key material belongs to.
type SecretKind uint8

// The kinds.
const (
	UpdaterKey        SecretKind = iota + 1 // TA-GIT-004: Tauri/minisign updater secret key
	SigningCredential                       // TA-GIT-005: certificates, keystores, signing passwords
	ProviderSecret                          // TA-GIT-007: cloud and API credentials, private keys
)

// String names the kind for listings.
func (k SecretKind) String() string {
	switch k {
	case UpdaterKey:
		return "updater-key"
	case SigningCredential:
		return "signing-credential"
	case ProviderSecret:
		return "provider-secret"
	}
	return "unknown"
}

// SecretHit is key material found in a file or a history blob.
type SecretHit struct {
	Kind    SecretKind
	Path    string // repository- or scan-relative slash path
	Line    int    // 1-based; 0 for a whole file (a .p12 found by name)
	Col     int    // 1-based byte column of the match
	EndCol  int
	Offset  int // byte offsets of the match in the file
	End     int
	What    string // what was found, for the message
	Subject string // stable identity: the variable or marker
	Commit  Hash   // zero for the working tree
	Blob    Hash
	// Fixture is true under test/fixture folders, where rules.md lowers
	// the level.
	Fixture bool
	// Identity is the secret itself (a decoded key line, a token): the
	// same leak wherever and however often it was committed.
	Identity string
	// Decoded is set for an updater key recognised by its structure.
	Decoded bool
	// Provider secrets: the detector, whose credential, how sure.
	Rule, Provider, Detail string
	Shown                  string // the secret, redacted, for the message
	Level                  secretrules.Level
	Custom                 bool // a rule of the repository's .gitleaks.toml
	// Related are other places that make the finding: the committed
	// password that opens a PKCS#12.
	Related []Sighting
}

// The markers of minisign/rsign secret keys: the comment line as text and
// as Tauri stores it (base64 of the whole key file).
var (
	secretComments = []string{"untrusted comment: rsign encrypted secret key", "untrusted comment: minisign encrypted secret key"}
	secretMarkers  = func() [][]byte {
		var out [][]byte
		for _, c := range secretComments {
			out = append(out, []byte(c), []byte(base64.StdEncoding.EncodeToString([]byte(c))))
		}
		return out
	}()
)

// credentialExts are files that are signing credentials by their name.
var credentialExts = map[string]string{
	".p12":      "PKCS#12 certificate and private key",
	".pfx":      "PKCS#12 certificate and private key",
	".p8":       "App Store Connect API private key",
	".jks":      "Java/Android keystore",
	".keystore": "Java/Android keystore",
	".snk":      "strong-name signing key",
}

// CredentialFile says whether a file is a signing credential by its name.
func CredentialFile(p string) (string, bool) {
	what, ok := credentialExts[strings.ToLower(path.Ext(p))]
	return what, ok
}

// textExts are the files whose content is searched for key material.
var textExts = map[string]bool{
	".env": true, ".json": true, ".json5": true, ".toml": true, ".yml": true, ".yaml": true,
	".properties": true, ".sh": true, ".bash": true, ".zsh": true, ".ps1": true, ".bat": true,
	".cmd": true, ".txt": true, ".key": true, ".conf": true, ".cfg": true, ".ini": true,
	".xcconfig": true, ".secret": true, ".secrets": true, ".pem": true,
}

// TextCandidate says whether a file's content should be searched: config,
// env, script and key files, not source code or assets.
func TextCandidate(p string) bool {
	base := strings.ToLower(path.Base(p))
	if strings.HasPrefix(base, ".env") || base == "dockerfile" || base == "makefile" || base == ".npmrc" {
		return true
	}
	return textExts[path.Ext(base)]
}

// IsFixturePath reports paths under test or fixture folders.
func IsFixturePath(p string) bool {
	for _, seg := range strings.Split(strings.ToLower(p), "/") {
		switch seg {
		case "test", "tests", "testdata", "fixture", "fixtures", "__tests__", "spec", "examples":
			return true
		}
	}
	return false
}

// assignment matches NAME = value, NAME: value, "NAME": "value" and
// export NAME=value, capturing the name and the rest of the line.
var assignment = lazyre.New(`(?:^|[\s"'{,;(])([A-Z][A-Z0-9_]{2,})["']?\s*[:=]\s*(.*)$`)

// updaterKeyVars hold the updater key itself.
var updaterKeyVars = map[string]bool{"TAURI_SIGNING_PRIVATE_KEY": true, "TAURI_PRIVATE_KEY": true}

// secretVar matches variables that carry signing secrets (TA-GIT-005).
var secretVar = lazyre.New(`^(?:APPLE_PASSWORD|APPLE_CERTIFICATE|APPLE_API_KEY|AZURE_CLIENT_SECRET|` +
	`(?:APPLE|WINDOWS|AZURE|TAURI|ANDROID|KEYSTORE|SIGNING|CODESIGN|CODE_SIGNING|SM|SIGNTOOL)_[A-Z0-9_]*(?:PASSWORD|SECRET|PIN|PASSPHRASE|CERTIFICATE))$`)

// secretVarPrefixes are the prefixes every name secretVar or
// updaterKeyVars accepts contains; a line without any of them cannot
// assign a secret, so the (backtracking) assignment regexp is skipped.
// Lockfiles are mostly such lines.
var secretVarPrefixes = [][]byte{[]byte("APPLE_"), []byte("WINDOWS_"), []byte("AZURE_"), []byte("TAURI_"),
	[]byte("ANDROID_"), []byte("KEYSTORE_"), []byte("SIGNING_"), []byte("CODESIGN_"), []byte("SM_"), []byte("SIGNTOOL_")}

// presentIn returns the needles that occur in data: a file is searched
// once per needle, and its lines only for the needles it holds. Most
// files (lockfiles above all) hold none and are not split into lines.
func presentIn(data []byte, needles [][]byte) [][]byte {
	var out [][]byte
	for _, n := range needles {
		if bytes.Contains(data, n) {
			out = append(out, n)
		}
	}
	return out
}

// presentVarPrefixes is presentIn(data, secretVarPrefixes) in one pass:
// every prefix ends in '_', so only the bytes before each '_' are compared.
func presentVarPrefixes(data []byte) [][]byte {
	var found uint32 // bit k: secretVarPrefixes[k]
	for from := 0; ; {
		i := bytes.IndexByte(data[from:], '_')
		if i < 0 {
			break
		}
		end := from + i + 1
		from = end
		if end < 2 || data[end-2] < 'A' || data[end-2] > 'Z' {
			continue // every prefix has a capital letter before its '_'
		}
		for k, p := range secretVarPrefixes {
			if bytes.HasSuffix(data[:end], p) {
				found |= 1 << k
			}
		}
	}
	var out [][]byte
	for k, p := range secretVarPrefixes {
		if found&(1<<k) != 0 {
			out = append(out, p)
		}
	}
	return out
}

// namesSecretVariable reports whether l holds a whole identifier that
// SecretVariable classifies as secret. The assignment pattern can only
// report such an identifier (its name is a whole [A-Z0-9_] run), so
// lines without one skip the regular expression, which is slow on the
// long lines of real repositories (TAURI_ENV_* and friends are common).
func namesSecretVariable(l []byte, prefixes [][]byte) bool {
	for _, p := range prefixes {
		for from := 0; ; {
			i := bytes.Index(l[from:], p)
			if i < 0 {
				break
			}
			i += from
			start, end := i, i+len(p)
			for start > 0 && isIdentByte(l[start-1]) {
				start--
			}
			for end < len(l) && isIdentByte(l[end]) {
				end++
			}
			if SecretVariable(string(l[start:end])) != 0 {
				return true
			}
			from = end
		}
	}
	return false
}

func isIdentByte(c byte) bool { return c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' }

// notSecretVars are identifiers, not secrets (rules.md TA-GIT-006 traps).
var notSecretVars = map[string]bool{"APPLE_SIGNING_IDENTITY": true, "APPLE_TEAM_ID": true, "APPLE_ID": true, "APPLE_PROVIDER_SHORT_NAME": true}

// SecretVariable classifies an environment variable name: UpdaterKey,
// SigningCredential, or 0 for anything else.
func SecretVariable(name string) SecretKind {
	switch {
	case updaterKeyVars[name]:
		return UpdaterKey
	case notSecretVars[name] || strings.HasSuffix(name, "_THUMBPRINT") || strings.HasSuffix(name, "_PATH"):
		return 0
	case secretVar.MatchString(name):
		return SigningCredential
	}
	return 0
}

// ScanText finds key material in a text file: updater secret keys (as
// text or base64) and literal assignments of signing secrets.
func ScanText(p string, data []byte) []SecretHit {
	ls := lineScan{isProps: strings.HasSuffix(strings.ToLower(p), "key.properties"), prefixes: presentVarPrefixes(data)}
	var boxes []keyBox
	if commentMarked(data) { // rare: most files skip both searches
		boxes, ls.markers = secretKeyBoxes(data), presentIn(data, secretMarkers)
	}
	if !ls.isProps && ls.markers == nil && ls.prefixes == nil && boxes == nil {
		return nil
	}
	var out []SecretHit
	fixture := IsFixturePath(p)
	for _, b := range boxes {
		line, col, endCol := position(data, b.start, b.end)
		out = append(out, SecretHit{Kind: UpdaterKey, Path: p, Line: line, Col: col, EndCol: endCol, Offset: b.start,
			End: b.end, Subject: "secret-key", What: "a minisign/Tauri updater secret key", Fixture: fixture,
			Identity: b.id, Decoded: true})
	}
	line, off := 0, 0
	for rest := data; len(rest) > 0; {
		line++
		nl := bytes.IndexByte(rest, '\n')
		var l []byte
		if nl < 0 {
			l, rest = rest, nil
		} else {
			l, rest = rest[:nl], rest[nl+1:]
		}
		if h, ok := ls.line(bytes.TrimSuffix(l, []byte("\r"))); ok && !inBox(boxes, off, off+len(l)) {
			h.Path, h.Line, h.Fixture = p, line, fixture
			h.Offset, h.End = off+h.Col-1, off+h.EndCol-1
			if h.Kind == UpdaterKey {
				h.Identity = string(b64Run(data[h.Offset:], 400))
			}
			out = append(out, h)
		}
		off += len(l) + 1
	}
	return out
}

// inBox reports a line that overlaps a key found by its structure.
func inBox(boxes []keyBox, from, to int) bool {
	for _, b := range boxes {
		if b.start <= to && from <= b.end {
			return true
		}
	}
	return false
}

// position is the 1-based line and columns of data[off:end] (on one line).
func position(data []byte, off, end int) (line, col, endCol int) {
	line = bytes.Count(data[:off], []byte("\n")) + 1
	ls := bytes.LastIndexByte(data[:off], '\n') + 1
	le := bytes.IndexByte(data[off:end], '\n')
	if le >= 0 {
		end = off + le
	}
	return line, off - ls + 1, end - ls + 1
}

// lineScan searches the lines of one file for what the file holds.
type lineScan struct {
	isProps  bool
	markers  [][]byte // secret-key markers present in the file
	prefixes [][]byte // secret-variable prefixes present in the file
}

func (ls lineScan) line(l []byte) (SecretHit, bool) {
	for _, m := range ls.markers {
		if i := bytes.Index(l, m); i >= 0 {
			return SecretHit{Kind: UpdaterKey, Col: i + 1, EndCol: i + len(m) + 1, Subject: "secret-key",
				What: "a minisign/Tauri updater secret key"}, true
		}
	}
	if ls.isProps {
		if h, ok := propertiesSecret(l); ok {
			return h, true
		}
	}
	if !namesSecretVariable(l, ls.prefixes) {
		return SecretHit{}, false
	}
	return assignedSecret(l)
}

// assignedSecret finds a secret variable assigned a literal value.
func assignedSecret(l []byte) (SecretHit, bool) {
	m := assignment.FindSubmatchIndex(l)
	if m == nil {
		return SecretHit{}, false
	}
	name := string(l[m[2]:m[3]])
	kind := SecretVariable(name)
	if kind == 0 {
		return SecretHit{}, false
	}
	val := literalValue(string(l[m[4]:m[5]]))
	if IsReference(val) || IsPlaceholder(val) {
		return SecretHit{}, false
	}
	if kind == UpdaterKey && !looksLikeKey(val) {
		return SecretHit{}, false // a path to the key file, not the key
	}
	return SecretHit{Kind: kind, Col: m[2] + 1, EndCol: m[5] + 1, Subject: name,
		What: name + " assigned a literal value"}, true
}

// propertiesSecret finds Android key.properties passwords.
func propertiesSecret(l []byte) (SecretHit, bool) {
	k, v, ok := bytes.Cut(l, []byte("="))
	key := strings.TrimSpace(string(k))
	if !ok || (key != "storePassword" && key != "keyPassword") {
		return SecretHit{}, false
	}
	if val := literalValue(string(v)); IsReference(val) || IsPlaceholder(val) {
		return SecretHit{}, false
	}
	return SecretHit{Kind: SigningCredential, Col: 1, EndCol: len(l) + 1, Subject: key,
		What: "Android keystore " + key}, true
}

// literalValue trims quotes, trailing commas and comments from a value.
func literalValue(v string) string {
	v = strings.TrimSpace(v)
	v = strings.TrimRight(v, ",;)")
	if len(v) >= 2 && (v[0] == '"' || v[0] == '\'') {
		if end := strings.IndexByte(v[1:], v[0]); end >= 0 {
			return v[1 : end+1]
		}
	}
	if i := strings.Index(v, " #"); i >= 0 {
		v = v[:i]
	}
	return strings.TrimSpace(v)
}

// IsReference reports values that name a secret instead of holding it:
// ${{ secrets.X }}, $VAR, ${VAR}, %VAR%, env lookups, and the
// @keychain:/@env: forms of Apple's notarization tools.
func IsReference(v string) bool {
	switch {
	case strings.Contains(v, "${{"), strings.HasPrefix(v, "$"), strings.HasPrefix(v, "%") && strings.HasSuffix(v, "%"),
		strings.Contains(v, "secrets."), strings.Contains(v, "process.env"), strings.HasPrefix(v, "env("),
		strings.HasPrefix(v, "op://"), strings.HasPrefix(v, "vault:"), strings.HasPrefix(v, "@keychain:"), strings.HasPrefix(v, "@env:"):
		return true
	}
	return false
}

// IsPlaceholder reports empty and obviously fake values.
func IsPlaceholder(v string) bool {
	l := strings.ToLower(strings.Trim(v, " .*xX<>"))
	switch {
	case l == "", l == "changeme", l == "todo", l == "none", l == "null", l == "false", l == "true",
		strings.HasPrefix(l, "your"), strings.HasPrefix(v, "<") && strings.HasSuffix(v, ">"):
		return true
	}
	return false
}

// looksLikeKey: a base64 blob long enough to be a key file, not a path.
func looksLikeKey(v string) bool {
	if len(v) < 40 || strings.ContainsAny(v, "/\\~ ") && !strings.HasPrefix(v, "dW50") {
		return false
	}
	for _, c := range v {
		if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/' || c == '=') {
			return false
		}
	}
	return true
}
