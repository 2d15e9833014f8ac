use tauri_plugin_shell::ShellExt;

/// Exports a note through the bundled notes-sync sidecar; not granted to
/// any window, so only the inventory lists it.
#[tauri::command]
pub async fn export_note(app: tauri::AppHandle, name: String) -> Result<(), String> {
    let sidecar = app.shell().sidecar("notes-sync").map_err(|e| e.to_string())?;
    sidecar.args(["export", &name]).spawn().map_err(|e| e.to_string())?;
    Ok(())
}
