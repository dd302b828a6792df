//! The only door to the backend: one typed function per Tauri command. Nothing else in
//! the UI knows that Tauri exists.

use aira_protocol::{
    AppStatus, AwsProfilesOutput, CoachingQueueOutput, CommandError, DeletedOutput, DocumentKind,
    ErrorCode, FeedbackDelta, ImportDocumentInput, ImportModelInput, ImportSource,
    InputDevicesOutput, InstalledModelInfo, ModelNameInput, ModelProgress, ModelsOutput,
    PasteDocumentInput, PlayRecordingInput, PlayRecordingOutput, PracticeQuestion, Preferences,
    PreferencesPatch, ProfileInfo, ProfileNameInput, ProfilesOutput, ProgressFilter, ProgressInput,
    ProgressOutput, QuestionCategoriesOutput, RecoachOutput, RecordingUpdate, RedactedDocument,
    SessionFilter, SessionIdInput, SessionInput, SessionOutput, SessionsInput, SessionsOutput,
    SpeakInput, SpokenWord, StartAfreshOutput, StartPracticeInput, StartRecordingInput,
    StartRecordingOutput, StopRecordingInput, SubmitAnswerFileInput, SubmitTypedAnswerInput,
    TurnResult, UnfinishedSessionsOutput, VoiceCommandOutput, VoicesOutput, WriteQuestionsInput,
    WrittenQuestionInfo,
};
use serde::Serialize;
use serde::de::DeserializeOwned;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    // `catch` turns a rejected promise (and a missing `window.__TAURI__` outside the app)
    // into `Err` instead of a panic.
    #[wasm_bindgen(js_namespace = ["window", "__TAURI__", "core"], catch)]
    async fn invoke(command: &str, args: JsValue) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(js_namespace = ["window", "__TAURI__", "core"])]
    type Channel;

    #[wasm_bindgen(constructor, catch, js_namespace = ["window", "__TAURI__", "core"])]
    fn new() -> Result<Channel, JsValue>;

    #[wasm_bindgen(method, setter)]
    fn set_onmessage(this: &Channel, handler: &js_sys::Function);
}

thread_local! {
    // A detached channel must still have a callable handler: an update already in
    // flight would otherwise hit a dropped closure and throw.
    static IGNORE_MESSAGE: Closure<dyn Fn(JsValue)> = Closure::new(|_message: JsValue| {});
}

/// The messages of one channel: a recording's updates, a download's progress. Dropping it
/// stops delivering them and frees the callback, so each owns exactly one closure and leaks
/// none.
pub struct UpdateStream {
    channel: Channel,
    _handler: Closure<dyn Fn(JsValue)>,
}

impl UpdateStream {
    /// A channel whose messages, read as `T`, go to `on_message`.
    fn open<T: DeserializeOwned + 'static>(
        on_message: impl Fn(T) + 'static,
    ) -> Result<Self, CommandError> {
        let channel = Channel::new().map_err(from_js_error)?;
        let handler = Closure::<dyn Fn(JsValue)>::new(move |message: JsValue| {
            match serde_wasm_bindgen::from_value::<T>(message) {
                Ok(update) => on_message(update),
                Err(error) => leptos::logging::error!("unreadable channel message: {error}"),
            }
        });
        channel.set_onmessage(handler.as_ref().unchecked_ref());
        Ok(Self {
            channel,
            _handler: handler,
        })
    }

    /// Adds the channel to a command's arguments under `name`.
    fn attach(&self, args: &JsValue, name: &str) -> Result<(), CommandError> {
        js_sys::Reflect::set(args, &JsValue::from_str(name), &self.channel)
            .map(|_| ())
            .map_err(from_js_error)
    }
}

impl Drop for UpdateStream {
    fn drop(&mut self) {
        IGNORE_MESSAGE.with(|ignore| self.channel.set_onmessage(ignore.as_ref().unchecked_ref()));
    }
}

#[derive(Serialize)]
struct WithInput<T> {
    input: T,
}

pub async fn app_status() -> Result<AppStatus, CommandError> {
    call("app_status", js_sys::Object::new().into()).await
}

/// Picks this question, or a random one; the backend also starts reading it aloud.
pub async fn start_practice(question_id: Option<String>) -> Result<PracticeQuestion, CommandError> {
    call_with_input("start_practice", StartPracticeInput { question_id }).await
}

