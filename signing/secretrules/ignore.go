package secretrules

import (
	"bufio"
	"bytes"
	"strconv"
	"strings"
)

// Ignore is a .gitleaksignore: one fingerprint a line, commit:file:rule:line
// for a finding in history and file:rule:line for one in the working
// tree; # starts a comment.
type Ignore struct{ set map[string]bool }

// ParseIgnore reads a .gitleaksignore.
func ParseIgnore(data []byte) *Ignore {
	ig := &Ignore{set: map[string]bool{}}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		l := strings.TrimSpace(sc.Text())
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		ig.set[l] = true
	}
	return ig
}

// ignored reports a finding the file lists, by either fingerprint form.
func (ig *Ignore) ignored(commit, file, rule string, line int) bool {
	if ig == nil || len(ig.set) == 0 {
		return false
	}
	fp := file + ":" + rule + ":" + strconv.Itoa(line)
	return ig.set[fp] || commit != "" && ig.set[commit+":"+fp]
}
