package main

import (
	"regexp"
	"strings"
	"unicode"
)

// typeKeys is what serde accepts as member names of one struct: the
// canonical (serialized) name of each field and the aliases that
// deserialize to it.
type typeKeys struct {
	Canonical []string          // in declaration order
	Aliases   map[string]string // alias -> canonical
}

// parseConfigRS reads tauri-utils' config.rs and returns, for every struct
// (and every struct variant of an enum, under the enum's name), the member
// names serde accepts. It understands exactly the serde attributes the
// file uses on structs and fields: rename_all, rename, alias, flatten and
// skip. It is a generator-side reader of one known file, not a Rust parser.
func parseConfigRS(src string) map[string]*typeKeys {
	src = stripComments(src)
	out := map[string]*typeKeys{}
	var pending []string // serde attributes seen since the last item
	for i := 0; i < len(src); {
		switch {
		case strings.HasPrefix(src[i:], "#["):
			end := matchBracket(src, i+1, '[', ']')
			if end < 0 {
				return out
			}
			pending = append(pending, src[i:end+1])
			i = end + 1
		case startsWord(src, i, "struct") || startsWord(src, i, "enum"):
			isEnum := startsWord(src, i, "enum")
			j := i + len("struct")
			if isEnum {
				j = i + len("enum")
			}
			name := identAt(src, skipSpace(src, j))
			body := strings.IndexAny(src[j:], "{;(")
			if body < 0 {
				return out
			}
			body += j
			if src[body] != '{' {
				pending = nil
				i = body + 1
				continue
			}
			end := matchBracket(src, body, '{', '}')
			if end < 0 {
				return out
			}
			rename := serdeArg(pending, "rename_all")
			if isEnum {
				// Field renames in struct variants come from
				// rename_all_fields; rename_all names the variants.
				rename = serdeArg(pending, "rename_all_fields")
			}
			tk := &typeKeys{Aliases: map[string]string{}}
			if isEnum {
				parseVariants(src[body+1:end], rename, tk)
			} else {
				parseFields(src[body+1:end], rename, tk)
			}
			if name != "" && (len(tk.Canonical) > 0 || len(tk.Aliases) > 0) {
				out[name] = tk
			}
			pending = nil
			i = end + 1
		case src[i] == ';' || src[i] == '}':
			pending = nil
			i++
		default:
			i++
		}
	}
	return out
}

// parseVariants reads the struct variants of an enum body. A variant's own
// rename_all names its fields; otherwise the enum's rename_all_fields does.
func parseVariants(body, rename string, tk *typeKeys) {
	var attrs []string
	for i := 0; i < len(body); i++ {
		switch body[i] {
		case '#':
			if end := matchBracket(body, i+1, '[', ']'); end > 0 {
				attrs = append(attrs, body[i:end+1])
				i = end
			}
		case '{':
			end := matchBracket(body, i, '{', '}')
			if end < 0 {
				return
			}
			r := rename
			if own := serdeArg(attrs, "rename_all"); own != "" {
				r = own
			}
			parseFields(body[i+1:end], r, tk)
			attrs = nil
			i = end
		case '(':
			if end := matchBracket(body, i, '(', ')'); end > 0 {
				i = end
			}
		case ',':
			attrs = nil
		}
	}
}

// parseFields reads "attrs* pub? name: Type," items of a struct body.
func parseFields(body, rename string, tk *typeKeys) {
	var attrs []string
	for i := 0; i < len(body); {
		i = skipSpace(body, i)
		if i >= len(body) {
			return
		}
		if strings.HasPrefix(body[i:], "#[") {
			end := matchBracket(body, i+1, '[', ']')
			if end < 0 {
				return
			}
			attrs = append(attrs, body[i:end+1])
			i = end + 1
			continue
		}
		// One field: up to the comma at depth zero.
		end := fieldEnd(body, i)
		decl := strings.TrimSpace(body[i:end])
		decl = strings.TrimPrefix(decl, "pub(crate)")
		decl = strings.TrimPrefix(strings.TrimSpace(decl), "pub ")
		if colon := strings.IndexByte(decl, ':'); colon > 0 {
			addField(strings.TrimSpace(decl[:colon]), rename, attrs, tk)
		}
		attrs = nil
		i = end + 1
	}
}

func addField(field, rename string, attrs []string, tk *typeKeys) {
	field = strings.TrimPrefix(field, "r#")
	if serdeFlag(attrs, "skip") || serdeFlag(attrs, "skip_deserializing") || serdeFlag(attrs, "flatten") {
		return
	}
	name := serdeArg(attrs, "rename")
	if name == "" {
		name = applyRenameAll(field, rename)
	}
	tk.Canonical = append(tk.Canonical, name)
	for _, a := range serdeArgs(attrs, "alias") {
		tk.Aliases[a] = name
	}
}

