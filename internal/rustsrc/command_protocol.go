package rustsrc

import (
	"strings"

	"github.com/tauriaudit/tauriaudit/rules/source"
)

// Protocol is one custom URI scheme handler registered with
// register_uri_scheme_protocol or its asynchronous form.
type Protocol struct {
	Scheme string // "" when not a string literal
	Async  bool
	Loc    source.Location // the registering method
	// Reads are the file system calls fed by the request (its URI or
	// path), with whether the path is normalized on the way.
	Reads []Sink
	// AnyOrigin is the Access-Control-Allow-Origin: * header the handler
	// answers with, if any.
	AnyOrigin *source.Location
	// Followed is false when the handler is neither a closure nor a
	// function of the crate (a note says so).
	Followed bool
}

// protocols reads the custom protocol handlers of the file.
func (in *inventory) protocols(s *File, notes *[]Note) []Protocol {
	var out []Protocol
	for k := 1; k+2 < len(s.Toks); k++ {
		name := s.Toks[k].Text
		if s.Toks[k].Kind != Ident || !s.Toks[k-1].Is(Punct, ".") || !s.Toks[k+1].Is(Punct, "(") ||
			name != "register_uri_scheme_protocol" && name != "register_asynchronous_uri_scheme_protocol" {
			continue
		}
		closeParen := s.match[k+1]
		if closeParen < 0 {
			continue
		}
		p := Protocol{Async: strings.Contains(name, "asynchronous"), Loc: s.Span(k, k)}
		args := s.splitTop(k+2, closeParen)
		if len(args) < 2 {
			continue
		}
		if t := s.Toks[args[0][0]]; t.Kind == Str && args[0][1] == args[0][0]+1 {
			p.Scheme = t.Text
		}
		// the handler is the last argument; a closure's |a, b| holds commas
		file, body, request := in.protocolHandler(s, [2]int{args[1][0], closeParen})
		if body[0] < 0 || request == "" {
			*notes = append(*notes, Note{Loc: p.Loc, Text: "a custom protocol handler that could not be followed (not a closure or a function of the crate)"})
			out = append(out, p)
			continue
		}
		p.Followed = true
		f := &flow{inv: in, file: file, tr: in.traitsOf(file), taint: map[string][]string{request: {request}}, part: map[string]bool{},
			checks: map[string]checks{}, procs: map[string]int{}, visited: map[string]bool{}, depth: 1, protocol: true}
		f.run(body[0], body[1])
		for _, sk := range f.sinks {
			if sk.Kind == SinkFSRead {
				p.Reads = append(p.Reads, sk)
			}
		}
		p.AnyOrigin = file.anyOriginHeader(body[0], body[1])
		out = append(out, p)
	}
	return out
}

// protocolHandler returns the body and the request parameter's name of
// the handler argument (tokens r): a closure |ctx, request| or
// |ctx, request, responder|, or the name of a function of the crate.
func (in *inventory) protocolHandler(s *File, r [2]int) (*File, [2]int, string) {
	none := [2]int{-1, -1}
	k := r[0]
	if s.Toks[k].Is(Ident, "move") {
		k++
	}
	if k < r[1] && s.Toks[k].Is(Punct, "|") {
		end := k + 1
		for end < r[1] && !s.Toks[end].Is(Punct, "|") {
			end++
		}
		params := s.splitTop(k+1, end)
		if len(params) < 2 || end+1 >= r[1] {
			return s, none, ""
		}
		names := patternNames(s.Toks[params[1][0]:params[1][1]])
		if len(names) == 0 {
			return s, none, ""
		}
		body := [2]int{end, r[1]} // a block body's braces or a bare expression
		if s.Toks[end+1].Is(Punct, "{") && s.match[end+1] > 0 {
			body = [2]int{end + 1, s.match[end+1]}
		}
		return s, body, names[0]
	}
	// a path naming a function of the crate: name, crate::m::name, …
	last := r[1] - 1
	if s.Toks[last].Kind != Ident {
		return s, none, ""
	}
	if first := s.Toks[r[0]]; last > r[0] && !(first.Is(Ident, "crate") || first.Is(Ident, "self") || first.Is(Ident, "super")) {
		return s, none, "" // another crate's function
	}
	def := in.fnNamed(s.Toks[last].Text, s)
	if def == nil || len(def.params) < 2 || def.params[1] == "" {
		return s, none, ""
	}
	return def.file, def.body, def.params[1]
}

// anyOriginHeader finds an Access-Control-Allow-Origin: * header set in
// tokens from..to: the header name (a string or the http constant)
// followed within a few tokens by the string "*".
func (s *File) anyOriginHeader(from, to int) *source.Location {
	for k := from; k < to; k++ {
		t := s.Toks[k]
		isName := t.Kind == Str && strings.EqualFold(t.Text, "access-control-allow-origin") ||
			t.Is(Ident, "ACCESS_CONTROL_ALLOW_ORIGIN")
		if !isName {
			continue
		}
		for j := k + 1; j < to && j < k+6; j++ {
			if s.Toks[j].Kind == Str {
				if s.Toks[j].Text == "*" {
					loc := s.Span(k, j)
					return &loc
				}
				break
			}
		}
	}
	return nil
}
