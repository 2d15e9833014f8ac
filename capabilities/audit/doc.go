// Package audit is the ACL as the TA-ACL and TA-SCP rules audit it: the
// resolved grants of one target grouped per capability entry and leaf
// permission, the scope values they consult, and the judgements made on
// those values (what a URL pattern, an fs path or an opener glob
// admits), each taken from Tauri's own matching code and decided by
// matching probes, never by reading the pattern's text.
package audit