pub async fn profiles() -> Result<ProfilesOutput, CommandError> {
    call("profiles", js_sys::Object::new().into()).await
}

pub async fn add_profile(name: String) -> Result<ProfileInfo, CommandError> {
    call_with_input("add_profile", ProfileNameInput { name }).await
}

/// Practises as this profile from now on (a new session starts).
pub async fn use_profile(name: String) -> Result<ProfileInfo, CommandError> {
    call_with_input("use_profile", ProfileNameInput { name }).await
}

/// Sessions an earlier run left open (a crash, a kill), to go on with or set aside.
pub async fn unfinished_sessions() -> Result<UnfinishedSessionsOutput, CommandError> {
    call("unfinished_sessions", js_sys::Object::new().into()).await
}

pub async fn continue_session(id: String) -> Result<(), CommandError> {
    call_with_input_for_nothing("continue_session", SessionIdInput { id }).await
}

pub async fn set_aside_session(id: String) -> Result<(), CommandError> {
    call_with_input_for_nothing("set_aside_session", SessionIdInput { id }).await
}

/// Replaces a damaged history with an empty one; the damaged file is copied aside first.
pub async fn start_afresh() -> Result<StartAfreshOutput, CommandError> {
    call("start_afresh", js_sys::Object::new().into()).await
}

pub async fn coaching_queue() -> Result<CoachingQueueOutput, CommandError> {
    call("coaching_queue", js_sys::Object::new().into()).await
}

pub async fn recoach_queued() -> Result<RecoachOutput, CommandError> {
    call("recoach_queued", js_sys::Object::new().into()).await
}

/// Lets the user pick a résumé or job description; `None` when the dialog was cancelled.
pub async fn import_document(kind: DocumentKind) -> Result<Option<RedactedDocument>, CommandError> {
    call_with_input("import_document", ImportDocumentInput { kind }).await
}

pub async fn paste_document(
    kind: DocumentKind,
    text: String,
) -> Result<RedactedDocument, CommandError> {
    call_with_input("paste_document", PasteDocumentInput { kind, text }).await
}

pub async fn write_resume_questions(
    input: WriteQuestionsInput,
) -> Result<Vec<WrittenQuestionInfo>, CommandError> {
    call_with_input("write_resume_questions", input).await
}

pub async fn speak(text: String) -> Result<(), CommandError> {
    call_with_input_for_nothing("speak", SpeakInput { text }).await
}

pub async fn pause_speaking() -> Result<(), CommandError> {
    call_for_nothing("pause_speaking", js_sys::Object::new().into()).await
}

pub async fn resume_speaking() -> Result<(), CommandError> {
    call_for_nothing("resume_speaking", js_sys::Object::new().into()).await
}

pub async fn aws_profiles() -> Result<AwsProfilesOutput, CommandError> {
    call("aws_profiles", js_sys::Object::new().into()).await
}

pub async fn voices() -> Result<VoicesOutput, CommandError> {
    call("voices", js_sys::Object::new().into()).await
}

/// Every word, as it starts to be heard, goes to `on_word` for as long as the returned
/// stream is kept.
pub async fn watch_spoken_words(
    on_word: impl Fn(SpokenWord) + 'static,
) -> Result<UpdateStream, CommandError> {
    let stream = UpdateStream::open(on_word)?;
    let args: JsValue = js_sys::Object::new().into();
    stream.attach(&args, "words")?;
    call_for_nothing("watch_spoken_words", args).await?;
    Ok(stream)
}

pub async fn stop_speaking() -> Result<(), CommandError> {
    call_for_nothing("stop_speaking", js_sys::Object::new().into()).await
}

/// Starts the microphone for an answer to `question_id`; `on_update` receives levels
/// (about 20 a second), the words heard so far and the moments to stop, until the returned
/// stream is dropped.
pub async fn start_recording(
    question_id: String,
    on_update: impl Fn(RecordingUpdate) + 'static,
) -> Result<(UpdateStream, StartRecordingOutput), CommandError> {
    // Opened before the call so a failed start still detaches the handler on drop.
    let stream = UpdateStream::open(on_update)?;
    let args = to_js(&WithInput {
        input: StartRecordingInput { question_id },
    })?;
    stream.attach(&args, "updates")?;
    let opened = call("start_recording", args).await?;
    Ok((stream, opened))
}

