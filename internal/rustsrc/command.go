package rustsrc

import (
	"strings"

	"github.com/tauriaudit/tauriaudit/rules/source"
)

// Command is one #[tauri::command] function of the crate.
type Command struct {
	Name      string // the fn name, which is also the name it is invoked by
	Async     bool
	RenameAll string // the attribute's rename_all ("snake_case"), "" for camelCase
	Params    []Param
	Loc       source.Location // the fn name
	// Registered are the generate_handler! entries naming the command.
	Registered []Registration
	// Sinks are what the command (or a local helper it calls) does that
	// matters for security, in source order.
	Sinks []Sink

	file      *File
	body      [2]int // the body's "{" and "}" tokens; body[0] < 0 without a body
	paramToks [][2]int
}

// Param is one parameter as the frontend passes it.
type Param struct {
	Name string // the Rust name
	Arg  string // the key the frontend uses (camelCase unless rename_all)
	Type string
	// Injected parameters are filled by Tauri (State, AppHandle, Window,
	// …), never by the caller.
	Injected bool
	// Bounded parameters cannot carry a path, URL or script: integers,
	// bools, chars and the crate's own enums.
	Bounded bool
}

// Invoked returns the names the frontend invokes the command by: the fn
// name for the app's handler, plugin:<name>|<fn> for a plugin's.
func (c *Command) Invoked() []string {
	var out []string
	for _, r := range c.Registered {
		n := c.Name
		if r.Plugin != "" {
			n = "plugin:" + r.Plugin + "|" + c.Name
		}
		if !containsString(out, n) {
			out = append(out, n)
		}
	}
	return out
}

// Registration is one generate_handler! entry.
type Registration struct {
	Path   string // as written: "commands::greet"
	Plugin string // the plugin Builder's name; "" for the app's Builder
	Loc    source.Location
}

// Caller returns what the frontend can call: the caller-supplied
// parameters.
func (c *Command) Caller() []Param {
	var out []Param
	for _, p := range c.Params {
		if !p.Injected {
			out = append(out, p)
		}
	}
	return out
}

// injectedTypes are the command arguments Tauri fills itself.
var injectedTypes = map[string]bool{
	"State": true, "AppHandle": true, "Window": true, "WebviewWindow": true, "Webview": true,
	"Request": true, "Channel": true, "CommandScope": true, "GlobalScope": true, "InvokeBody": true,
}

// boundedTypes cannot carry a path, URL, script or query.
var boundedTypes = map[string]bool{
	"i8": true, "i16": true, "i32": true, "i64": true, "i128": true, "isize": true,
	"u8": true, "u16": true, "u32": true, "u64": true, "u128": true, "usize": true,
	"f32": true, "f64": true, "bool": true, "char": true,
}

// wrapperTypes are looked through when deciding whether a type is bounded.
var wrapperTypes = map[string]bool{"Option": true, "Vec": true, "Box": true, "std": true, "option": true, "vec": true}

// commandAttr reports whether the attribute "#[…]" starting at token i
// marks a command: #[tauri::command(…)], or #[command(…)] when the file
// imports tauri::command. It returns the attribute's closing "]".
func (s *File) commandAttr(i int, imported bool) (int, bool) {
	if !s.Toks[i].Is(Punct, "#") || i+2 >= len(s.Toks) || !s.Toks[i+1].Is(Punct, "[") {
		return -1, false
	}
	end := s.match[i+1]
	if end < 0 {
		return -1, false
	}
	j := i + 2
	if s.Toks[j].Is(Ident, "tauri") && j+2 < end && s.Toks[j+1].Is(Punct, "::") {
		j += 2
	} else if !imported {
		return end, false
	}
	if !s.Toks[j].Is(Ident, "command") || j+1 != end && !s.Toks[j+1].Is(Punct, "(") {
		return end, false
	}
	return end, true
}

// importsCommand reports a use declaration bringing tauri's command
// attribute into scope (use tauri::command; use tauri::{command, …}).
func (s *File) importsCommand() bool {
	for i := 0; i < len(s.Toks); i++ {
		if !s.Toks[i].Is(Ident, "use") {
			continue
		}
		tauri := false
		for j := i + 1; j < len(s.Toks) && j < i+200 && !s.Toks[j].Is(Punct, ";"); j++ {
			tauri = tauri || s.Toks[j].Is(Ident, "tauri")
			if tauri && s.Toks[j].Is(Ident, "command") {
				return true
			}
		}
	}
	return false
}

