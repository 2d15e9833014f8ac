package jssrc

import (
	"strings"

	"github.com/tauriaudit/tauriaudit/internal/lazyre"
)

// Invoke is one invoke('name', …) call of Tauri's JS API with a literal
// command name.
type Invoke struct {
	Name string
	Off  int // byte offset of the name's opening quote
}

var (
	// invoke("cmd"), invoke<T>('cmd'), core.invoke(`cmd`)
	invokeCall = lazyre.New("\\binvoke\\s*(?:<[^<>()]{0,200}>)?\\s*\\(\\s*(['\"`])([A-Za-z0-9_:|.-]{1,200})(['\"`])")
	// the module or global that provides Tauri's invoke
	tauriInvoke = lazyre.New(`@tauri-apps/api/(?:core|tauri)\b|__TAURI__|__TAURI_INTERNALS__`)
)

// Invokes returns the invoke calls with a literal name in a JS or TS
// source that takes invoke from Tauri (an import of @tauri-apps/api/core,
// or the __TAURI__ / __TAURI_INTERNALS__ globals); none otherwise, since
// another library's invoke is not Tauri's. Comments never count.
func Invokes(src string) []Invoke {
	code := BlankComments(src)
	if !tauriInvoke.MatchString(code) {
		return nil
	}
	var out []Invoke
	for _, m := range invokeCall.FindAllStringSubmatchIndex(code, -1) {
		open, close := code[m[2]:m[3]], code[m[6]:m[7]]
		if open != close {
			continue
		}
		name := code[m[4]:m[5]]
		if strings.ContainsAny(name, "$") {
			continue
		}
		out = append(out, Invoke{Name: name, Off: m[2]})
	}
	return out
}
