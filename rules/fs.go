package rules

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/tauriaudit/tauriaudit/rules/source"
)

// Limits bound what a scan reads, so a hostile repository cannot exhaust
// memory or time.
type Limits struct {
	MaxFileSize int64 // bytes; larger files are reported, not read
	MaxFiles    int   // directory entries walked
}

// DefaultLimits are the limits used when none are given.
var DefaultLimits = Limits{MaxFileSize: 8 << 20, MaxFiles: 200_000}

// skipDirs are never walked: dependencies, build output and VCS data hold
// no app configuration and can be huge.
var skipDirs = map[string]bool{"node_modules": true, "target": true, ".git": true, ".hg": true, ".svn": true}

// tree is the scanned file system: one walk lists every path, and each
// file is read and parsed at most once. On disk it is an os.Root, which
// refuses any path or symlink that leads outside the root.
type tree struct {
	fsys     fs.FS
	osRoot   string // absolute OS path of the root; "" for in-memory trees
	settings Settings
	inputs   *Inputs
	limits   Limits
	files    *source.FileSet
	paths    []string // regular files and symlinks, sorted, slash paths
	dirs     map[string]bool

	models   sync.Map   // scan-wide models (PerScan), keyed by *Model
	apps     []*Project // every app of the scan, in appDirs order
	mu       sync.Mutex
	parsed   map[string]*parsed
	problems []Problem
	// problemAt indexes problems by place and message; perFile counts
	// each file's, which are kept up to one past MaxFindingsPerFile (the
	// report says the list was cut).
	problemAt map[string]int
	perFile   map[string]int
}

type parsed struct {
	root *source.Node
	err  error
}

// Problem is an input file that could not be used (or only partly), with
// where and why. The loader collects them; rule TA-CFG-000 reports them.
type Problem struct {
	Loc   source.Location
	Msg   string
	Level Level
	// Input marks a Tauri input (config, capability, permission,
	// manifest or lockfile) that exists and could not be read.
	Input bool
}

// problem records a problem once: the same file read again, or read by
// a stricter caller, raises the level of the problem already recorded.
func (t *tree) problem(loc source.Location, level Level, format string, args ...any) {
	t.add(loc, level, false, fmt.Sprintf(format, args...))
}

// inputProblem is problem for a file that could not be read: for a Tauri
// input (isTauriInput) it is an unread input, else a problem at level.
func (t *tree) inputProblem(p string, level Level, format string, args ...any) {
	if isTauriInput(p) {
		t.unreadInput(p, format, args...)
		return
	}
	t.problem(source.Location{File: p}, level, format, args...)
}

func (t *tree) add(loc source.Location, level Level, input bool, msg string) {
	key := loc.File + "\x00" + strconv.Itoa(loc.Start.Offset) + "\x00" + msg
	t.mu.Lock()
	defer t.mu.Unlock()
	if i, ok := t.problemAt[key]; ok {
		if level.Rank() > t.problems[i].Level.Rank() {
			t.problems[i].Level = level
		}
		t.problems[i].Input = t.problems[i].Input || input
		return
	}
	if t.problemAt == nil {
		t.problemAt, t.perFile = map[string]int{}, map[string]int{}
	}
	if t.perFile[loc.File] > MaxFindingsPerFile {
		return
	}
	t.perFile[loc.File]++
	t.problemAt[key] = len(t.problems)
	t.problems = append(t.problems, Problem{Loc: loc, Msg: msg, Level: level, Input: input})
}

