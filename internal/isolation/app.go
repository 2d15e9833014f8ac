package isolation

import (
	"path"
	"strings"

	"github.com/tauriaudit/tauriaudit/internal/lazyre"
)

// Status is what was found in an isolation app's folder.
type Status int

// Statuses.
const (
	Found   Status = iota // the hook was found and judged
	NoDir                 // the folder is not in the scanned tree
	NoIndex               // the folder has no index.html
	NoHook                // neither index.html nor its local scripts assign the hook
)

// Hook is the result of looking for the hook in an isolation app.
type Hook struct {
	Status Status
	Dir    string // root-relative folder of the isolation app
	// File holds the hook (index.html or a script it loads); Func is
	// the hook found there (Offset in File).
	File string
	Func Func
}

// Reader reads the scanned tree: Read returns a file's text (false when
// absent), IsDir says whether a folder exists.
type Reader interface {
	ReadText(rel string) (string, bool)
	IsDir(rel string) bool
}

// maxScripts bounds the scripts of index.html that are read.
const maxScripts = 32

var (
	scriptTag = lazyre.New(`(?is)<script\b([^>]*)>(.*?)</script\s*>`)
	srcAttr   = lazyre.New(`(?i)\bsrc\s*=\s*["']?([^"'\s>]+)`)
)

// Find looks for the hook in dir's index.html, in its inline scripts and
// in the local scripts it loads, in document order.
func Find(dir string, r Reader) Hook {
	h := Hook{Dir: dir}
	if !r.IsDir(dir) {
		h.Status = NoDir
		return h
	}
	index := path.Join(dir, "index.html")
	html, ok := r.ReadText(index)
	if !ok {
		h.Status = NoIndex
		return h
	}
	for _, m := range scriptTag.FindAllStringSubmatchIndex(html, maxScripts) {
		if f, ok := FindHook(html[m[4]:m[5]]); ok {
			f.Offset += m[4]
			h.File, h.Func = index, f
			return h
		}
		src := srcAttr.FindStringSubmatch(html[m[2]:m[3]])
		if src == nil || strings.Contains(src[1], "://") || strings.HasPrefix(src[1], "//") {
			continue
		}
		rel := path.Join(dir, strings.TrimPrefix(src[1], "/"))
		if !inside(dir, rel) {
			continue // outside the isolation app
		}
		if js, ok := r.ReadText(rel); ok {
			if f, ok := FindHook(js); ok {
				h.File, h.Func = rel, f
				return h
			}
		}
	}
	h.Status = NoHook
	return h
}

// inside reports whether rel lies in dir (both root-relative and clean).
func inside(dir, rel string) bool {
	if rel == ".." || strings.HasPrefix(rel, "../") {
		return false
	}
	return dir == "." || strings.HasPrefix(rel, dir+"/")
}
