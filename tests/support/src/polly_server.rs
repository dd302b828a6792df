//! A local Amazon Polly server, so the real SDK client can be tested without an AWS
//! account: plain HTTP/1.1 on 127.0.0.1 speaking Polly's restJson1 protocol.
//! - `POST /v1/speech` (SynthesizeSpeech): for `OutputFormat` mp3 the body is a real MP3
//!   (`fixtures/polly-speech.mp3`, 24 kHz mono); for `json` it is word speech marks, one
//!   JSON object a line, whose `start`/`end` are **byte** offsets into the request's
//!   `Text` (SSML tags included), as Polly's are. `x-amzn-RequestCharacters` counts the
//!   characters billed (SSML tags are not).
//! - `GET /v1/voices` (DescribeVoices): a list of real Polly voices for US, UK,
//!   Australian and Indian English and Hindi, filtered by `Engine` and `LanguageCode`.
//!
//! SynthesizeSpeech requests take the next [`Reply`] of the script (the last one repeats);
//! DescribeVoices always answers. Every request is recorded.

use std::sync::Arc;
use std::time::Duration;

use hyper::Response;
use serde_json::{Value, json};

pub use crate::http_server::SeenRequest;
use crate::http_server::{HttpTestServer, ResponseBody, Script, full, refusal};

/// The MP3 every successful audio request gets: espeak-ng saying "Tell me about a time you
/// solved a difficult problem.", encoded by ffmpeg (libmp3lame, 24 kHz mono, 48 kb/s).
pub const SPEECH_MP3: &[u8] = include_bytes!("../fixtures/polly-speech.mp3");
/// Its length in seconds, for tests of decoding.
pub const SPEECH_MP3_SECONDS: f32 = 2.9;
/// A longer answer for [`Reply::SpeakLong`]: 14 s of espeak-ng reading an interview
/// question (32 kb/s), long enough to pause and resume while it plays.
pub const LONG_SPEECH_MP3: &[u8] = include_bytes!("../fixtures/polly-speech-long.mp3");
/// How far apart the marks' times are.
pub const MARK_SPACING_MS: u64 = 280;

/// How the server answers one SynthesizeSpeech request.
#[derive(Debug, Clone)]
pub enum Reply {
    /// Audio or speech marks, as the request asks.
    Speak,
    /// As [`Reply::Speak`], with 14 s of audio ([`LONG_SPEECH_MP3`]).
    SpeakLong,
    /// `status` with `x-amzn-ErrorType: error_type` (e.g. 400 "ThrottlingException",
    /// 400 "InvalidSsmlException", 500 "ServiceFailureException").
    Refuse { status: u16, error_type: String },
    /// Reads the request and never answers.
    Hang,
}

impl Reply {
    pub fn refuse(status: u16, error_type: &str) -> Self {
        Reply::Refuse {
            status,
            error_type: error_type.into(),
        }
    }
}

pub struct PollyServer {
    server: HttpTestServer,
    /// `http://127.0.0.1:PORT`: give it to the client as its endpoint.
    pub endpoint_url: String,
}

impl PollyServer {
    /// Starts a server answering SynthesizeSpeech with `script` in order.
    pub fn start(script: Vec<Reply>) -> Self {
        let script = Arc::new(Script::new(script));
        let server = HttpTestServer::start("polly-test-server", move |request| {
            let reply = if request.path == "/v1/speech" {
                script.next().unwrap_or(Reply::Hang)
            } else {
                Reply::Speak
            };
            handle(request, reply)
        });
        Self {
            endpoint_url: server.endpoint_url.clone(),
            server,
        }
    }

    /// Every request so far, oldest first.
    pub fn requests(&self) -> Vec<SeenRequest> {
        self.server.requests()
    }

    /// The SynthesizeSpeech requests so far.
    pub fn speech_requests(&self) -> Vec<SeenRequest> {
        self.requests()
            .into_iter()
            .filter(|request| request.path == "/v1/speech")
            .collect()
    }
}

