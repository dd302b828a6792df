//! The app shell only: plugins, state, thin commands (one file per domain), and the
//! mobile entry point. Everything Aira does lives in `aira-runtime`.

mod commands;
mod state;

use tauri::Manager;

use crate::state::AppState;

#[cfg_attr(mobile, tauri::mobile_entry_point)]
pub fn run() {
    aira_runtime::init_logging("info");

    let result = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .setup(|app| {
            let state =
                tauri::async_runtime::block_on(AppState::open(app.path().app_data_dir().ok()));
            app.manage(state);
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::status::app_status,
            commands::coaching::coaching_queue,
            commands::coaching::recoach_queued,
            commands::practice::start_practice,
            commands::practice::submit_answer_file,
            commands::practice::submit_typed_answer,
            commands::preferences::preferences,
            commands::preferences::update_preferences,
            commands::preferences::aws_profiles,
            commands::recording::list_input_devices,
            commands::recording::start_recording,
            commands::recording::pause_recording,
            commands::recording::resume_recording,
            commands::recording::stop_recording,
            commands::recording::cancel_recording,
            commands::profiles::profiles,
            commands::profiles::add_profile,
            commands::profiles::use_profile,
            commands::recovery::unfinished_sessions,
            commands::recovery::continue_session,
            commands::recovery::set_aside_session,
            commands::recovery::start_afresh,
            commands::resume::import_document,
            commands::resume::paste_document,
            commands::resume::write_resume_questions,
            commands::voice::speak,
            commands::voice::say,
            commands::voice::listen_for_command,
            commands::voice::stop_speaking,
            commands::voice::pause_speaking,
            commands::voice::resume_speaking,
            commands::voice::voices,
            commands::voice::watch_spoken_words,
            commands::history::history,
            commands::history::sessions,
            commands::history::session,
            commands::history::delete_session,
            commands::history::delete_all_data,
            commands::history::play_recording,
            commands::history::question_categories,
            commands::history::progress,
            commands::models::list_models,
            commands::models::download_model,
            commands::models::cancel_download,
            commands::models::import_model,
            commands::models::remove_model,
            commands::models::use_model,
        ])
        .run(tauri::generate_context!("../tauri.conf.json"));
    if let Err(error) = result {
        tracing::error!(%error, "Aira could not start");
        std::process::exit(1);
    }
}
