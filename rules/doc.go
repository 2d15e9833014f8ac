// Package rules is tauriaudit's engine: the Rule contract, the loaded
// Project a rule looks at, the loader that builds it from a directory tree,
// and the runner that applies rules and turns their reports into Findings.
//
// A rule is a plain value (see Rule) listed explicitly in checks.All. Rules
// never print and never touch the file system directly: everything they
// read comes through the Project, which reads each file once, caps its
// size and never leaves the scanned root.
//
// Adding a rule: write checks/<area>_<name>.go with an exported *Rule value
// (Severity 0.1..10.0, CWE numbers, area Tags) and its run function, list
// it in checks.All in ID order (a test fails when it is missing), add a
// fixture with `// want` expectations under testdata/checks, and run
// go test ./cmd/tauriaudit -update to regenerate docs/rules, the README
// table and the goldens.
package rules
