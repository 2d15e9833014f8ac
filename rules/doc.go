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
// and its run function, add it to checks.All, and add a fixture with
// `// want` expectations under testdata/checks.
package rules
