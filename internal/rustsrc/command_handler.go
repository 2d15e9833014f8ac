package rustsrc

import (
	"strings"

	"github.com/tauriaudit/tauriaudit/rules/source"
)

// Handler is one generate_handler![…] call and the Builder it is given to.
type Handler struct {
	Loc source.Location // the macro name
	// Plugin is the name of the plugin Builder (tauri::plugin::Builder::
	// new("name")) the handler is registered on; "" for the app's.
	Plugin  string
	Entries []Registration
}

// handlers reads every generate_handler! call of the file.
func (s *File) handlers(consts map[string]string, notes *[]Note) []Handler {
	var out []Handler
	for i := 0; i+2 < len(s.Toks); i++ {
		if !s.Toks[i].Is(Ident, "generate_handler") || !s.Toks[i+1].Is(Punct, "!") {
			continue
		}
		if len(out) == maxHandlers {
			*notes = append(*notes, Note{Loc: s.Span(i, i+1), Text: "too many generate_handler! calls in one file; the rest are not read"})
			break
		}
		open := i + 2
		if !s.Toks[open].Is(Punct, "[") && !s.Toks[open].Is(Punct, "(") && !s.Toks[open].Is(Punct, "{") || s.match[open] < 0 {
			*notes = append(*notes, Note{Loc: s.Span(i, i+1), Text: "a generate_handler! call whose list could not be read"})
			continue
		}
		h := Handler{Loc: s.Span(i, i+1)}
		plugin, why := s.handlerBuilder(i, consts)
		if why != "" {
			*notes = append(*notes, Note{Loc: h.Loc, Text: why})
		}
		h.Plugin = plugin
		for _, r := range s.splitTop(open+1, s.match[open]) {
			if e, ok := s.handlerEntry(r[0], r[1]); ok {
				e.Plugin = plugin
				h.Entries = append(h.Entries, e)
			}
		}
		out = append(out, h)
		i = s.match[open]
	}
	return out
}

// maxHandlers bounds the generate_handler! calls read per file (an app
// has one or a few; each costs a walk back to its Builder).
const maxHandlers = 64

// handlerEntry reads one path of the list, skipping attributes
// (#[cfg(…)]) in front of it.
func (s *File) handlerEntry(from, to int) (Registration, bool) {
	k := from
	for k+1 < to && s.Toks[k].Is(Punct, "#") && s.match[k+1] > 0 {
		k = s.match[k+1] + 1
	}
	var parts []string
	for ; k < to; k++ {
		t := s.Toks[k]
		switch {
		case t.Kind == Ident:
			parts = append(parts, t.Text)
		case t.Is(Punct, "::"):
		default:
			return Registration{}, false
		}
	}
	if len(parts) == 0 {
		return Registration{}, false
	}
	return Registration{Path: strings.Join(parts, "::"), Loc: s.Span(from, to-1)}, true
}

// handlerBuilder finds the Builder the handler at token i goes to: the
// receiver chain of the enclosing .invoke_handler(…) call, or the let
// binding that chain starts from. A plugin Builder is
// Builder::new("name") (or a const naming it); anything else is the
// app's. The second result explains what could not be followed.
func (s *File) handlerBuilder(i int, consts map[string]string) (string, string) {
	call := s.EnclosingCall(i, "invoke_handler")
	if call < 0 {
		return "", "" // handed over through a variable: counted as the app's
	}
	// walk back over the receiver chain of invoke_handler
	lo := s.chainStart(call - 1)
	if name, ok := s.pluginName(lo, call, consts); ok {
		return name, ""
	} else if name == "?" {
		return "", "a plugin Builder whose name could not be read; its commands are counted as the app's"
	}
	if lo < len(s.Toks) && s.Toks[lo].Kind == Ident {
		if init := s.letInit(s.Toks[lo].Text, lo); init[0] >= 0 {
			if name, ok := s.pluginName(init[0], init[1], consts); ok {
				return name, ""
			}
		}
	}
	return "", ""
}

