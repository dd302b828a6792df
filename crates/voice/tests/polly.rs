//! Amazon Polly through the real SDK client over real HTTP to a local server that speaks
//! its wire protocol (tests/support/src/polly_server.rs): voices from DescribeVoices, MP3
//! decoded, word marks mapped from bytes to characters, errors, and the fallback to the
//! local voice with the speech cache in front.

use std::sync::Arc;
use std::time::{Duration, Instant};

use aira_audio::Player;
use aira_core::ports::{CloudFailure, SpeakError};
use aira_protocol::{EnginePolicy, VoiceEngine, VoiceInfo};
use aira_test_support::polly_server::{PollyServer, Reply, SPEECH_MP3_SECONDS};
use aira_voice::{
    DEFAULT_CACHE_BYTES, EspeakSynthesizer, PollySettings, PollySynthesizer, SpeechCache,
    SpeechRequest, Synthesizer, VoiceOut, VoiceOutSettings,
};

fn polly(server: &PollyServer) -> PollySynthesizer {
    PollySynthesizer::with_sdk_config(
        PollySettings {
            endpoint_url: Some(server.endpoint_url.clone()),
            initial_backoff: Duration::from_millis(10),
            call_timeout: Duration::from_secs(3),
            ..PollySettings::default()
        },
        aira_aws::sdk_config_with_keys("ap-south-1", "AKIDTEST", "secret-test-key"),
    )
}

fn kajal() -> VoiceInfo {
    VoiceInfo {
        id: "polly:Kajal".into(),
        engine: VoiceEngine::Polly,
        name: "Kajal".into(),
        language: String::new(),
        other_languages: Vec::new(),
        language_name: String::new(),
        gender: aira_protocol::VoiceGender::Unknown,
        polly_engine: None,
    }
}

fn text_of(text: &str, start: u32, end: u32) -> String {
    text.chars()
        .skip(start as usize)
        .take((end - start) as usize)
        .collect()
}

#[tokio::test]
async fn voices_come_from_describe_voices_with_the_best_engine_each_has() {
    let server = PollyServer::start(vec![Reply::Speak]);
    let voices = polly(&server)
        .voices()
        .await
        .unwrap_or_else(|error| panic!("{error}"));
    let find = |name: &str| voices.iter().find(|voice| voice.name == name);
    let engine = |name: &str| find(name).and_then(|voice| voice.polly_engine.clone());
    assert_eq!(engine("Kajal").as_deref(), Some("neural"));
    assert_eq!(engine("Joanna").as_deref(), Some("neural"));
    assert_eq!(engine("Russell").as_deref(), Some("standard"));
    assert_eq!(engine("Aditi").as_deref(), Some("standard"));
    assert!(
        find("Lupe").is_none(),
        "Spanish is not a language Aira offers"
    );
    assert!(
        find("Danielle").is_none(),
        "generative or long-form only: priced for other uses"
    );
    let accents: std::collections::BTreeSet<&str> =
        voices.iter().map(|voice| voice.language.as_str()).collect();
    assert_eq!(
        accents.into_iter().collect::<Vec<_>>(),
        ["en-AU", "en-GB", "en-IN", "en-US", "hi-IN"]
    );
    assert_eq!(
        find("Kajal").map(|voice| voice.other_languages.clone()),
        Some(vec!["hi-IN".to_owned()])
    );
}

