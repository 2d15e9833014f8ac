package jssrc

import (
	"fmt"
	"strings"
	"testing"
)

func TestInvokes(t *testing.T) {
	src := `import { invoke } from "@tauri-apps/api/core";
// invoke("commented_out")
const a = await invoke<string>('read_note', { path });
await invoke("plugin:notes|save");
await invoke(` + "`greet`" + `);
await invoke(name);
await invoke("mixed');`
	var got []string
	for _, in := range Invokes(src) {
		got = append(got, fmt.Sprintf("%s@%d", in.Name, in.Off))
	}
	want := fmt.Sprintf("[read_note@%d plugin:notes|save@%d greet@%d]",
		strings.Index(src, "'read_note'"), strings.Index(src, `"plugin:notes|save"`), strings.Index(src, "`greet`"))
	if fmt.Sprint(got) != want {
		t.Errorf("Invokes = %v, want %s", got, want)
	}
	if got := Invokes(`import { invoke } from "electron-helpers"; invoke("x")`); len(got) != 0 {
		t.Errorf("another library's invoke counted: %v", got)
	}
	if got := Invokes(`window.__TAURI__.core.invoke("y")`); len(got) != 1 || got[0].Name != "y" {
		t.Errorf("global invoke: %v", got)
	}
}
