use std::path::PathBuf;

use tauri::{AppHandle, Manager};

mod notes;

/// Saves a note where the caller says: the help window (a remote site, see
/// capabilities/help-site.json) is granted this command too.
#[tauri::command]
async fn save_note(path: String, body: String) -> Result<(), String> {
    let target = PathBuf::from(&path);
    tokio::fs::write(&target, body).await.map_err(|e| e.to_string())
}

/// Lists the notes folder: the name is checked against the data folder.
#[tauri::command]
fn list_notes(app: AppHandle, folder: String) -> Result<Vec<String>, String> {
    let base = app.path().app_data_dir().map_err(|e| e.to_string())?;
    let dir = base.join(&folder).canonicalize().map_err(|e| e.to_string())?;
    if !dir.starts_with(&base) {
        return Err("outside the notes folder".into());
    }
    let mut names = Vec::new();
    for entry in std::fs::read_dir(&dir).map_err(|e| e.to_string())? {
        names.push(entry.map_err(|e| e.to_string())?.file_name().to_string_lossy().into_owned());
    }
    Ok(names)
}

#[cfg_attr(mobile, tauri::mobile_entry_point)]
pub fn run() {
    tauri::Builder::default()
        .plugin(tauri_plugin_fs::init())
        .plugin(tauri_plugin_shell::init())
        .plugin(tauri_plugin_http::init())
        .plugin(tauri_plugin_opener::init())
        .plugin(tauri_plugin_updater::Builder::new().build())
        // attachments://localhost/<name>: the decoded path is read as is
        .register_uri_scheme_protocol("attachments", |ctx, request| {
            let name = percent_encoding::percent_decode_str(request.uri().path()).decode_utf8_lossy().to_string();
            let dir = ctx.app_handle().path().app_data_dir().unwrap_or_default();
            let data = std::fs::read(dir.join(name.trim_start_matches('/'))).unwrap_or_default();
            tauri::http::Response::builder().body(data).unwrap()
        })
        .invoke_handler(tauri::generate_handler![save_note, list_notes, notes::export_note])
        .run(tauri::generate_context!())
        .expect("error while running tauri application");
}