#[tokio::test]
async fn speech_is_decoded_mp3_with_marks_on_the_right_hindi_characters() {
    let server = PollyServer::start(vec![Reply::Speak]);
    let text = "नमस्ते! Tell me about R&D <work>.";
    let speech = polly(&server)
        .synthesize(SpeechRequest {
            text,
            voice: &kajal(),
            rate: 1.25,
        })
        .await
        .unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(speech.sample_rate, 24_000);
    assert!(
        (speech.seconds() - SPEECH_MP3_SECONDS).abs() < 0.3,
        "{} s decoded",
        speech.seconds()
    );
    assert!(
        aira_audio::Level::of(&speech.samples).rms > 0.02,
        "the MP3 decodes to sound"
    );
    let words: Vec<String> = speech
        .marks
        .iter()
        .map(|mark| text_of(text, mark.start, mark.end))
        .collect();
    assert_eq!(words, ["नमस्ते", "Tell", "me", "about", "R&D", "<work>"]);
    assert!(
        speech
            .marks
            .windows(2)
            .all(|pair| pair[0].time_ms < pair[1].time_ms)
    );

    let requests = server.speech_requests();
    assert_eq!(requests.len(), 2, "audio and marks");
    let formats: Vec<&str> = requests
        .iter()
        .filter_map(|request| request.body["OutputFormat"].as_str())
        .collect();
    assert!(
        formats.contains(&"mp3") && formats.contains(&"json"),
        "{formats:?}"
    );
    for request in &requests {
        assert_eq!(
            request.body["Engine"], "neural",
            "Kajal has a neural engine"
        );
        assert_eq!(request.body["VoiceId"], "Kajal");
        assert_eq!(request.body["LanguageCode"], "en-IN");
        assert_eq!(request.body["TextType"], "ssml");
        let ssml = request.body["Text"].as_str().unwrap_or_default();
        assert!(ssml.contains("<prosody rate=\"125%\">"), "{ssml}");
        assert!(ssml.contains("R&amp;D &lt;work&gt;"), "{ssml}");
    }
    // Both requests are billed, for the words, not the markup.
    let ssml_characters = requests[0].body["Text"]
        .as_str()
        .unwrap_or_default()
        .chars()
        .count() as u64;
    let characters = speech.usage.characters;
    assert!(
        characters >= 2 * text.split_whitespace().count() as u64
            && characters < 2 * ssml_characters - 60,
        "{characters} billed for two requests of {ssml_characters} characters of SSML"
    );
    assert!(speech.usage.estimated_cost_usd > 0.0);
}

#[tokio::test]
async fn throttling_is_retried_by_the_sdk_then_succeeds() {
    let server = PollyServer::start(vec![
        Reply::refuse(400, "ThrottlingException"),
        Reply::refuse(400, "ThrottlingException"),
        Reply::Speak,
    ]);
    let speech = polly(&server)
        .synthesize(SpeechRequest {
            text: "Hello there.",
            voice: &kajal(),
            rate: 1.0,
        })
        .await
        .unwrap_or_else(|error| panic!("{error}"));
    assert!(!speech.samples.is_empty());
    assert!(server.speech_requests().len() >= 4, "two refusals retried");
}

#[tokio::test]
async fn refused_ssml_is_sent_again_as_plain_text() {
    let server = PollyServer::start(vec![
        Reply::refuse(400, "InvalidSsmlException"),
        Reply::refuse(400, "InvalidSsmlException"),
        Reply::Speak,
    ]);
    let text = "Plain words, still heard.";
    let speech = polly(&server)
        .synthesize(SpeechRequest {
            text,
            voice: &kajal(),
            rate: 1.0,
        })
        .await
        .unwrap_or_else(|error| panic!("{error}"));
    assert!(!speech.samples.is_empty());
    let requests = server.speech_requests();
    let last = &requests[requests.len() - 1];
    assert_eq!(last.body["TextType"], "text");
    assert_eq!(last.body["Text"], text);
    assert_eq!(
        text_of(text, speech.marks[0].start, speech.marks[0].end),
        "Plain"
    );
}

#[tokio::test]
async fn an_unknown_voice_names_the_voices_there_are() {
    let server = PollyServer::start(vec![Reply::Speak]);
    let mut unknown = kajal();
    unknown.id = "polly:Hal".into();
    unknown.name = "Hal".into();
    let error = polly(&server)
        .synthesize(SpeechRequest {
            text: "Hello",
            voice: &unknown,
            rate: 1.0,
        })
        .await
        .err()
        .unwrap_or_else(|| panic!("an unknown voice must fail"));
    assert!(
        matches!(&error, SpeakError::UnknownVoice(message) if message.contains("Hal") && message.contains("Kajal")),
        "{error}"
    );
    assert!(
        server.speech_requests().is_empty(),
        "nothing synthesized, nothing billed"
    );
}

