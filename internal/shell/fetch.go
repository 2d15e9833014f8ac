package shell

import (
	"strings"

	"github.com/tauriaudit/tauriaudit/internal/lazyre"
)

// Pipe and substitution forms that run downloaded text.
var (
	fetchWord = `(?:curl|wget|iwr|irm|invoke-webrequest|invoke-restmethod)`
	shellWord = `(?:sudo\s+(?:-\S+\s+)*)?(?:(?:ba|z|da|k|fi|c|tc)?sh|python[0-9.]*|node|perl|ruby|php|deno|bun|pwsh|powershell(?:\.exe)?|iex|invoke-expression)\b`
	// pipeToShell: the download's output reaches the interpreter through
	// any number of pipeline stages (curl … | tee f | sh); a stage never
	// starts with a second | (curl … || sh is not a pipe).
	pipeToShell = lazyre.New(`(?i)\b` + fetchWord + `\b[^|;&\n]*(?:\|[^|;&\n]+)*?\|\s*(?:env\s+(?:\S+=\S*\s+)*)?` + shellWord)
	substShell  = lazyre.New(`(?i)` + strings.Join([]string{
		// sh <(curl …), bash < <(curl …), source <(curl …), . <(wget …)
		`(?:\b(?:(?:ba|z|da|k)?sh|source)|(?:^|[\s;&|({])\.)\s+(?:-s\s+)?(?:<\s*)?<\(\s*` + fetchWord + `\b`,
		// sh -c "$(curl …)", python3 -c "$(curl …)", pwsh -Command "$(irm …)"
		`\b(?:(?:ba|z|da|k)?sh|python[0-9.]*|node|perl|ruby|pwsh|powershell(?:\.exe)?)\s+(?:-\S+\s+)*?-(?:c|e|command)\s+["']?(?:\$\(|` + "`" + `)\s*` + fetchWord + `\b`,
		// eval "$(curl …)", eval `wget -O- …`
		`\beval\s+["']?(?:\$\(|` + "`" + `)\s*` + fetchWord + `\b`,
		// bash <<< "$(curl …)", source /dev/stdin <<< "$(curl …)"
		`\b(?:(?:ba|z|da|k)?sh|source|\.)\b[^|;&\n]*<<<\s*["']?\$\(\s*` + fetchWord + `\b`,
		// iex (iwr …), iex ((New-Object Net.WebClient).DownloadString(…)), iex "& { $(irm …) }"
		`\b(?:iex|invoke-expression)\s*\(+\s*(?:` + fetchWord + `\b|\(?\s*new-object\s+(?:system\.)?net\.webclient)`,
		`\b(?:iex|invoke-expression)\s+["'][^"'\n]*\$\(\s*` + fetchWord + `\b`,
		`\b(?:iex|invoke-expression)\s*\(?\s*\$\w+\.downloadstring\(`,
		// & ([scriptblock]::Create((irm …)))
		`\[scriptblock\]::create\(\s*\(*\s*(?:` + fetchWord + `\b|\(?\s*new-object\s+(?:system\.)?net\.webclient)`,
		`downloadstring\([^)]*\)\s*\|\s*(?:iex|invoke-expression)\b`,
	}, "|"))
)

// inlineCode follows an interpreter given its program inline or as a
// module (python -c/-m, node -e/-p, perl -ne): the download is only its
// input.
var inlineCode = lazyre.New(`^\s+-[A-Za-z]*[cemp]\b`)

// fetchHints are substrings every fetchWord contains, lower-cased: a text
// without any of them cannot download anything, so the regexps are skipped.
var fetchHints = []string{"curl", "wget", "iwr", "irm", "invoke-web", "invoke-rest", "webclient", "aria2c"}

// MayDownload reports whether s names a download tool at all; a cheap
// test before the regexps (BinaryDownload) that look for one.
func MayDownload(s string) bool { return mayFetch(s) }

func mayFetch(s string) bool {
	l := strings.ToLower(s)
	for _, h := range fetchHints {
		if strings.Contains(l, h) {
			return true
		}
	}
	return false
}

// RemoteExec returns the byte span of a download-and-run construct in s:
// a download piped into a shell or interpreter (curl … | sh, iwr … | iex)
// or run through a substitution (sh <(curl …), iex (New-Object
// Net.WebClient).DownloadString(…)).
func RemoteExec(s string) (int, int, bool) {
	if !mayFetch(s) {
		return 0, 0, false
	}
	for _, m := range pipeToShell.FindAllStringIndex(s, -1) {
		interp := strings.ToLower(s[strings.LastIndexAny(s[:m[1]], "| ")+1 : m[1]])
		if !strings.Contains(interp, "sh") && interp != "iex" && inlineCode.MatchString(s[m[1]:]) {
			continue
		}
		return m[0], m[1], true
	}
	if m := substShell.FindStringIndex(s); m != nil {
		return m[0], m[1], true
	}
	return 0, 0, false
}

// Download of a binary or archive, and the checks that verify one.
var (
	// BinaryDownload matches a download of a binary or archive; group 1 is
	// what is downloaded. Do not modify.
	BinaryDownload = lazyre.New(`(?i)\b(?:curl|wget|iwr|invoke-webrequest|aria2c)\b[^\n]*?` +
		`(\S+\.(?:exe|msi|zip|tar\.gz|tgz|tar\.xz|dmg|pkg|appimage|deb|rpm|dll|dylib|so|bin|jar)\b|\S*\bbinaries/\S+)`)
	// VerifyCommand matches a command that checks a digest or signature.
	// Do not modify.
	VerifyCommand = lazyre.New(`(?i)\b(sha(1|256|512)sum|shasum|get-filehash|certutil\s+-hashfile|` +
		`gpg\s+--verify|gpgv|minisign|cosign\s+verify|slsa-verifier|gh\s+attestation\s+verify|openssl\s+dgst)\b`)
)
