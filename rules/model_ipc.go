package rules

import "github.com/tauriaudit/tauriaudit/internal/rustsrc"

// IPCInventory is the app crate's own IPC surface: its #[tauri::command]
// functions, the generate_handler! lists registering them (on the app's
// Builder or a local plugin's) and the sinks each command's parameters
// reach. It is read with the other Rust facts (one lexing per file).
var IPCInventory = PerApp("ipc.inventory", func(p *Project) *rustsrc.Inventory {
	return RustFacts.Of(p).IPC
})