// chainStart returns the first token of the method chain whose "." is
// at dot, walking back over calls, paths, fields and "?".
func (s *File) chainStart(dot int) int {
	j := dot - 1
	start := dot
	for j >= 0 {
		t := s.Toks[j]
		switch {
		case t.Is(Punct, "?"):
			j--
			continue
		case t.Kind == Punct && (t.Text == ")" || t.Text == "]"):
			if s.match[j] < 0 {
				return start
			}
			j = s.match[j] - 1
			if j >= 0 && s.Toks[j].Is(Punct, ">") { // turbofish
				for j >= 0 && !s.Toks[j].Is(Punct, "<") {
					j--
				}
				j -= 2
			}
			if j >= 0 && s.Toks[j].Kind == Ident {
				start = j
				j--
			}
		case t.Kind == Ident:
			start = j
			j--
		default:
			return start
		}
		if j >= 0 && s.Toks[j].Kind == Punct && (s.Toks[j].Text == "." || s.Toks[j].Text == "::") {
			j--
			continue
		}
		return start
	}
	return start
}

// pluginName looks in tokens lo..hi for Builder::new(<name>) with a
// string or const argument. It returns "?" and false for a Builder::new
// whose argument it cannot read.
func (s *File) pluginName(lo, hi int, consts map[string]string) (string, bool) {
	for k := lo; k+4 < hi && k+4 < len(s.Toks); k++ {
		if t := s.Toks[k]; t.Kind == Punct && (t.Text == "(" || t.Text == "[" || t.Text == "{") && s.match[k] > k {
			k = s.match[k] // arguments of other calls (.plugin(…)) are not the chain
			continue
		}
		if !strings.HasSuffix(s.Toks[k].Text, "Builder") || s.Toks[k].Kind != Ident ||
			!s.Toks[k+1].Is(Punct, "::") || !s.Toks[k+2].Is(Ident, "new") || !s.Toks[k+3].Is(Punct, "(") {
			continue
		}
		arg := s.Toks[k+4]
		switch {
		case arg.Is(Punct, ")"):
			return "", false // tauri::Builder::new(): the app's
		case arg.Kind == Str:
			return arg.Text, true
		case arg.Kind == Ident && consts[arg.Text] != "":
			return consts[arg.Text], true
		}
		return "?", false
	}
	return "", false
}

// letInit returns the initializer tokens of the nearest let binding of
// name before token before, or {-1, -1}.
func (s *File) letInit(name string, before int) [2]int {
	for k := before - 1; k >= 1 && k > before-2000; k-- {
		if !s.Toks[k].Is(Ident, name) {
			continue
		}
		l := k - 1
		if s.Toks[l].Is(Ident, "mut") && l > 0 {
			l--
		}
		if !s.Toks[l].Is(Ident, "let") {
			continue
		}
		end := s.statementEnd(k)
		return [2]int{k, end}
	}
	return [2]int{-1, -1}
}

// statementEnd returns the ";" ending the statement containing token k
// (skipping nested brackets), or the end of the enclosing block.
func (s *File) statementEnd(k int) int {
	for j := k; j < len(s.Toks); j++ {
		t := s.Toks[j]
		if t.Kind != Punct {
			continue
		}
		switch t.Text {
		case "(", "[", "{":
			if s.match[j] < 0 {
				return len(s.Toks)
			}
			j = s.match[j]
		case ";", ")", "]", "}":
			return j
		}
	}
	return len(s.Toks)
}

// stringConsts maps const NAME: &str = "value" declarations of the file.
func (s *File) stringConsts(out map[string]string) {
	for k := 0; k+6 < len(s.Toks); k++ {
		if !s.Toks[k].Is(Ident, "const") && !s.Toks[k].Is(Ident, "static") || s.Toks[k+1].Kind != Ident {
			continue
		}
		for j := k + 2; j < len(s.Toks) && j < k+10; j++ {
			if s.Toks[j].Is(Punct, ";") {
				break
			}
			if s.Toks[j].Is(Punct, "=") && j+1 < len(s.Toks) && s.Toks[j+1].Kind == Str {
				out[s.Toks[k+1].Text] = s.Toks[j+1].Text
				break
			}
		}
	}
}