#[tokio::test]
async fn access_denied_is_a_cloud_failure_that_names_it() {
    let server = PollyServer::start(vec![Reply::refuse(403, "AccessDeniedException")]);
    let error = polly(&server)
        .synthesize(SpeechRequest {
            text: "Hello",
            voice: &kajal(),
            rate: 1.0,
        })
        .await
        .err()
        .unwrap_or_else(|| panic!("must fail"));
    assert!(
        matches!(&error, SpeakError::Cloud { kind: CloudFailure::AccessDenied, message } if message.contains("Amazon Polly")),
        "{error}"
    );
}

fn voice_out(server: &PollyServer, cache: Option<SpeechCache>) -> VoiceOut {
    let player = Arc::new(Player::spawn().unwrap_or_else(|error| panic!("{error}")));
    let mut voice = VoiceOut::new(
        player,
        Arc::new(EspeakSynthesizer::new()),
        VoiceOutSettings {
            policy: EnginePolicy::Cloud,
            ..VoiceOutSettings::default()
        },
    )
    .with_polly(Arc::new(polly(server)));
    if let Some(cache) = cache {
        voice = voice.with_cache(cache);
    }
    voice
}

#[tokio::test]
async fn a_polly_failure_is_spoken_by_the_local_voice_and_says_why() {
    let server = PollyServer::start(vec![Reply::refuse(500, "ServiceFailureException")]);
    let voice = voice_out(&server, None);
    let (speech, said) = voice
        .render_text("Tell me about yourself.")
        .await
        .unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(said.engine, VoiceEngine::Espeak);
    assert!(speech.seconds() > 0.5);
    let reason = said.fallback.unwrap_or_default();
    assert!(reason.contains("Amazon Polly"), "{reason}");
    assert_eq!(said.usage.characters, 0, "nothing billed for a failure");
}

#[tokio::test]
async fn after_access_is_denied_polly_rests_instead_of_being_asked_each_time() {
    let server = PollyServer::start(vec![Reply::refuse(403, "AccessDeniedException")]);
    let voice = voice_out(&server, None);
    voice
        .render_text("First.")
        .await
        .unwrap_or_else(|error| panic!("{error}"));
    let asked = server.speech_requests().len();
    let (_, said) = voice
        .render_text("Second.")
        .await
        .unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(
        server.speech_requests().len(),
        asked,
        "Polly was left alone"
    );
    assert!(said.fallback.unwrap_or_default().contains("resting"));
}

#[tokio::test]
async fn a_second_request_is_served_from_disk_in_milliseconds() {
    let server = PollyServer::start(vec![Reply::Speak]);
    let folder = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
    let cache = SpeechCache::open(folder.path(), DEFAULT_CACHE_BYTES)
        .unwrap_or_else(|error| panic!("{error}"));
    let voice = voice_out(&server, Some(cache));
    let text = "Your score is 7 out of 10. Well structured.";
    let started = Instant::now();
    let (first, said) = voice
        .render_text(text)
        .await
        .unwrap_or_else(|error| panic!("{error}"));
    let synthesized = started.elapsed();
    assert_eq!((said.engine, said.cached_chunks), (VoiceEngine::Polly, 0));
    let requests = server.speech_requests().len();

    let started = Instant::now();
    let (second, said) = voice
        .render_text(text)
        .await
        .unwrap_or_else(|error| panic!("{error}"));
    let from_disk = started.elapsed();
    assert_eq!(said.cached_chunks, 1);
    assert_eq!(
        server.speech_requests().len(),
        requests,
        "no second request to Polly"
    );
    assert_eq!(said.usage.characters, 0, "a cache hit costs nothing");
    assert_eq!(second.marks, first.marks);
    assert_eq!(second.samples.len(), first.samples.len());
    println!(
        "speech cache: first {:.1} ms (Polly over HTTP, MP3 decoded), from disk {:.1} ms, {:.0}× faster",
        synthesized.as_secs_f64() * 1000.0,
        from_disk.as_secs_f64() * 1000.0,
        synthesized.as_secs_f64() / from_disk.as_secs_f64().max(1e-9)
    );
}

