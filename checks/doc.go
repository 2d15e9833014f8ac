// Package checks holds tauriaudit's rules: one rule per file, each an
// exported *rules.Rule value with an unexported run function, listed in
// All. Rules read only the rules.Project they are given; IDs and names are
// a public contract (users suppress by them) and never change or get reused.
package checks