// walk lists the tree once, skipping dependency and VCS folders.
func (t *tree) walk() error {
	t.dirs = map[string]bool{".": true}
	count := 0
	err := fs.WalkDir(t.fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			t.walkProblem(p, err)
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if count++; count > t.limits.MaxFiles {
			t.problem(source.Location{File: p}, Warning, "more than %d files: the rest of the tree was not scanned (see --max-files)", t.limits.MaxFiles)
			return fs.SkipAll
		}
		if d.IsDir() {
			if p != "." && skipDirs[d.Name()] && !inACLFolder(p) {
				return fs.SkipDir
			}
			t.dirs[p] = true
			t.checkInputEntry(p, d)
			return nil
		}
		t.checkInputEntry(p, d)
		// Symlinks, FIFOs and devices are listed too: a rule that needs one
		// gets a clear problem from read, and nothing is silently dropped.
		t.paths = append(t.paths, p)
		return nil
	})
	// WalkDir's order is per directory ("crates" before "crates-cli"), not
	// the byte order exists and under binary-search ("crates-cli/x" <
	// "crates/x").
	slices.Sort(t.paths)
	return err
}

// walkProblem records a folder the walk could not list: for a
// capabilities or permissions folder (or one inside them) Tauri's build
// would read, that is an unread input.
func (t *tree) walkProblem(p string, err error) {
	base := path.Base(p)
	if base == "capabilities" || base == "permissions" || underACLDir(p) {
		t.unreadInput(p, "cannot read: %v", cleanErr(err))
		return
	}
	t.problem(source.Location{File: p}, Warning, "cannot read: %v", cleanErr(err))
}

