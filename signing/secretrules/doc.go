// Package secretrules finds provider credentials (cloud keys, API tokens,
// private keys) in text, with a built-in table of detectors written from
// the providers' documented formats (builtin.toml, sources named per
// rule) and the rules, allowlists and ignore files of a repository's own
// gitleaks configuration (.gitleaks.toml, .gitleaksignore).
//
// Every pattern is an RE2 regular expression (linear time). A file is
// first searched once for the rules' keywords (Aho–Corasick, case
// folded); a rule's pattern runs only near its keywords, on a bounded
// window, so minified bundles and huge single lines cost time linear in
// their size. Formats with a checksum (GitHub, npm tokens), a decodable
// body (PEM keys) or a pair (AWS key id and secret) are verified, so
// random strings of the right shape do not fire.
package secretrules