async fn handle(request: SeenRequest, reply: Reply) -> Response<ResponseBody> {
    match reply {
        Reply::Refuse { status, error_type } => refusal(status, &error_type),
        Reply::Hang => {
            tokio::time::sleep(Duration::from_secs(3_600)).await;
            refusal(500, "ServiceFailureException")
        }
        Reply::Speak | Reply::SpeakLong
            if request.method == "GET" && request.path == "/v1/voices" =>
        {
            // The query string is not kept; every voice is listed, as with no filter.
            respond(
                "application/json",
                None,
                json!({ "Voices": voices() }).to_string(),
            )
        }
        Reply::Speak => speak(&request.body, SPEECH_MP3),
        Reply::SpeakLong => speak(&request.body, LONG_SPEECH_MP3),
    }
}

fn speak(body: &Value, audio: &'static [u8]) -> Response<ResponseBody> {
    let text = body["Text"].as_str().unwrap_or_default();
    let ssml = body["TextType"].as_str() == Some("ssml");
    if ssml && !well_formed(text) {
        return refusal(400, "InvalidSsmlException");
    }
    let billed = if ssml {
        words_outside_tags(text)
            .iter()
            .map(|(start, end)| text[*start..*end].chars().count())
            .sum::<usize>()
    } else {
        text.chars().count()
    };
    if body["OutputFormat"].as_str() == Some("json") {
        let marks: Vec<String> = words_outside_tags(text)
            .into_iter()
            .enumerate()
            .map(|(index, (start, end))| {
                json!({
                    "time": index as u64 * MARK_SPACING_MS,
                    "type": "word",
                    "start": start,
                    "end": end,
                    "value": &text[start..end],
                })
                .to_string()
            })
            .collect();
        respond(
            "application/x-json-stream",
            Some(billed),
            marks.join("\n") + "\n",
        )
    } else {
        respond("audio/mpeg", Some(billed), audio.to_vec())
    }
}

fn respond(
    content_type: &str,
    billed: Option<usize>,
    body: impl Into<bytes::Bytes>,
) -> Response<ResponseBody> {
    let mut response = Response::builder()
        .status(200)
        .header("content-type", content_type);
    if let Some(characters) = billed {
        response = response.header("x-amzn-requestcharacters", characters.to_string());
    }
    response
        .body(full(body))
        .unwrap_or_else(|error| panic!("test response: {error}"))
}

/// Byte ranges of the words of `text` outside `<…>` tags (XML entities count as part of
/// a word, as in Polly's marks).
fn words_outside_tags(text: &str) -> Vec<(usize, usize)> {
    let mut words = Vec::new();
    let mut in_tag = false;
    let mut word_start = None;
    for (index, character) in text.char_indices() {
        let word_character = !in_tag
            && character != '<'
            && !character.is_whitespace()
            && !matches!(character, '.' | ',' | '?' | '!' | ':' | '।');
        match (word_start, word_character) {
            (None, true) => word_start = Some(index),
            (Some(start), false) => {
                words.push((start, index));
                word_start = None;
            }
            _ => {}
        }
        if character == '<' {
            in_tag = true;
        } else if character == '>' {
            in_tag = false;
        }
    }
    if let Some(start) = word_start {
        words.push((start, text.len()));
    }
    words
}

