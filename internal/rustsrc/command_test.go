package rustsrc

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/tauriaudit/tauriaudit/internal/testenv"
	"github.com/tauriaudit/tauriaudit/rules/source"
)

func inventoryOf(srcs ...string) *Inventory {
	var files []*File
	for i, src := range srcs {
		files = append(files, Parse(source.NewFile(fmt.Sprintf("src/f%d.rs", i), []byte(src))))
	}
	return ReadInventory(files)
}

func TestInventoryCommands(t *testing.T) {
	inv := inventoryOf(`use tauri::{command, State};
#[command(rename_all = "snake_case")]
#[cfg(desktop)]
pub(crate) async fn save<R: tauri::Runtime, F: Fn() -> u8>(app: tauri::AppHandle<R>, file_name: String, db: State<'_, Db>, n: Option<u32>) {}
#[tauri::command]
fn greet(first_name: &str, (a, b): (u8, u8), channel: tauri::ipc::Channel<u8>, mode: Mode) -> String { String::new() }
enum Mode { A, B }
fn not_a_command(x: String) {}
const NAME: &str = "notes";
pub fn init() { tauri::plugin::Builder::new(NAME).invoke_handler(tauri::generate_handler![cmds::save]).build() }
`, `pub fn run() {
    let builder = tauri::Builder::default();
    builder.invoke_handler(tauri::generate_handler![greet, gone::elsewhere]).run(ctx);
}`)
	type param struct {
		Name, Arg, Type   string
		Injected, Bounded bool
	}
	type cmd struct {
		Name, RenameAll string
		Async           bool
		Line            int
		Invoked         []string
		Params          []param
	}
	var got []cmd
	for _, c := range inv.Commands {
		g := cmd{Name: c.Name, RenameAll: c.RenameAll, Async: c.Async, Line: c.Loc.Start.Line, Invoked: c.Invoked()}
		for _, p := range c.Params {
			g.Params = append(g.Params, param{p.Name, p.Arg, p.Type, p.Injected, p.Bounded})
		}
		got = append(got, g)
	}
	want := []cmd{
		{Name: "save", RenameAll: "snake_case", Async: true, Line: 4, Invoked: []string{"plugin:notes|save"}, Params: []param{
			{"app", "app", "tauri::AppHandle<R>", true, false},
			{"file_name", "file_name", "String", false, false},
			{"db", "db", "State<'_, Db>", true, false},
			{"n", "n", "Option<u32>", false, true},
		}},
		{Name: "greet", Line: 6, Invoked: []string{"greet"}, Params: []param{
			{"first_name", "firstName", "&str", false, false},
			{"channel", "channel", "tauri::ipc::Channel<u8>", true, false},
			{"mode", "mode", "Mode", false, true},
		}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("commands (-want +got)\n%s", diff)
	}
	if len(inv.Unknown) != 1 || inv.Unknown[0].Path != "gone::elsewhere" || inv.Unknown[0].Loc.Start.Line != 3 {
		t.Errorf("unknown registrations: %+v", inv.Unknown)
	}
}

// sinksOf returns "kind call params checked via" for each sink of the
// command name.
func sinksOf(inv *Inventory, name string) []string {
	var out []string
	for _, c := range inv.Commands {
		if c.Name != name {
			continue
		}
		for _, s := range c.Sinks {
			out = append(out, fmt.Sprintf("%s %s [%s] checked=%v via=%s", s.Kind, s.Call, strings.Join(s.Params, ","), s.Checked, strings.Join(s.Via, ">")))
		}
	}
	return out
}

func TestInventorySinks(t *testing.T) {
	inv := inventoryOf(`use std::fs::{read_to_string, File};
use std::process::Command;
#[tauri::command] fn a(p: String) { let _ = read_to_string(&p); }
#[tauri::command] fn b(p: String) { let q = std::path::Path::new(&p).to_path_buf(); let _ = File::open(q); }
#[tauri::command] fn c(id: String) { let p = db_lookup(&id); let _ = std::fs::read(p); }
#[tauri::command] fn d(p: String) { if p.len() > 3 { let _ = std::fs::read(format!("{}", p.len())); } }
#[tauri::command] fn e(ps: Vec<String>) { ps.iter().for_each(|x| { let _ = std::fs::remove_file(x); }); for y in &ps { let _ = std::fs::remove_dir(y); } }
#[tauri::command] fn f(p: String) { let ext = std::path::Path::new(&p).extension(); if ext != "svg" { return; } let _ = std::fs::read(&p); }
#[tauri::command] fn g(p: String) { if p == "a.txt" { let _ = std::fs::read(&p); } }
#[tauri::command] fn h(p: String) { let c = std::fs::canonicalize(&p).unwrap(); if c.starts_with("/srv") { let _ = std::fs::read(&c); } }
#[tauri::command] fn i(p: String) { one(&p); Store::new(&p); }
impl Store { fn new(s: &str) { let _ = std::fs::write(s, ""); } }
fn one(x: &str) { two(x) }
fn two(y: &str) { let _ = std::fs::read(y); }
#[tauri::command] fn l(p: String) { one_more(&p); }
fn one_more(x: &str) { two_more(x) }
fn two_more(y: &str) { three(y) }
fn three(z: &str) { let _ = std::fs::read(z); }
#[tauri::command] fn j(body: String) { let _ = std::fs::write("/tmp/fixed", body); let _ = Command::new("ls").spawn(); unsafe { x() } }
#[tauri::command] fn k(u: String) { let _ = Command::new("open").arg(&u).spawn(); }
`)
	for name, want := range map[string][]string{
		"a": {"fs-read read_to_string [p] checked=false via="},
		"b": {"fs-read File::open [p] checked=false via="},
		"c": nil, // a lookup by id is not the caller's path
		"d": nil, // a length is bounded
		"e": {"fs-delete std::fs::remove_file [ps] checked=false via=", "fs-delete std::fs::remove_dir [ps] checked=false via="},
		"f": {"fs-read std::fs::read [p] checked=false via="}, // an extension check is not a path check
		"g": {"fs-read std::fs::read [p] checked=true via="},
		"h": {"fs-read std::fs::read [p] checked=true via="},
		"i": {"fs-read std::fs::read [p] checked=false via=one>two"}, // helpers are followed two calls deep
		"l": nil,                                                     // not three
		"j": {"exec Command::new [] checked=false via=", "unsafe unsafe [] checked=false via="},
		"k": {"exec Command::new [u] checked=false via="},
	} {
		if diff := cmp.Diff(want, sinksOf(inv, name)); diff != "" {
			t.Errorf("%s: sinks (-want +got)\n%s", name, diff)
		}
	}
}

// Hostile sources stay bounded: deep nesting of lets, huge argument
// lists, many helper calls, unbalanced braces, invalid UTF-8.
func TestInventoryBounded(t *testing.T) {
	n := 20000
	cases := map[string]string{
		"nested lets": "#[tauri::command] fn a(p: String) {" + strings.Repeat("let x = {", n) + "p" + strings.Repeat("};", n) + "}",
		"huge args":   "#[tauri::command] fn a(p: String) { std::fs::read(" + strings.Repeat("f(p), ", n) + "); }",
		"helper calls": "#[tauri::command] fn a(p: String) {" + strings.Repeat("h(&p);", n) + "}\nfn h(x: &str) {" +
			strings.Repeat("g(x);", 200) + "}\nfn g(y: &str) { let _ = std::fs::read(y); }",
		"unbalanced": "#[tauri::command] fn a(p: String) {" + strings.Repeat("{ let q = (p", n),
		"macro soup": strings.Repeat("#[tauri::command] fn f(p: String) { m!(p, |x| x.map(|y| std::fs::read(y))); }\n", n/10) +
			strings.Repeat("tauri::generate_handler![f]; ", n),
		"invalid utf8": "#[tauri::command] fn \xff\xfe(p: \xc3String) { std::fs::read(p\x80); }",
	}
	for name, src := range cases {
		t.Run(name, func(t *testing.T) {
			cpu := testenv.StartCPU()
			inventoryOf(src)
			if d := cpu.Elapsed(); d > 5*time.Second {
				t.Errorf("took %v of CPU", d)
			}
		})
	}
}

func TestInventoryProtocols(t *testing.T) {
	inv := inventoryOf(`pub fn run() {
    tauri::Builder::default()
        .register_uri_scheme_protocol("files", |_ctx, request| {
            let path = percent_encoding::percent_decode_str(request.uri().path()).decode_utf8_lossy().to_string();
            let data = std::fs::read(format!("/srv/data{path}")).unwrap_or_default();
            http::Response::builder().header("Access-Control-Allow-Origin", "*").body(data).unwrap()
        })
        .register_asynchronous_uri_scheme_protocol("media", move |_ctx, req, responder| {
            let p = req.uri().path().trim_start_matches('/');
            if p.contains("..") { return; }
            responder.respond(http::Response::new(std::fs::read(p).unwrap()));
        })
        .register_uri_scheme_protocol("named", serve)
        .register_uri_scheme_protocol("other", other_crate::serve);
}
fn serve<R: Runtime>(ctx: UriSchemeContext<'_, R>, request: Request<Vec<u8>>) -> Response<Vec<u8>> {
    let full = root().join(request.uri().path()).canonicalize().unwrap();
    if !full.starts_with(root()) { return forbidden(); }
    Response::builder().header(header::ACCESS_CONTROL_ALLOW_ORIGIN, "https://app.example.com").body(std::fs::read(full).unwrap()).unwrap()
}
`)
	var got []string
	for _, p := range inv.Protocols {
		g := fmt.Sprintf("%s async=%v followed=%v", p.Scheme, p.Async, p.Followed)
		for _, r := range p.Reads {
			g += fmt.Sprintf(" read:%d checked=%v", r.Loc.Start.Line, r.Checked)
		}
		if p.AnyOrigin != nil {
			g += fmt.Sprintf(" any-origin:%d", p.AnyOrigin.Start.Line)
		}
		got = append(got, g)
	}
	want := []string{
		"files async=false followed=true read:5 checked=false any-origin:6",
		"media async=true followed=true read:11 checked=true",
		"named async=false followed=true read:19 checked=true",
		"other async=false followed=false",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("protocols (-want +got)\n%s", diff)
	}
}