// cleanErr drops the operation prefix os errors carry, which would repeat
// the path in messages.
func cleanErr(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// exists reports whether p was listed by the walk.
func (t *tree) exists(p string) bool {
	i := searchStrings(t.paths, p)
	return i < len(t.paths) && t.paths[i] == p
}

// under returns every listed file below dir (recursively), sorted. The
// walk does not follow symlinks, so when dir is one (Tauri would read a
// capabilities folder through it) that is reported, not passed over.
func (t *tree) under(dir string) []string {
	prefix := dir + "/"
	if dir == "." {
		prefix = ""
	}
	t.dirLink(dir, Warning)
	i := searchStrings(t.paths, prefix)
	var out []string
	for ; i < len(t.paths) && strings.HasPrefix(t.paths[i], prefix); i++ {
		out = append(out, t.paths[i])
	}
	return out
}

// dirLink reports, at level, the listed non-directory entry p that a
// caller wanted as a directory, when it is a symlink to one (or a broken
// one): the files behind it are not audited.
func (t *tree) dirLink(p string, level Level) {
	if t.dirs[p] || !t.exists(p) {
		return
	}
	info, err := fs.Stat(t.fsys, p)
	switch {
	case err != nil && strings.Contains(cleanErr(err), "escapes"):
		t.problem(source.Location{File: p}, level, "symlink leads outside the scanned root; not followed, so nothing under it was audited")
	case err != nil:
		t.problem(source.Location{File: p}, level, "%s; nothing under it was audited", cleanErr(err))
	case info.IsDir():
		t.problem(source.Location{File: p}, level, "symlink to a directory; not followed, so nothing under it was audited")
	}
}

// subdirLinks reports, at level, each entry under dir that is a symlink
// to a directory inside the root: Tauri's build globs capabilities/**
// through them, the walk does not. (Entries that lead outside the root or
// nowhere are reported when read.)
func (t *tree) subdirLinks(dir string, level Level) {
	for _, p := range t.under(dir) {
		if info, err := fs.Stat(t.fsys, p); err == nil && info.IsDir() {
			t.problem(source.Location{File: p}, level, "symlink to a directory; not followed, so nothing under it was audited")
		}
	}
}

// read returns the file at p, reading it on first use. Files that are not
// regular, lead outside the root, or exceed the size cap are reported as
// problems and not read.
func (t *tree) read(p string) (*source.File, error) { return t.readAs(p, Warning) }

// readAs is read, reporting a file it cannot audit though Tauri could
// read it (over the size cap, or a name io/fs cannot open) at tooBig: an
// error for the structured files Tauri itself reads (configs,
// capabilities, manifests), since padding one past the cap would
// otherwise hide all it grants behind a warning.
func (t *tree) readAs(p string, tooBig Level) (*source.File, error) {
	if f := t.files.File(p); f != nil {
		return f, nil
	}
	if !t.exists(p) {
		// Not in the walk: absent, or in a folder that is never scanned.
		// Rules probe optional files freely, so this is no problem.
		return nil, &fs.PathError{Op: "read", Path: p, Err: fs.ErrNotExist}
	}
	if !utf8.ValidString(p) {
		// io/fs paths are UTF-8, so the file cannot be opened here; Tauri,
		// reading OS paths, may still use it.
		t.problem(source.Location{File: p}, tooBig, "the file name is not valid UTF-8; not audited")
		return nil, fmt.Errorf("%q: file name is not valid UTF-8", p)
	}
	info, err := fs.Stat(t.fsys, p)
	if err != nil {
		msg := cleanErr(err)
		if strings.Contains(msg, "escapes") {
			msg = "symlink leads outside the scanned root; not followed"
		}
		t.inputProblem(p, Warning, "%s", msg)
		return nil, err
	}
	if !info.Mode().IsRegular() {
		t.inputProblem(p, Note, "not a regular file; skipped")
		return nil, fmt.Errorf("%s: not a regular file", p)
	}
	if info.Size() > t.limits.MaxFileSize {
		t.problem(source.Location{File: p}, tooBig, "file is %d bytes, over the %d-byte limit (--max-file-size); not audited", info.Size(), t.limits.MaxFileSize)
		return nil, fmt.Errorf("%s: too large", p)
	}
	data, err := readCapped(t.fsys, p, t.limits.MaxFileSize)
	if err != nil {
		t.inputProblem(p, Warning, "cannot read: %s", cleanErr(err))
		return nil, err
	}
	return t.files.Add(source.NewFile(p, data)), nil
}

func readCapped(fsys fs.FS, p string, max int64) ([]byte, error) {
	f, err := fsys.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := readAllSized(io.LimitReader(f, max+1), statSize(f, max))
	if err == nil && int64(len(data)) > max {
		err = fmt.Errorf("grew over the %d-byte limit while reading", max)
	}
	return data, err
}

// statSize is the file's size as Stat reports it, at most max; 0 when
// unknown.
func statSize(f fs.File, max int64) int {
	fi, err := f.Stat()
	if err != nil || fi.Size() <= 0 {
		return 0
	}
	return int(min(fi.Size(), max))
}

// readAllSized is io.ReadAll starting from a buffer of the expected size
// (plus one byte to see the end): io.ReadAll's doubling from 512 bytes
// allocated about twice each file's size.
func readAllSized(r io.Reader, size int) ([]byte, error) {
	data := make([]byte, 0, max(size+1, 512))
	for {
		n, err := r.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if err == io.EOF {
			return data, nil
		}
		if err != nil {
			return data, err
		}
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)] // the file grew: let append grow the buffer
		}
	}
}

// parse reads and parses p by its extension (.json strict unless lenient,
// .json5, .toml), caching the result. Parse errors and warnings become
// problems; the error is returned so callers can skip the file.
func (t *tree) parse(p string, format Format) (*source.Node, error) {
	key := string(format) + ":" + p
	t.mu.Lock()
	if c, ok := t.parsed[key]; ok {
		t.mu.Unlock()
		return c.root, c.err
	}
	t.mu.Unlock()
	root, err := t.parseUncached(p, format)
	t.mu.Lock()
	if t.parsed == nil {
		t.parsed = map[string]*parsed{}
	}
	t.parsed[key] = &parsed{root, err}
	t.mu.Unlock()
	return root, err
}

