package rustsrc

import (
	"path"
	"strings"

	"github.com/tauriaudit/tauriaudit/rules/source"
)

// Inventory is the crate's IPC surface as its sources declare it: the
// command functions, the generate_handler! lists that register them, and
// what each command does with its parameters.
type Inventory struct {
	Commands []*Command
	Handlers []Handler
	// Protocols are the custom URI scheme handlers.
	Protocols []Protocol
	// Unknown are registered names with no command function in the
	// sources read (defined in another crate, or by a macro).
	Unknown []Registration
	// Notes say what the reader could not follow, with the line.
	Notes []Note
}

// Note is something the reader could not follow.
type Note struct {
	Loc  source.Location
	Text string
}

// Registered returns the commands some handler registers.
func (inv *Inventory) Registered() []*Command {
	var out []*Command
	for _, c := range inv.Commands {
		if len(c.Registered) > 0 {
			out = append(out, c)
		}
	}
	return out
}

// analysisBudget bounds the tokens the flow walks visit for one crate
// (helpers are walked again per call), so macro soup stays linear.
const analysisBudget = 1_000_000

// inventory is the state of one ReadInventory call.
type inventory struct {
	files  []*File
	fns    map[string][]*fnDef
	enums  map[string]bool
	traits map[*File]*fileTraits
	steps  int
	// helpers memoizes helper walks (see flow.helperKey).
	helpers map[string][]Sink
}

// ReadInventory reads the command inventory of a crate's parsed sources.
func ReadInventory(files []*File) *Inventory {
	out := &Inventory{}
	in := &inventory{files: files, fns: map[string][]*fnDef{}, enums: map[string]bool{}, traits: map[*File]*fileTraits{}, helpers: map[string][]Sink{}}
	consts := map[string]string{}
	for _, s := range files {
		s.stringConsts(consts)
		s.indexItems(in)
	}
	for _, s := range files {
		out.Commands = append(out.Commands, s.commands(&out.Notes)...)
		out.Handlers = append(out.Handlers, s.handlers(consts, &out.Notes)...)
	}
	for _, c := range out.Commands {
		for i := range c.Params {
			c.Params[i].Bounded = !c.Params[i].Injected && in.bounded(c.Params[i].Type)
		}
	}
	in.register(out)
	for _, c := range out.Commands {
		if in.steps > analysisBudget {
			out.Notes = append(out.Notes, Note{Loc: c.Loc, Text: "the sources are too large to follow further; later commands have no sinks listed"})
			break
		}
		in.analyze(c)
	}
	for _, s := range files {
		out.Protocols = append(out.Protocols, in.protocols(s, &out.Notes)...)
	}
	return out
}

// indexItems records the file's free functions and enums.
func (s *File) indexItems(in *inventory) {
	for k := 0; k+2 < len(s.Toks); k++ {
		t := s.Toks[k]
		if t.Is(Ident, "enum") && s.Toks[k+1].Kind == Ident {
			in.enums[s.Toks[k+1].Text] = true
			continue
		}
		if !t.Is(Ident, "fn") || s.Toks[k+1].Kind != Ident {
			continue
		}
		d := &fnDef{file: s, name: s.Toks[k+1].Text, body: [2]int{-1, -1}}
		j := k + 2
		if s.Toks[j].Is(Punct, "<") {
			j = s.skipGenerics(j)
		}
		if j >= len(s.Toks) || !s.Toks[j].Is(Punct, "(") || s.match[j] < 0 {
			continue
		}
		for _, r := range s.splitTop(j+1, s.match[j]) {
			p, _ := s.readParam(r[0], r[1], "snake_case")
			d.params = append(d.params, p.Name)
		}
		for b := s.match[j] + 1; b < len(s.Toks); b++ {
			if s.Toks[b].Is(Punct, ";") {
				break
			}
			if s.Toks[b].Is(Punct, "{") {
				if s.match[b] > b {
					d.body = [2]int{b, s.match[b]}
				}
				break
			}
			if s.Toks[b].Kind == Punct && (s.Toks[b].Text == "(" || s.Toks[b].Text == "[") && s.match[b] > b {
				b = s.match[b]
			}
		}
		if d.body[0] >= 0 {
			in.fns[d.name] = append(in.fns[d.name], d)
		}
	}
}