pub async fn pause_recording() -> Result<(), CommandError> {
    call_for_nothing("pause_recording", js_sys::Object::new().into()).await
}

pub async fn resume_recording() -> Result<(), CommandError> {
    call_for_nothing("resume_recording", js_sys::Object::new().into()).await
}

pub async fn list_input_devices() -> Result<InputDevicesOutput, CommandError> {
    call("list_input_devices", js_sys::Object::new().into()).await
}

pub async fn preferences() -> Result<Preferences, CommandError> {
    call("preferences", js_sys::Object::new().into()).await
}

pub async fn update_preferences(patch: PreferencesPatch) -> Result<Preferences, CommandError> {
    #[derive(Serialize)]
    struct WithPatch {
        patch: PreferencesPatch,
    }
    call("update_preferences", to_js(&WithPatch { patch })?).await
}

/// Stops the microphone and waits for transcription and coaching (a few seconds);
/// `on_text` receives the feedback's text while a streaming coach writes it.
pub async fn stop_recording(
    question_id: String,
    on_text: impl Fn(FeedbackDelta) + 'static,
) -> Result<TurnResult, CommandError> {
    let stream = UpdateStream::open(on_text)?;
    let args = to_js(&WithInput {
        input: StopRecordingInput { question_id },
    })?;
    stream.attach(&args, "feedback")?;
    let turn = call("stop_recording", args).await;
    drop(stream);
    turn
}

pub async fn cancel_recording() -> Result<(), CommandError> {
    call_for_nothing("cancel_recording", js_sys::Object::new().into()).await
}

/// Coaches an answer typed instead of spoken; `on_text` receives the feedback's text while
/// a streaming coach writes it.
pub async fn submit_typed_answer(
    question_id: String,
    text: String,
    on_text: impl Fn(FeedbackDelta) + 'static,
) -> Result<TurnResult, CommandError> {
    let stream = UpdateStream::open(on_text)?;
    let args = to_js(&WithInput {
        input: SubmitTypedAnswerInput { question_id, text },
    })?;
    stream.attach(&args, "feedback")?;
    let turn = call("submit_typed_answer", args).await;
    drop(stream);
    turn
}

/// Lets the user pick an audio file and coaches it; `None` when the dialog was cancelled.
pub async fn submit_answer_file(
    question_id: String,
    on_text: impl Fn(FeedbackDelta) + 'static,
) -> Result<Option<TurnResult>, CommandError> {
    let stream = UpdateStream::open(on_text)?;
    let args = to_js(&WithInput {
        input: SubmitAnswerFileInput { question_id },
    })?;
    stream.attach(&args, "feedback")?;
    let turn = call("submit_answer_file", args).await;
    drop(stream);
    turn
}

/// One page of the History list, newest first.
pub async fn sessions(
    filter: SessionFilter,
    offset: u32,
    limit: u32,
) -> Result<SessionsOutput, CommandError> {
    call_with_input(
        "sessions",
        SessionsInput {
            filter,
            offset,
            limit,
        },
    )
    .await
}

pub async fn session(id: String) -> Result<SessionOutput, CommandError> {
    call_with_input("session", SessionInput { id }).await
}

pub async fn delete_session(id: String) -> Result<DeletedOutput, CommandError> {
    call_with_input("delete_session", SessionInput { id }).await
}

/// Every session, answer and recording, and the speech kept for reuse.
pub async fn delete_all_data() -> Result<DeletedOutput, CommandError> {
    call("delete_all_data", js_sys::Object::new().into()).await
}

/// Plays a turn's recorded answer; [`stop_speaking`] stops it.
pub async fn play_recording(turn_id: i64) -> Result<PlayRecordingOutput, CommandError> {
    call_with_input("play_recording", PlayRecordingInput { turn_id }).await
}

pub async fn question_categories() -> Result<QuestionCategoriesOutput, CommandError> {
    call("question_categories", js_sys::Object::new().into()).await
}

pub async fn progress(filter: ProgressFilter) -> Result<ProgressOutput, CommandError> {
    call_with_input("progress", ProgressInput { filter }).await
}

