package rustsrc

import (
	"strings"

	"github.com/tauriaudit/tauriaudit/rules/source"
)

// SinkKind names what a sink does.
type SinkKind string

const (
	SinkExec     SinkKind = "exec"      // runs a process
	SinkFSRead   SinkKind = "fs-read"   // reads a file or folder
	SinkFSWrite  SinkKind = "fs-write"  // creates or writes a file or folder
	SinkFSDelete SinkKind = "fs-delete" // removes a file or folder
	SinkNet      SinkKind = "net"       // sends a network request
	SinkEval     SinkKind = "eval"      // runs script in a webview
	SinkOpen     SinkKind = "open"      // hands a URL or path to the system opener
	SinkSQL      SinkKind = "sql"       // runs SQL text
	SinkUnsafe   SinkKind = "unsafe"    // an unsafe block
)

// Sink is one security-relevant call of a command.
type Sink struct {
	Kind SinkKind
	Call string          // what is called, as written: "fs::read_to_string", ".eval"
	Loc  source.Location // the called name
	// Params are the command parameters (Rust names) whose values reach
	// the call's arguments; none for a sink fed only by constants.
	Params []string
	// ArgsOnly is set for a process whose program is fixed and only its
	// arguments come from the caller.
	ArgsOnly bool
	// Checked is true when every parameter reaching the sink passes a
	// check on the way (Check says which); unsure counts as unchecked.
	Checked bool
	Check   string
	// Via are the local helper functions the value went through.
	Via []string
}

// Derived reports whether a parameter reaches the sink.
func (s Sink) Derived() bool { return len(s.Params) > 0 }

// fsOps are the std::fs / tokio::fs functions taking a path, by effect.
var fsOps = map[string]SinkKind{
	"read": SinkFSRead, "read_to_string": SinkFSRead, "read_dir": SinkFSRead, "read_link": SinkFSRead,
	"write": SinkFSWrite, "create_dir": SinkFSWrite, "create_dir_all": SinkFSWrite, "copy": SinkFSWrite,
	"rename": SinkFSWrite, "hard_link": SinkFSWrite, "set_permissions": SinkFSWrite,
	"remove_file": SinkFSDelete, "remove_dir": SinkFSDelete, "remove_dir_all": SinkFSDelete,
	"trash_delete": SinkFSDelete,
}

var (
	netCrateFns = map[string]bool{"get": true, "post": true, "put": true, "delete": true, "patch": true, "head": true, "request": true}
	netMethods  = netCrateFns
	netMarks    = map[string]bool{"reqwest": true, "Client": true, "ClientBuilder": true, "ureq": true, "Agent": true, "client": true, "http_client": true, "attohttpc": true}
	sqlMethods  = map[string]bool{"execute": true, "query": true, "query_row": true, "query_map": true, "prepare": true, "prepare_cached": true, "execute_batch": true, "query_as": true}
	sqlxFns     = map[string]bool{"query": true, "query_as": true, "query_scalar": true, "raw_sql": true, "sql_query": true}
	openerPaths = map[string]bool{"open::that": true, "open::that_detached": true, "open::that_in_background": true, "open::with": true,
		"opener::open": true, "opener::open_browser": true, "opener::reveal": true, "webbrowser::open": true,
		"tauri_plugin_opener::open_url": true, "tauri_plugin_opener::open_path": true, "tauri_plugin_opener::reveal_item_in_dir": true}
	openerMethods = map[string]bool{"open_url": true, "open_path": true, "reveal_item_in_dir": true}
)

// fileTraits are file-level facts the sink matcher needs.
type fileTraits struct {
	fsImports   map[string]bool // fs functions imported by name (use std::fs::{read, write})
	procCommand bool            // use std::process::Command / tokio::process::Command
	sql         bool            // the file uses an SQL crate
	clientVars  map[string]bool // names bound to an HTTP client
}