/// Enough of an XML check for the tests: a `<speak>` root, tags balanced, no bare `&`.
fn well_formed(text: &str) -> bool {
    let trimmed = text.trim();
    if !trimmed.starts_with("<speak") || !trimmed.ends_with("</speak>") {
        return false;
    }
    let mut open = Vec::new();
    let mut rest = trimmed;
    while let Some(start) = rest.find('<') {
        let Some(length) = rest[start..].find('>') else {
            return false;
        };
        let tag = &rest[start + 1..start + length];
        rest = &rest[start + length + 1..];
        let name = tag
            .trim_start_matches('/')
            .split_whitespace()
            .next()
            .unwrap_or_default()
            .trim_end_matches('/')
            .to_owned();
        if tag.starts_with('/') {
            if open.pop() != Some(name) {
                return false;
            }
        } else if !tag.ends_with('/') {
            open.push(name);
        }
    }
    let bare_ampersand = trimmed.match_indices('&').any(|(index, _)| {
        let after = &trimmed[index..];
        !["&amp;", "&lt;", "&gt;", "&quot;", "&apos;"]
            .iter()
            .any(|entity| after.starts_with(entity))
    });
    open.is_empty() && !bare_ampersand
}

/// Real Polly voices (as DescribeVoices lists them in 2026) for the accents Aira offers,
/// and a few it does not (another language, generative and long-form only).
/// (id, gender, language, language name, engines, additional languages)
type ListedVoice = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static [&'static str],
    &'static [&'static str],
);

const VOICES: [ListedVoice; 13] = [
    (
        "Joanna",
        "Female",
        "en-US",
        "US English",
        &["neural", "standard", "long-form", "generative"],
        &[],
    ),
    (
        "Matthew",
        "Male",
        "en-US",
        "US English",
        &["neural", "standard", "generative"],
        &[],
    ),
    (
        "Ivy",
        "Female",
        "en-US",
        "US English",
        &["neural", "standard"],
        &[],
    ),
    (
        "Danielle",
        "Female",
        "en-US",
        "US English",
        &["long-form", "generative"],
        &[],
    ),
    (
        "Amy",
        "Female",
        "en-GB",
        "British English",
        &["neural", "standard", "generative"],
        &[],
    ),
    (
        "Brian",
        "Male",
        "en-GB",
        "British English",
        &["neural", "standard"],
        &[],
    ),
    (
        "Arthur",
        "Male",
        "en-GB",
        "British English",
        &["neural"],
        &[],
    ),
    (
        "Olivia",
        "Female",
        "en-AU",
        "Australian English",
        &["neural", "generative"],
        &[],
    ),
    (
        "Russell",
        "Male",
        "en-AU",
        "Australian English",
        &["standard"],
        &[],
    ),
    (
        "Kajal",
        "Female",
        "en-IN",
        "Indian English",
        &["neural", "generative"],
        &["hi-IN"],
    ),
    (
        "Raveena",
        "Female",
        "en-IN",
        "Indian English",
        &["standard"],
        &[],
    ),
    (
        "Aditi",
        "Female",
        "hi-IN",
        "Hindi",
        &["standard"],
        &["en-IN"],
    ),
    (
        "Lupe",
        "Female",
        "es-US",
        "US Spanish",
        &["neural", "standard"],
        &[],
    ),
];

fn voices() -> Value {
    VOICES
        .iter()
        .map(|(id, gender, language, name, engines, extra)| {
            json!({
                "Id": id, "Name": id, "Gender": gender, "LanguageCode": language,
                "LanguageName": name, "SupportedEngines": engines,
                "AdditionalLanguageCodes": extra,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_found_outside_tags_by_byte() {
        let text = "<speak><prosody rate=\"110%\">नमस्ते, Aira &amp; you.</prosody></speak>";
        let words: Vec<&str> = words_outside_tags(text)
            .into_iter()
            .map(|(start, end)| &text[start..end])
            .collect();
        assert_eq!(words, ["नमस्ते", "Aira", "&amp;", "you"]);
    }

    #[test]
    fn ssml_checks_catch_what_polly_refuses() {
        assert!(well_formed(
            "<speak>Hi <break time=\"300ms\"/> there.</speak>"
        ));
        assert!(!well_formed("<speak>R&D</speak>"));
        assert!(!well_formed("<speak><prosody>Hi</speak>"));
        assert!(!well_formed("Hi"));
    }
}