// parseEmbedded parses data, a file built into the binary, as strict JSON
// once per scan and records it under path.
func (t *tree) parseEmbedded(path string, data []byte) *source.Node {
	key := "embedded:" + path
	t.mu.Lock()
	c, ok := t.parsed[key]
	t.mu.Unlock()
	if ok {
		return c.root
	}
	root := t.parseFile(t.files.Add(source.NewFile(path, data)), JSONStrict)
	t.mu.Lock()
	if t.parsed == nil {
		t.parsed = map[string]*parsed{}
	}
	if c, ok := t.parsed[key]; ok {
		root = c.root // another app parsed it meanwhile: share one tree
	} else {
		t.parsed[key] = &parsed{root: root}
	}
	t.mu.Unlock()
	return root
}

// Format selects a parser.
type Format string

// The formats the loader parses.
const (
	JSONStrict Format = "json"  // serde_json: capability and permission .json files
	JSONConfig Format = "jsonc" // tauri.conf.json: JSON, falling back to JSON5 as the CLI does
	JSON5      Format = "json5"
	TOML       Format = "toml"
)

// FormatOf picks the format for a file name.
func FormatOf(name string) Format {
	switch path.Ext(name) {
	case ".json5":
		return JSON5
	case ".toml":
		return TOML
	}
	return JSONStrict
}

func (t *tree) parseUncached(p string, format Format) (*source.Node, error) {
	f, err := t.readAs(p, Error)
	if err != nil {
		return nil, err
	}
	root := t.parseFile(f, format)
	if root == nil {
		return nil, fmt.Errorf("%s: cannot parse", p)
	}
	return root, nil
}

// parseFile parses f, recording warnings and errors as problems; nil means
// the file could not be parsed.
func (t *tree) parseFile(f *source.File, format Format) *source.Node {
	var root *source.Node
	var err error
	var warns []*source.Error
	switch format {
	case JSON5:
		root, warns, err = source.ParseJSON5(f)
	case TOML:
		root, warns, err = source.ParseTOML(f)
	case JSONConfig:
		root, warns, err = parseConfigJSON(f)
	default:
		root, warns, err = source.ParseJSON(f, true)
	}
	for _, w := range warns {
		level := Warning
		if w.Severe {
			level = Error
		}
		t.problem(w.Loc, level, "%s", w.Msg)
	}
	if err != nil {
		var se *source.Error
		if errors.As(err, &se) {
			t.problem(se.Loc, Error, "%s", se.Msg)
		} else {
			t.problem(source.Location{File: f.Path}, Error, "%v", err)
		}
		return nil
	}
	return root
}

// parseConfigJSON reads tauri.conf.json the way the Tauri CLI does: JSON5
// is tried when plain JSON fails (feature config-json5), and the JSON error
// is the one reported when both fail (tauri-acl §2).
func parseConfigJSON(f *source.File) (*source.Node, []*source.Error, error) {
	root, warns, err := source.ParseJSON(f, true)
	if err == nil {
		return root, warns, nil
	}
	root5, warns5, err5 := source.ParseJSON5(f)
	if err5 != nil {
		return nil, nil, err
	}
	w := &source.Error{Loc: f.Span(0, 0), Msg: "tauri.conf.json uses JSON5 syntax: tauri-build reads it only with the config-json5 feature"}
	return root5, append(warns5, w), nil
}

func searchStrings(a []string, x string) int {
	lo, hi := 0, len(a)
	for lo < hi {
		m := (lo + hi) / 2
		if a[m] < x {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// inACLFolder reports a directory inside a capabilities/ or permissions/
// folder: tauri-build globs those whole (capabilities/**/*), so a
// capability under capabilities/target/ is read like any other. Only VCS
// metadata is still skipped there.
func inACLFolder(p string) bool {
	if d := path.Base(p); d == ".git" || d == ".hg" || d == ".svn" {
		return false
	}
	parts := strings.Split(p, "/")
	return slices.Contains(parts[:len(parts)-1], "capabilities") || slices.Contains(parts[:len(parts)-1], "permissions")
}
