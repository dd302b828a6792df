use std::path::PathBuf;

use aira_protocol::EnginePolicy;
use clap::{Parser, Subcommand, ValueEnum};

/// Aira, a voice-first interview coach, without a window.
#[derive(Debug, Parser)]
#[command(name = "aira", version, about)]
pub struct Arguments {
    /// Where the database and recorded answers live [default: the app's data folder]
    #[arg(long, global = true, env = "AIRA_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    /// The Whisper GGML model file [default: the model chosen with `aira models use`, else
    /// <data dir>/models/ggml-tiny.en.bin]
    #[arg(long, global = true, env = "AIRA_WHISPER_MODEL", value_name = "PATH")]
    pub model: Option<PathBuf>,

    /// Print machine-readable JSON on stdout (errors too, as {"error": {...}})
    #[arg(long, global = true)]
    pub json: bool,

    /// Practise, list and export as this profile (see `aira profiles`) [default: the one
    /// chosen in the app, else "default"]
    #[arg(long, global = true, value_name = "NAME")]
    pub profile: Option<String>,

    /// The AWS profile the cloud engines use for this run [default: the one chosen in the
    /// app's Settings, else AWS_PROFILE, else "default"]
    #[arg(long, global = true, value_name = "NAME")]
    pub aws_profile: Option<String>,