// fieldEnd finds the comma ending a field declaration, skipping generic
// arguments and parenthesised types.
func fieldEnd(s string, i int) int {
	depth := 0
	for ; i < len(s); i++ {
		switch s[i] {
		case '<', '(', '[':
			depth++
		case '>', ')', ']':
			depth--
		case ',':
			if depth == 0 {
				return i
			}
		}
	}
	return len(s)
}

var serdeKV = regexp.MustCompile(`\b(rename_all_fields|rename_all|rename|alias)\s*=\s*"([^"]*)"`)

// serdeArgs returns every value of key in the serde(...) attributes.
func serdeArgs(attrs []string, key string) []string {
	var out []string
	for _, a := range attrs {
		if !strings.HasPrefix(strings.TrimSpace(a[2:]), "serde") {
			continue // cfg_attr(…, schemars(…)) and friends do not affect serde
		}
		for _, m := range serdeKV.FindAllStringSubmatch(a, -1) {
			if m[1] == key {
				out = append(out, m[2])
			}
		}
	}
	return out
}

func serdeArg(attrs []string, key string) string {
	if v := serdeArgs(attrs, key); len(v) > 0 {
		return v[0]
	}
	return ""
}

// serdeFlag reports a bare word such as skip or flatten in a serde attribute.
func serdeFlag(attrs []string, word string) bool {
	rx := regexp.MustCompile(`[(,]\s*` + word + `\s*[,)]`)
	for _, a := range attrs {
		if strings.HasPrefix(strings.TrimSpace(a[2:]), "serde") && rx.MatchString(a) {
			return true
		}
	}
	return false
}

// applyRenameAll spells a snake_case field the way serde's rename_all does.
func applyRenameAll(field, rule string) string {
	parts := strings.Split(field, "_")
	switch rule {
	case "camelCase":
		for i := 1; i < len(parts); i++ {
			if parts[i] != "" {
				parts[i] = strings.ToUpper(parts[i][:1]) + parts[i][1:]
			}
		}
		return strings.Join(parts, "")
	case "PascalCase":
		for i := range parts {
			if parts[i] != "" {
				parts[i] = strings.ToUpper(parts[i][:1]) + parts[i][1:]
			}
		}
		return strings.Join(parts, "")
	case "kebab-case":
		return strings.Join(parts, "-")
	case "lowercase", "snake_case", "":
		return field
	case "SCREAMING_SNAKE_CASE":
		return strings.ToUpper(field)
	}
	return field
}

// stripComments blanks // and /* */ comments outside string literals.
func stripComments(s string) string {
	b := []byte(s)
	for i := 0; i < len(b); i++ {
		switch {
		case b[i] == '"':
			for i++; i < len(b) && b[i] != '"'; i++ {
				if b[i] == '\\' {
					i++
				}
			}
		case b[i] == '/' && i+1 < len(b) && b[i+1] == '/':
			for ; i < len(b) && b[i] != '\n'; i++ {
				b[i] = ' '
			}
		case b[i] == '/' && i+1 < len(b) && b[i+1] == '*':
			for ; i+1 < len(b) && !(b[i] == '*' && b[i+1] == '/'); i++ {
				if b[i] != '\n' {
					b[i] = ' '
				}
			}
			if i+1 < len(b) {
				b[i], b[i+1] = ' ', ' '
			}
		}
	}
	return string(b)
}

// matchBracket returns the index of the bracket closing the one at open,
// skipping string literals.
func matchBracket(s string, open int, o, c byte) int {
	depth := 0
	for i := open; i < len(s); i++ {
		switch s[i] {
		case '"':
			for i++; i < len(s) && s[i] != '"'; i++ {
				if s[i] == '\\' {
					i++
				}
			}
		case o:
			depth++
		case c:
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}

func startsWord(s string, i int, w string) bool {
	if !strings.HasPrefix(s[i:], w) {
		return false
	}
	if i > 0 && isIdent(rune(s[i-1])) {
		return false
	}
	j := i + len(w)
	return j < len(s) && !isIdent(rune(s[j]))
}

func isIdent(r rune) bool { return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) }

func skipSpace(s string, i int) int {
	for i < len(s) && unicode.IsSpace(rune(s[i])) {
		i++
	}
	return i
}

func identAt(s string, i int) string {
	j := i
	for j < len(s) && isIdent(rune(s[j])) {
		j++
	}
	return s[i:j]
}