pub async fn list_models() -> Result<ModelsOutput, CommandError> {
    call("list_models", js_sys::Object::new().into()).await
}

/// Downloads the catalog model `name`; `on_progress` hears how far it is until it ends.
/// A cancelled download ends with the `cancelled` error.
pub async fn download_model(
    name: String,
    on_progress: impl Fn(ModelProgress) + 'static,
) -> Result<InstalledModelInfo, CommandError> {
    let stream = UpdateStream::open(on_progress)?;
    let args = to_js(&WithInput {
        input: ModelNameInput { name },
    })?;
    stream.attach(&args, "progress")?;
    call("download_model", args).await
}

pub async fn cancel_download(name: String) -> Result<(), CommandError> {
    call_with_input_for_nothing("cancel_download", ModelNameInput { name }).await
}

/// Opens the native dialog for a model file or a faster-whisper folder and brings the
/// choice in; `None` when the dialog was cancelled.
pub async fn import_model(
    source: ImportSource,
    on_progress: impl Fn(ModelProgress) + 'static,
) -> Result<Option<InstalledModelInfo>, CommandError> {
    let stream = UpdateStream::open(on_progress)?;
    let args = to_js(&WithInput {
        input: ImportModelInput { source },
    })?;
    stream.attach(&args, "progress")?;
    call("import_model", args).await
}

pub async fn use_model(name: String) -> Result<InstalledModelInfo, CommandError> {
    call_with_input("use_model", ModelNameInput { name }).await
}

pub async fn remove_model(name: String) -> Result<(), CommandError> {
    call_with_input_for_nothing("remove_model", ModelNameInput { name }).await
}

async fn call_with_input<I: Serialize, O: DeserializeOwned>(
    command: &str,
    input: I,
) -> Result<O, CommandError> {
    call(command, to_js(&WithInput { input })?).await
}

async fn call<O: DeserializeOwned>(command: &str, args: JsValue) -> Result<O, CommandError> {
    let value = invoke(command, args).await.map_err(from_js_error)?;
    serde_wasm_bindgen::from_value(value).map_err(|error| {
        CommandError::new(
            ErrorCode::Internal,
            format!("unexpected reply to {command}: {error}"),
        )
    })
}

async fn call_with_input_for_nothing<I: Serialize>(
    command: &str,
    input: I,
) -> Result<(), CommandError> {
    call_for_nothing(command, to_js(&WithInput { input })?).await
}

/// For commands that answer `()`: whatever comes back carries no information.
async fn call_for_nothing(command: &str, args: JsValue) -> Result<(), CommandError> {
    invoke(command, args).await.map_err(from_js_error)?;
    Ok(())
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, CommandError> {
    // JSON-compatible output sends `None` as `null` rather than `undefined`, which the
    // backend's serde reads the same way on every field.
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    value
        .serialize(&serializer)
        .map_err(|error| CommandError::new(ErrorCode::Internal, error.to_string()))
}

fn from_js_error(error: JsValue) -> CommandError {
    serde_wasm_bindgen::from_value::<CommandError>(error.clone())
        .unwrap_or_else(|_| CommandError::new(ErrorCode::Internal, describe(&error)))
}

fn describe(value: &JsValue) -> String {
    if let Some(text) = value.as_string() {
        return text;
    }
    if let Some(error) = value.dyn_ref::<js_sys::Error>() {
        return String::from(error.to_string());
    }
    js_sys::JSON::stringify(value)
        .ok()
        .and_then(|json| json.as_string())
        .unwrap_or_else(|| format!("{value:?}"))
}

/// Says `text` and returns once it has been said (or cut off).
pub async fn say(text: String) -> Result<(), CommandError> {
    call_with_input_for_nothing("say", SpeakInput { text }).await
}

/// Listens for one voice command (voice-only mode); `on_listening` runs once the
/// microphone delivers sound.
pub async fn listen_for_command(
    on_listening: impl Fn(()) + 'static,
) -> Result<VoiceCommandOutput, CommandError> {
    let stream = UpdateStream::open(on_listening)?;
    let args: JsValue = js_sys::Object::new().into();
    stream.attach(&args, "listening")?;
    call("listen_for_command", args).await
}