// fnNamed returns the free function name, preferring one in file from;
// nil when the crate defines none or several elsewhere.
func (in *inventory) fnNamed(name string, from *File) *fnDef {
	defs := in.fns[name]
	for _, d := range defs {
		if d.file == from {
			return d
		}
	}
	if len(defs) == 1 {
		return defs[0]
	}
	return nil
}

func (in *inventory) traitsOf(s *File) *fileTraits {
	if t := in.traits[s]; t != nil {
		return t
	}
	t := s.traits()
	in.traits[s] = t
	return t
}

// bounded reports a type that cannot carry a path, URL or script: only
// integers, bools, chars or the crate's enums, possibly inside Option,
// Vec, Box, references.
func (in *inventory) bounded(typ string) bool {
	toks := Lex(typ)
	seen := false
	for _, t := range toks {
		if t.Kind != Ident || wrapperTypes[t.Text] || t.Text == "mut" {
			continue
		}
		if !boundedTypes[t.Text] && !in.enums[t.Text] {
			return false
		}
		seen = true
	}
	return seen
}

// register matches each handler entry with a command function by name;
// with several candidates, the one in the module the path names wins.
func (in *inventory) register(out *Inventory) {
	byName := map[string][]*Command{}
	for _, c := range out.Commands {
		byName[c.Name] = append(byName[c.Name], c)
	}
	for _, h := range out.Handlers {
		for _, e := range h.Entries {
			parts := strings.Split(e.Path, "::")
			name := parts[len(parts)-1]
			cands := byName[name]
			if c := inFile(cands, e.Loc.File); c != nil {
				cands = []*Command{c}
			}
			switch {
			case len(cands) == 0:
				out.Unknown = append(out.Unknown, e)
				continue
			case len(cands) > 1 && len(parts) > 1:
				if c := inModule(cands, parts[len(parts)-2]); c != nil {
					cands = []*Command{c}
				}
			}
			if len(cands) > 1 {
				out.Notes = append(out.Notes, Note{Loc: e.Loc, Text: "several command functions are named " + name + "; the first is used"})
			}
			cands[0].Registered = append(cands[0].Registered, e)
		}
	}
}

// inFile returns the only command of cands defined in file, or nil.
func inFile(cands []*Command, file string) *Command {
	var out *Command
	for _, c := range cands {
		if c.Loc.File == file {
			if out != nil {
				return nil
			}
			out = c
		}
	}
	return out
}

// inModule returns the command whose file is the module mod (mod.rs or
// mod/mod.rs).
func inModule(cands []*Command, mod string) *Command {
	for _, c := range cands {
		p := c.file.Source.Path
		stem := strings.TrimSuffix(path.Base(p), ".rs")
		if stem == mod || stem == "mod" && path.Base(path.Dir(p)) == mod {
			return c
		}
	}
	return nil
}

// analyze collects the sinks of c: its body, with every caller-supplied
// parameter that is neither injected nor bounded as a source.
func (in *inventory) analyze(c *Command) {
	if c.body[0] < 0 {
		return
	}
	taint := map[string][]string{}
	for _, p := range c.Params {
		if !p.Injected && !p.Bounded {
			taint[p.Name] = []string{p.Name}
		}
	}
	f := &flow{inv: in, file: c.file, tr: in.traitsOf(c.file), taint: taint, part: map[string]bool{}, checks: map[string]checks{},
		procs: map[string]int{}, visited: map[string]bool{c.Name: true}}
	f.run(c.body[0], c.body[1])
	c.Sinks = dedupSinks(f.sinks)
}

// dedupSinks keeps one sink per place and kind: a helper reached by two
// paths reports its call once, by the first (shortest) path.
func dedupSinks(in []Sink) []Sink {
	seen := map[sinkKey]bool{}
	var out []Sink
	for _, sk := range in {
		k := sinkKey{sk.Loc.File, sk.Loc.Start.Offset, sk.Kind}
		if !seen[k] {
			seen[k] = true
			out = append(out, sk)
		}
	}
	return out
}
