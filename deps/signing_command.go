package deps

import "strings"

type signingTool struct {
	os   SigningOS
	name string
}

// signingCommand recognises a shell line that code-signs a binary:
// signtool/AzureSignTool/smctl/relic "sign", osslsigncode (anything but
// verify or extract), jsign, trusted-signing-cli,
// Set-AuthenticodeSignature, codesign with a real identity, or xcrun
// notarytool submit (only Developer ID signed apps notarize).
func signingCommand(line string) (signingTool, bool) {
	words := shellWords(line)
	for i, w := range words {
		next := ""
		if i+1 < len(words) {
			next = strings.ToLower(words[i+1])
		}
		switch tool := commandName(w); tool {
		case "signtool", "azuresigntool", "smctl", "relic":
			if next == "sign" {
				return signingTool{SignsWindows, tool + " sign"}, true
			}
		case "osslsigncode":
			if next != "verify" && next != "extract-signature" && next != "--version" && next != "-v" {
				return signingTool{SignsWindows, "osslsigncode"}, true
			}
		case "jsign", "jsign.jar", "trusted-signing-cli":
			return signingTool{SignsWindows, strings.TrimSuffix(tool, ".jar")}, true
		case "set-authenticodesignature":
			return signingTool{SignsWindows, "Set-AuthenticodeSignature"}, true
		case "codesign":
			if codesignIdentity(words[i+1:]) {
				return signingTool{SignsMacOS, "codesign"}, true
			}
		case "xcrun":
			if next == "notarytool" && i+2 < len(words) && strings.ToLower(words[i+2]) == "submit" {
				return signingTool{SignsMacOS, "notarization (xcrun notarytool)"}, true
			}
		}
	}
	return signingTool{}, false
}

// codesignIdentity reports a codesign invocation that signs with an
// identity other than "-" (ad-hoc).
func codesignIdentity(args []string) bool {
	for i, a := range args {
		switch {
		case a == "-s" || a == "--sign":
			return i+1 < len(args) && args[i+1] != "-"
		case strings.HasPrefix(a, "--sign="):
			return strings.TrimPrefix(a, "--sign=") != "-"
		case a == ";" || a == "&&" || a == "||" || a == "|":
			return false
		}
	}
	return false
}

// commandName is a word's program name, lower-case, without directory,
// .exe or a crate's @version: `"C:\Program Files\...\signtool.exe"` is
// "signtool", trusted-signing-cli@0.8.0 (cargo install) is
// "trusted-signing-cli".
func commandName(w string) string {
	w = strings.ToLower(strings.Trim(w, `"'&`))
	if i := strings.LastIndexAny(w, `/\`); i >= 0 {
		w = w[i+1:]
	}
	w, _, _ = strings.Cut(w, "@")
	return strings.TrimSuffix(w, ".exe")
}

// shellWords splits a line at blanks, keeping quoted runs together; it
// is enough to find a command and its first arguments.
func shellWords(line string) []string {
	var out []string
	var cur strings.Builder
	quote := byte(0)
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
			cur.WriteByte(c)
		case c == '"' || c == '\'':
			quote = c
			cur.WriteByte(c)
		case c == ' ' || c == '\t':
			if cur.Len() > 0 {
				out = append(out, cur.String())
				cur.Reset()
			}
		case c == '#' && cur.Len() == 0:
			return out // a comment
		default:
			cur.WriteByte(c)
		}
	}
	if cur.Len() > 0 {
		out = append(out, cur.String())
	}
	return out
}