// commands reads every command function of the file. What it cannot
// read is a note naming the line.
func (s *File) commands(notes *[]Note) []*Command {
	var out []*Command
	imported := s.importsCommand()
	for i := 0; i < len(s.Toks); i++ {
		end, ok := s.commandAttr(i, imported)
		if !ok {
			continue
		}
		c, why := s.readCommandFn(i, end)
		if c == nil {
			*notes = append(*notes, Note{Loc: s.Span(i, end), Text: "a command attribute whose function could not be read: " + why})
			continue
		}
		out = append(out, c)
		i = end
	}
	return out
}

// readCommandFn reads the fn item after the command attribute at
// attr..end (the attribute's "#" and "]").
func (s *File) readCommandFn(attr, end int) (*Command, string) {
	c := &Command{file: s, body: [2]int{-1, -1}}
	c.RenameAll = s.attrString(attr+2, end, "rename_all")
	j := end + 1
	for j < len(s.Toks) && s.Toks[j].Is(Punct, "#") && j+1 < len(s.Toks) && s.Toks[j+1].Is(Punct, "[") && s.match[j+1] > 0 {
		j = s.match[j+1] + 1 // further attributes (#[cfg], #[allow], #[specta])
	}
	for j < len(s.Toks) {
		t := s.Toks[j]
		switch {
		case t.Is(Ident, "pub"):
			if j+1 < len(s.Toks) && s.Toks[j+1].Is(Punct, "(") && s.match[j+1] > 0 {
				j = s.match[j+1]
			}
		case t.Is(Ident, "async"):
			c.Async = true
		case t.Is(Ident, "const") || t.Is(Ident, "unsafe") || t.Is(Ident, "extern") || t.Kind == Str:
		case t.Is(Ident, "fn"):
			return s.readFnSignature(c, j)
		default:
			return nil, "no fn after the attribute"
		}
		j++
	}
	return nil, "the file ends after the attribute"
}

// readFnSignature reads name, generics, parameters and body of the fn
// whose keyword is at j.
func (s *File) readFnSignature(c *Command, j int) (*Command, string) {
	if j+1 >= len(s.Toks) || s.Toks[j+1].Kind != Ident {
		return nil, "fn without a name"
	}
	c.Name = s.Toks[j+1].Text
	c.Loc = s.Span(j+1, j+1)
	k := j + 2
	if k < len(s.Toks) && s.Toks[k].Is(Punct, "<") {
		k = s.skipGenerics(k)
	}
	if k >= len(s.Toks) || !s.Toks[k].Is(Punct, "(") || s.match[k] < 0 {
		return nil, "unbalanced parameter list"
	}
	closeParen := s.match[k]
	for _, r := range s.splitTop(k+1, closeParen) {
		p, ok := s.readParam(r[0], r[1], c.RenameAll)
		if !ok {
			continue
		}
		c.Params = append(c.Params, p)
		c.paramToks = append(c.paramToks, r)
	}
	for b := closeParen + 1; b < len(s.Toks); b++ {
		t := s.Toks[b]
		if t.Is(Punct, ";") {
			return c, ""
		}
		if t.Is(Punct, "{") {
			if s.match[b] < 0 {
				return nil, "unbalanced body"
			}
			c.body = [2]int{b, s.match[b]}
			return c, ""
		}
		if t.Kind == Punct && (t.Text == "(" || t.Text == "[") && s.match[b] > 0 {
			b = s.match[b]
		}
	}
	return nil, "no body"
}

// skipGenerics returns the token after the generic list opening at "<"
// lt. "->" inside bounds (Fn() -> T) does not close it.
func (s *File) skipGenerics(lt int) int {
	depth := 0
	for k := lt; k < len(s.Toks); k++ {
		t := s.Toks[k]
		switch {
		case t.Is(Punct, "<"):
			depth++
		case t.Is(Punct, ">") && !(k > 0 && s.Toks[k-1].Is(Punct, "-") && s.Toks[k-1].End == t.Off):
			depth--
			if depth == 0 {
				return k + 1
			}
		case t.Kind == Punct && (t.Text == "(" || t.Text == "[" || t.Text == "{"):
			if s.match[k] < 0 {
				return len(s.Toks)
			}
			if t.Text == "{" {
				return k
			}
			k = s.match[k]
		}
	}
	return len(s.Toks)
}

