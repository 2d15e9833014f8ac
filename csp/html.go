package csp

import (
	"strings"

	"github.com/tauriaudit/tauriaudit/rules/source"
)

// ScriptTag is one <script> element of an HTML file.
type ScriptTag struct {
	Src        string
	Start, End int  // byte span of Src's value
	Inline     bool // no src, non-blank content
	Integrity  bool // an integrity attribute with a value
}

// ScriptTags finds the <script> elements of an HTML file, skipping
// comments. It is a tolerant scanner, not an HTML parser: enough to find
// the tags a bundler writes.
func ScriptTags(f *source.File) []ScriptTag {
	if f == nil {
		return nil
	}
	data := f.Data
	lower := asciiLower(data)
	var out []ScriptTag
	for i := 0; i < len(data); {
		j := strings.Index(lower[i:], "<")
		if j < 0 {
			break
		}
		i += j
		if strings.HasPrefix(lower[i:], "<!--") {
			end := strings.Index(lower[i+4:], "-->")
			if end < 0 {
				break
			}
			i += 4 + end + 3
			continue
		}
		if !strings.HasPrefix(lower[i:], "<script") || i+7 >= len(data) || !strings.ContainsRune(" \t\r\n\f/>", rune(data[i+7])) {
			i++
			continue
		}
		tag, next := scanScriptTag(string(data), lower, i+7)
		out = append(out, tag)
		i = next
	}
	return out
}

// scanScriptTag reads the attributes and content of a <script> element
// whose attributes start at i, and returns it with the offset after it.
func scanScriptTag(data, lower string, i int) (ScriptTag, int) {
	var tag ScriptTag
	hasSrc := false
	for i < len(data) && data[i] != '>' {
		if strings.ContainsRune(" \t\r\n\f/", rune(data[i])) {
			i++
			continue
		}
		nameStart := i
		for i < len(data) && !strings.ContainsRune(" \t\r\n\f/>=", rune(data[i])) {
			i++
		}
		name := lower[nameStart:i]
		vs, ve := i, i
		if j := skipSpace(data, i); j < len(data) && data[j] == '=' {
			vs, ve, i = attrValue(data, j+1)
		}
		switch name {
		case "src":
			hasSrc, tag.Src, tag.Start, tag.End = true, data[vs:ve], vs, ve
		case "integrity":
			tag.Integrity = ve > vs
		}
	}
	body := i + 1
	end := strings.Index(lower[min(body, len(lower)):], "</script")
	if end < 0 {
		return tag, len(data)
	}
	content := data[body : body+end]
	tag.Inline = !hasSrc && strings.TrimSpace(content) != ""
	return tag, body + end
}

// attrValue reads an attribute value at i (quoted or not) and returns its
// span and the offset after it.
func attrValue(data string, i int) (start, end, next int) {
	i = skipSpace(data, i)
	if i < len(data) && (data[i] == '"' || data[i] == '\'') {
		q := data[i]
		end := strings.IndexByte(data[i+1:], q)
		if end < 0 {
			return i + 1, len(data), len(data)
		}
		return i + 1, i + 1 + end, i + 2 + end
	}
	start = i
	for i < len(data) && !strings.ContainsRune(" \t\r\n\f>", rune(data[i])) {
		i++
	}
	return start, i, i
}

// skipSpace returns the offset of the first non-whitespace byte at or
// after i.
func skipSpace(data string, i int) int {
	for i < len(data) && strings.ContainsRune(" \t\r\n\f", rune(data[i])) {
		i++
	}
	return i
}

// asciiLower lower-cases ASCII letters only, so offsets stay true.
func asciiLower(b []byte) string {
	out := make([]byte, len(b))
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		out[i] = c
	}
	return string(out)
}