func (s *File) traits() *fileTraits {
	t := &fileTraits{fsImports: map[string]bool{}}
	for i := 0; i < len(s.Toks); i++ {
		tk := s.Toks[i]
		if tk.Kind == Ident && (tk.Text == "sqlx" || tk.Text == "rusqlite" || tk.Text == "diesel" || tk.Text == "sqlite") {
			t.sql = true
		}
		if !tk.Is(Ident, "use") {
			continue
		}
		end := i + 1
		for end < len(s.Toks) && end < i+300 && !s.Toks[end].Is(Punct, ";") {
			end++
		}
		fsAt, procAt := -1, -1
		for j := i + 1; j < end; j++ {
			if s.Toks[j].Is(Ident, "fs") && j+1 < end && s.Toks[j+1].Is(Punct, "::") && fsAt < 0 {
				fsAt = j
			}
			if s.Toks[j].Is(Ident, "process") {
				procAt = j
			}
			if s.Toks[j].Is(Ident, "Command") && procAt >= 0 {
				t.procCommand = true
			}
		}
		for j := fsAt + 1; fsAt >= 0 && j < end; j++ {
			if s.Toks[j].Kind == Ident && (fsOps[s.Toks[j].Text] != "" || s.Toks[j].Text == "File") {
				t.fsImports[s.Toks[j].Text] = true
			}
		}
		i = end
	}
	t.clientVars = s.Bindings(map[string]bool{"reqwest": true, "ClientBuilder": true, "ureq": true, "Client": true})
	return t
}

// pathBefore returns the path segments ending at the identifier k:
// std::fs::read → [std fs read].
func (s *File) pathBefore(k int) []string {
	out := []string{s.Toks[k].Text}
	for j := k - 1; j >= 1 && s.Toks[j].Is(Punct, "::") && s.Toks[j-1].Kind == Ident; j -= 2 {
		out = append([]string{s.Toks[j-1].Text}, out...)
	}
	return out
}

// matchSink recognises a sink whose called name is token k (followed by
// "("). It returns the kind and the call as written.
func (s *File) matchSink(k int, tr *fileTraits) (SinkKind, string, bool) {
	t := s.Toks[k]
	if t.Kind != Ident || k+1 >= len(s.Toks) || !s.Toks[k+1].Is(Punct, "(") {
		return "", "", false
	}
	method := k > 0 && s.Toks[k-1].Is(Punct, ".")
	if method {
		chain := s.Chain(k - 1)
		has := func(marks ...string) bool {
			for _, c := range chain {
				for _, m := range marks {
					if c == m {
						return true
					}
				}
			}
			return false
		}
		root := ""
		if len(chain) > 0 {
			root = chain[len(chain)-1]
		}
		switch {
		case t.Text == "eval":
			return SinkEval, ".eval", true
		case (t.Text == "command" || t.Text == "sidecar") && has("shell"):
			return SinkExec, ".shell()." + t.Text, true
		case t.Text == "open" && has("shell"):
			return SinkOpen, ".shell().open", true
		case t.Text == "open" && has("OpenOptions"):
			return SinkFSWrite, "OpenOptions.open", true
		case openerMethods[t.Text]:
			return SinkOpen, "." + t.Text, true
		case netMethods[t.Text] && (hasAny(chain, netMarks) || tr.clientVars[root]):
			return SinkNet, "." + t.Text, true
		case sqlMethods[t.Text] && tr.sql:
			return SinkSQL, "." + t.Text, true
		}
		return "", "", false
	}
	path := s.pathBefore(k)
	joined := strings.Join(path, "::")
	n := len(path)
	switch {
	case t.Text == "new" && n >= 2 && path[n-2] == "Command" && (tr.procCommand || containsString(path, "process")):
		return SinkExec, joined, true
	case n >= 2 && path[n-2] == "fs" && fsOps[t.Text] != "":
		return fsOps[t.Text], joined, true
	case n >= 2 && path[n-2] == "File" && (t.Text == "open" || t.Text == "create" || t.Text == "create_new"):
		if t.Text == "open" {
			return SinkFSRead, joined, true
		}
		return SinkFSWrite, joined, true
	case n == 1 && tr.fsImports[t.Text] && fsOps[t.Text] != "":
		return fsOps[t.Text], joined, true
	case n >= 2 && (path[n-2] == "reqwest" || path[n-2] == "blocking" && path[0] == "reqwest" ||
		path[n-2] == "ureq" || path[n-2] == "attohttpc" || path[n-2] == "minreq") && netCrateFns[t.Text]:
		return SinkNet, joined, true
	case n >= 2 && openerPaths[path[n-2]+"::"+t.Text]:
		return SinkOpen, joined, true
	case n >= 2 && path[n-2] == "sqlx" && sqlxFns[t.Text] || n == 1 && t.Text == "sql_query" && tr.sql:
		return SinkSQL, joined, true
	}
	return "", "", false
}

func hasAny(chain []string, marks map[string]bool) bool {
	for _, c := range chain {
		if marks[c] {
			return true
		}
	}
	return false
}
