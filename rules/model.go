package rules

import "sync"

// A Model is one typed part of the app model (CSP policies, the ACL view of
// a platform, the dependency model, …), built from the loaded files by its
// domain package and shared by every rule that needs it. It replaces
// string-keyed memos: the key is the Model value itself, so two packages
// can never collide and every reader gets a T without a type assertion.
//
// Models are declared once, as package-level values in this package
// (model_*.go), next to the loader that feeds them. Run builds every
// declared model before the first rule runs, so problems found while
// building (an unreadable lockfile) are recorded before TA-CFG-000 reports
// them, and rules only read.
type Model[T any] struct {
	name    string
	perScan bool // shared by every app of the scan (whole-tree work)
	build   func(*Project) T
}

// model is the untyped view Run uses to build every declared model.
type model interface {
	force(*Project)
	modelName() string
}

var declared []model

// PerApp declares a model built once per app.
func PerApp[T any](name string, build func(*Project) T) *Model[T] {
	m := &Model[T]{name: name, build: build}
	declared = append(declared, m)
	return m
}

// PerScan declares a model built once per scan and shared by every app
// (secrets in the whole tree, git history), so a monorepo never repeats it.
func PerScan[T any](name string, build func(*Project) T) *Model[T] {
	m := &Model[T]{name: name, perScan: true, build: build}
	declared = append(declared, m)
	return m
}

// Of returns the model for p, building it on first use.
func (m *Model[T]) Of(p *Project) T {
	store := &p.models
	if m.perScan {
		store = &p.tree.models
	}
	e, _ := store.LoadOrStore(m, &modelEntry{})
	me := e.(*modelEntry)
	me.once.Do(func() { me.v = m.build(p) })
	v, _ := me.v.(T)
	return v
}

func (m *Model[T]) force(p *Project)  { m.Of(p) }
func (m *Model[T]) modelName() string { return m.name }

// modelEntry holds one built model; once makes concurrent first uses safe.
type modelEntry struct {
	once sync.Once
	v    any
}