#[tokio::test]
async fn long_text_goes_in_sentence_pieces_each_within_pollys_limit() {
    let server = PollyServer::start(vec![Reply::Speak]);
    let voice = voice_out(&server, None);
    let sentence = "I built a canteen ordering app with my team and measured its latency. ";
    let text = sentence.repeat(40);
    let (_, said) = voice
        .render_text(&text)
        .await
        .unwrap_or_else(|error| panic!("{error}"));
    assert!(said.chunks >= 4, "{} pieces", said.chunks);
    for request in server.speech_requests() {
        let sent = request.body["Text"].as_str().unwrap_or_default();
        assert!(
            sent.chars().count() < 3_000,
            "{} characters in one request",
            sent.chars().count()
        );
    }
    // Every word is marked once, in order, across the pieces.
    let marked: Vec<String> = said
        .marks
        .iter()
        .map(|mark| text_of(&text, mark.start, mark.end))
        .collect();
    let expected: Vec<&str> = text
        .split_whitespace()
        .map(|word| word.trim_end_matches('.'))
        .collect();
    assert_eq!(marked, expected);
}

/// The question bank is English while the feedback may be Hindi or Tamil: each piece is
/// said by a voice for its own script, whatever the interface language.
#[tokio::test]
async fn each_text_is_said_in_the_language_of_its_script() {
    let server = PollyServer::start(vec![Reply::Speak]);
    let voice = voice_out(&server, None);
    voice.set_settings(VoiceOutSettings {
        policy: EnginePolicy::Cloud,
        language: "ta".into(),
        ..VoiceOutSettings::default()
    });
    let language_asked = |server: &PollyServer| {
        let requests = server.speech_requests();
        let last = requests.last().map(|request| request.body.clone());
        last.and_then(|body| body["LanguageCode"].as_str().map(str::to_owned))
    };

    let (_, english) = voice
        .render_text("Tell me about yourself.")
        .await
        .unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(english.voice, "polly:Kajal");
    assert_eq!(language_asked(&server).as_deref(), Some("en-IN"));

    let (_, hindi) = voice
        .render_text("आपका उत्तर अच्छा था।")
        .await
        .unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(hindi.voice, "polly:Kajal");
    assert_eq!(language_asked(&server).as_deref(), Some("hi-IN"));

    let asked = server.speech_requests().len();
    let (speech, tamil) = voice
        .render_text("உங்கள் பதில் நன்றாக இருந்தது.")
        .await
        .unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(tamil.voice, "espeak:ta");
    assert!(speech.seconds() > 0.5);
    assert_eq!(server.speech_requests().len(), asked, "Polly was not asked");
    let reason = tamil.fallback.unwrap_or_default();
    assert!(reason.contains("no voice for Tamil"), "{reason}");

    voice.set_settings(VoiceOutSettings {
        policy: EnginePolicy::Local,
        local_voice: Some("espeak:hi".into()),
        language: "mr".into(),
        ..VoiceOutSettings::default()
    });
    let say = |text: &'static str| {
        let voice = &voice;
        async move {
            voice
                .render_text(text)
                .await
                .unwrap_or_else(|error| panic!("{error}"))
                .1
                .voice
        }
    };
    assert_eq!(
        say("तुमचे उत्तर छान होते.").await,
        "espeak:mr",
        "Devanagari in Marathi for a Marathi user; the chosen Hindi voice does not speak it"
    );
    assert_eq!(say("Next question.").await, "espeak:en-us");
}