    /// The AWS region for this run, such as ap-south-1 [default: the one chosen in the
    /// app's Settings, else AWS_REGION, else the profile's, else ap-south-1]
    #[arg(long, global = true, value_name = "REGION")]
    pub aws_region: Option<String>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Coach an answer, recorded earlier or spoken now, and save the turn
    #[command(group = clap::ArgGroup::new("source").required(true).args(["answer", "answer_text", "microphone"]))]
    Practice {
        /// The recorded answer: WAV, MP3, M4A/AAC, OGG/Vorbis or FLAC
        #[arg(long, value_name = "FILE")]
        answer: Option<PathBuf>,
        /// The answer as text, typed instead of spoken (no pace or pauses are measured)
        #[arg(long, value_name = "TEXT")]
        answer_text: Option<String>,
        /// Answer by voice now. Words appear as you speak; recording stops after a pause
        /// (auto-stop mode), or when you press Enter
        #[arg(long)]
        microphone: bool,
        /// Answer this question from the bank (see `aira questions`) [default: a random one]
        #[arg(long, value_name = "ID", conflicts_with = "question")]
        question_id: Option<String>,
        /// Answer a question of your own
        #[arg(long, value_name = "TEXT")]
        question: Option<String>,
        /// Also speak the feedback aloud
        #[arg(long)]
        speak: bool,
        /// Where to transcribe [default: AIRA_TRANSCRIPTION_ENGINE, else the saved preference, else local]
        #[arg(long, value_enum, value_name = "ENGINE")]
        engine: Option<EngineArgument>,
        /// Who coaches: the offline coach, Amazon Bedrock, or Bedrock when it works
        /// [default: AIRA_COACH_ENGINE, else the saved preference, else local]
        #[arg(long, value_enum, value_name = "COACH")]
        coach: Option<EngineArgument>,
        /// Add the answer to a session an earlier run left open (see `aira recover`)
        #[arg(long, value_name = "ID")]
        continue_session: Option<String>,
    },
    /// The people who practise on this computer, each with a history of their own
    Profiles {
        #[command(subcommand)]
        command: Option<ProfilesCommand>,
    },
    /// Save and coach the answers an earlier run left unfinished (a crash, a kill, a power
    /// cut) and list the sessions it left open
    Recover,
    /// Replace a damaged history file with an empty one; the damaged file is copied aside
    /// first. Does nothing to a history that can be read
    FreshStart {
        /// Confirms the fresh start
        #[arg(long, required = true)]
        yes: bool,
    },
    /// Coach again with Amazon Bedrock the answers coached offline while it was out of reach
    Recoach,
    /// Transcribe audio files (the model is loaded once for all of them)
    Transcribe {
        /// Audio files: WAV, MP3, M4A/AAC, OGG/Vorbis or FLAC
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Language of the speech: a code such as en, en-IN or hi, or auto to detect it
        /// (Whisper only) [default: en]
        #[arg(long, value_name = "CODE")]
        language: Option<String>,
        /// CPU threads for whisper [default: up to 4]
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=64))]
        threads: Option<u32>,
        /// Words the speaker is likely to use (names, technical terms), to spell them right
        /// (Whisper only: Amazon Transcribe would need a custom vocabulary)
        #[arg(long, value_name = "TEXT")]
        prompt: Option<String>,
        /// Where to transcribe [default: AIRA_TRANSCRIPTION_ENGINE, else the saved preference, else local]
        #[arg(long, value_enum, value_name = "ENGINE")]
        engine: Option<EngineArgument>,
    },
    /// List saved turns, newest first
    History {
        /// How many turns to list
        #[arg(long, default_value_t = 50)]
        limit: u32,
    },
    /// List practice sessions, newest first, optionally narrowed
    Sessions {
        /// Only sessions with a question of this role
        #[arg(long, value_name = "ROLE")]
        role: Option<String>,
        /// Only sessions started on or after this date (YYYY-MM-DD or RFC 3339)
        #[arg(long, value_name = "DATE")]
        since: Option<String>,
        /// Only sessions whose average score is at least this
        #[arg(long, value_name = "SCORE")]
        min_score: Option<f32>,
        /// Only sessions with these words in a question or an answer
        #[arg(long, value_name = "TEXT")]
        search: Option<String>,
        /// How many sessions
        #[arg(long, default_value_t = 20)]
        limit: u32,
        /// How many to skip (the next page)
        #[arg(long, default_value_t = 0)]
        offset: u32,
    },
    /// One session: show it with its turns
    Session {
        #[command(subcommand)]
        command: SessionCommand,
    },
    /// Write your history to a file: JSON (complete, re-importable), CSV of answers, a
    /// Markdown report, or a printable PDF report
    Export {
        #[arg(long, value_enum, default_value = "json")]
        format: ExportFormatArgument,
        /// The file to write (replaced only once the export is complete)
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Only this session (see `aira sessions`) [default: every session]
        #[arg(long, value_name = "ID")]
        session: Option<String>,
    },
    /// Add the sessions of a JSON export (sessions already here are left as they are)
    Import {
        /// A file written by `aira export --format json`
        file: PathBuf,
    },
    /// Delete a session, or all your data (sessions, answers, their audio, kept speech)
    #[command(group = clap::ArgGroup::new("what").required(true).args(["session", "all"]))]
    Delete {
        /// The session to delete (see `aira sessions`)
        #[arg(long, value_name = "ID")]
        session: Option<String>,
        /// Everything; needs --yes
        #[arg(long, requires = "yes")]
        all: bool,
        /// Confirms --all
        #[arg(long)]
        yes: bool,
    },
    /// List the built-in questions, all or those of a role, type and level
    Questions {
        /// software, data, frontend, backend, product, general or campus
        #[arg(long, value_name = "ROLE")]
        role: Option<String>,
        /// technical, behavioral or hr
        #[arg(long = "type", value_name = "TYPE")]
        kind: Option<String>,
        /// fresher or experienced
        #[arg(long, value_name = "LEVEL")]
        level: Option<String>,
    },
    /// Your résumé: see it redacted, and practise questions written about it
    Resume {
        #[command(subcommand)]
        command: ResumeCommand,
    },
    /// Say text aloud, or write the speech to a WAV file
    Say {
        /// The text to say (long text is spoken sentence by sentence)
        text: String,
        /// Write the speech to this WAV file instead of playing it
        #[arg(long, value_name = "FILE.wav")]
        out: Option<PathBuf>,
        /// Which voice speaks [default: AIRA_VOICE_ENGINE, else the voice's engine, else
        /// the saved preference, else local]
        #[arg(long, value_enum, value_name = "ENGINE")]
        engine: Option<EngineArgument>,
        /// A voice from `aira voices`: polly:Kajal, espeak:hi, piper:… [default: AIRA_VOICE,
        /// else the saved preference]
        #[arg(long, value_name = "ID")]
        voice: Option<String>,
        /// Speech rate from 0.5 (slow) to 2.0 (fast); 1.0 is the voice's own pace
        #[arg(long, value_name = "R", value_parser = parse_rate)]
        rate: Option<f32>,
    },
    /// The voices Aira can speak with: Amazon Polly's (with AWS credentials), Piper's and
    /// espeak-ng's
    Voices,
    /// Whisper models: list, download, import, choose, remove
    Models {
        #[command(subcommand)]
        command: ModelsCommand,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ExportFormatArgument {
    Json,
    Csv,
    Md,
    Pdf,
}

impl ExportFormatArgument {
    /// The store's streamed format; `None` for the PDF report, which is laid out whole.
    pub fn streamed(self) -> Option<aira_runtime::ExportFormat> {
        match self {
            ExportFormatArgument::Json => Some(aira_runtime::ExportFormat::Json),
            ExportFormatArgument::Csv => Some(aira_runtime::ExportFormat::Csv),
            ExportFormatArgument::Md => Some(aira_runtime::ExportFormat::Markdown),
            ExportFormatArgument::Pdf => None,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum SessionCommand {
    /// The session's questions, answers, scores and status
    Show { id: String },
}

#[derive(Debug, Subcommand)]
pub enum ModelsCommand {
    /// The models that can be downloaded, those installed, and the one in use
    List,
    /// Download a model and check its checksum (an interrupted download resumes)
    Download {
        /// A model name such as tiny.en or base-q5_1 (see `aira models list`)
        name: String,
    },
    /// Bring in a whisper.cpp GGML model file (.bin), or convert a faster-whisper
    /// (CTranslate2) model folder
    Import {
        /// The model file, or the faster-whisper model folder
        path: PathBuf,
        /// Install it under this name [default: from the file name (ggml-NAME.bin) or the
        /// folder name]
        #[arg(long, value_name = "NAME")]
        name: Option<String>,
    },
    /// Transcribe with this installed model from now on (`--model` and AIRA_WHISPER_MODEL
    /// still win)
    Use {
        /// The model's name, as `aira models list` shows it
        name: String,
    },
    /// Delete an installed model, or an unfinished download of it
    Remove {
        /// The model's name, as `aira models list` shows it
        name: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum ResumeCommand {
    /// Read a résumé or job description (PDF, DOCX or text) and print it with personal data
    /// replaced by placeholders, as it would be sent; nothing leaves this computer
    Redact {
        /// The document: PDF (with text, not a scan), DOCX or plain text, up to 10 MB
        file: PathBuf,
    },
    /// Questions about your résumé, written by Amazon Bedrock from its redacted text.
    /// Without --send it only shows what would be sent
    Questions {
        /// Your résumé: PDF, DOCX or plain text
        file: PathBuf,
        /// A job description to aim the questions at
        #[arg(long, value_name = "FILE")]
        job: Option<PathBuf>,
        /// The role you are applying for
        #[arg(long, default_value = "software", value_name = "ROLE")]
        role: String,
        /// fresher or experienced
        #[arg(long, default_value = "fresher", value_name = "LEVEL")]
        level: String,
        /// How many questions (1 to 20)
        #[arg(long, default_value_t = 8, value_parser = clap::value_parser!(u32).range(1..=20))]
        count: u32,
        /// Send the redacted text to Amazon Bedrock (after checking it with `aira resume redact`)
        #[arg(long)]
        send: bool,
    },
}

/// `--engine`: where answers are transcribed.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum EngineArgument {
    /// Whisper on this computer
    Local,
    /// Amazon Transcribe only; its errors are reported
    Cloud,
    /// Amazon Transcribe when set up and working, else this computer
    Auto,
}

impl From<EngineArgument> for EnginePolicy {
    fn from(engine: EngineArgument) -> Self {
        match engine {
            EngineArgument::Local => EnginePolicy::Local,
            EngineArgument::Cloud => EnginePolicy::Cloud,
            EngineArgument::Auto => EnginePolicy::Auto,
        }
    }
}

/// A speech rate within 0.5 to 2.0.
fn parse_rate(text: &str) -> Result<f32, String> {
    let rate: f32 = text
        .parse()
        .map_err(|_| format!("{text:?} is not a number"))?;
    if (0.5..=2.0).contains(&rate) {
        Ok(rate)
    } else {
        Err(format!("{rate} is outside 0.5 to 2.0"))
    }
}

#[derive(Debug, Subcommand)]
pub enum ProfilesCommand {
    /// List the profiles and the one in use (the default)
    List,
    /// Add a profile (1 to 40 characters, not already taken)
    Add { name: String },
}