// splitTop splits tokens from..to (exclusive) at top-level commas,
// treating (), [], {} and <> as nesting. Empty parts are dropped.
func (s *File) splitTop(from, to int) [][2]int {
	var out [][2]int
	start, angle := from, 0
	for k := from; k < to && k < len(s.Toks); k++ {
		t := s.Toks[k]
		switch {
		case t.Kind == Punct && (t.Text == "(" || t.Text == "[" || t.Text == "{"):
			if m := s.match[k]; m > k && m < to {
				k = m
			}
		case t.Is(Punct, "<"):
			angle++
		case t.Is(Punct, ">") && angle > 0 && !(k > 0 && s.Toks[k-1].Is(Punct, "-")):
			angle--
		case t.Is(Punct, ",") && angle == 0:
			if k > start {
				out = append(out, [2]int{start, k})
			}
			start = k + 1
		}
	}
	if to > start {
		out = append(out, [2]int{start, min(to, len(s.Toks))})
	}
	return out
}

// readParam reads "[mut] name: Type" from tokens from..to (exclusive).
// Patterns (destructured tuples or structs) and self are skipped.
func (s *File) readParam(from, to int, renameAll string) (Param, bool) {
	k := from
	for k < to && s.Toks[k].Is(Punct, "#") && k+1 < to && s.match[k+1] > 0 { // #[allow(…)] on a parameter
		k = s.match[k+1] + 1
	}
	if k < to && s.Toks[k].Is(Ident, "mut") {
		k++
	}
	if k+2 >= to+1 || s.Toks[k].Kind != Ident || !s.Toks[k+1].Is(Punct, ":") {
		return Param{}, false
	}
	p := Param{Name: s.Toks[k].Text}
	tt := k + 2
	if tt >= to {
		return Param{}, false
	}
	p.Type = compactType(string(s.Source.Data[s.Toks[tt].Off:s.Toks[to-1].End]))
	p.Arg = argName(p.Name, renameAll)
	var idents []string
	for i := tt; i < to; i++ {
		if s.Toks[i].Kind == Ident {
			idents = append(idents, s.Toks[i].Text)
		}
	}
	p.Injected = injectedType(idents)
	return p, true
}

// injectedType reports a type whose path ends in an injected type name
// before any generic argument: tauri::State<'_, X>, AppHandle<R>, Window.
func injectedType(idents []string) bool {
	for _, id := range idents {
		if injectedTypes[id] {
			return true
		}
		if id != "tauri" && id != "ipc" && id != "mut" && id != "webview" && id != "window" {
			return false
		}
	}
	return false
}

// compactType removes the spaces Rust formatting puts inside types.
func compactType(t string) string {
	t = strings.Join(strings.Fields(t), " ")
	for _, r := range [][2]string{{"< ", "<"}, {" >", ">"}, {" ,", ","}, {"& ", "&"}, {" :: ", "::"}} {
		t = strings.ReplaceAll(t, r[0], r[1])
	}
	return t
}

// argName is the key Tauri's command macro reads an argument from:
// camelCase by default, the Rust name with rename_all = "snake_case".
func argName(name, renameAll string) string {
	if renameAll == "snake_case" {
		return name
	}
	var b strings.Builder
	up := false
	for i, r := range name {
		if r == '_' && i > 0 {
			up = true
			continue
		}
		if up && r >= 'a' && r <= 'z' {
			r -= 'a' - 'A'
		}
		up = false
		b.WriteRune(r)
	}
	return b.String()
}

// attrString returns the string value of key = "…" inside the tokens
// from..to, or "".
func (s *File) attrString(from, to int, key string) string {
	for k := from; k+2 < to; k++ {
		if s.Toks[k].Is(Ident, key) && s.Toks[k+1].Is(Punct, "=") && s.Toks[k+2].Kind == Str {
			return s.Toks[k+2].Text
		}
	}
	return ""
}

func containsString(l []string, s string) bool {
	for _, x := range l {
		if x == s {
			return true
		}
	}
	return false
}
