//! `aira say` and `aira voices` end to end: espeak-ng and Amazon Polly (the real SDK client
//! against a local wire-protocol server) played into a PulseAudio null sink and recorded
//! back, written to WAV files, cached, and failing clearly.

mod common;

use std::time::Duration;

use aira_test_support::polly_server::{PollyServer, Reply};
use aira_test_support::sound_server::VirtualMicrophone;
use common::{aira_command, folder, json_of, run, with_test_keys};

fn polly_command(data: &std::path::Path, server: &PollyServer) -> std::process::Command {
    let mut command = aira_command(data);
    with_test_keys(&mut command).env("AWS_ENDPOINT_URL_POLLY", &server.endpoint_url);
    command
}

fn rms(samples: &[f32]) -> f32 {
    (samples.iter().map(|sample| sample * sample).sum::<f32>() / samples.len().max(1) as f32).sqrt()
}

#[test]
fn polly_speech_is_decoded_and_heard_through_the_speakers() {
    let sound = VirtualMicrophone::start();
    let server = PollyServer::start(vec![Reply::Speak]);
    let data = folder();
    let listening = sound.listen();
    let output = run(polly_command(data.path(), &server)
        .envs(sound.environment())
        .args([
            "--json",
            "say",
            "--engine",
            "cloud",
            "Tell me about a time you solved a difficult problem.",
        ]));
    std::thread::sleep(Duration::from_millis(300));
    let heard = listening.stop();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let said = json_of(&output);
    assert_eq!(said["engine"], "polly");
    assert_eq!(said["voice"], "polly:Kajal");
    assert!(said["usage"]["characters"].as_u64().unwrap_or(0) > 0);
    // The MP3 is 2.9 s of speech: most of it must have reached the sink, audibly.
    let loud = heard
        .chunks(1_600)
        .filter(|window| rms(window) > 0.02)
        .count();
    println!(
        "heard {:.1} s, {loud} loud tenths of a second",
        heard.len() as f32 / 16_000.0
    );
    assert!(
        loud >= 15,
        "only {loud} tenths of a second of sound reached the sink"
    );
}

#[test]
fn a_wav_is_written_and_the_second_time_comes_from_the_cache() {
    let server = PollyServer::start(vec![Reply::Speak]);
    let data = folder();
    let out = data.path().join("question — प्रश्न.wav");
    let say = |data: &std::path::Path| {
        run(polly_command(data, &server).args([
            "--json",
            "say",
            "--voice",
            "polly:Kajal",
            "--rate",
            "1.2",
            "--out",
            out.to_str().unwrap_or_default(),
            "नमस्ते! Tell me about yourself.",
        ]))
    };
    let first = json_of(&say(data.path()));
    assert_eq!(first["engine"], "polly");
    assert_eq!(first["cached_chunks"], 0);
    let reader = hound::WavReader::open(&out).unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(reader.spec().sample_rate, 24_000);
    assert!(reader.duration() > 24_000 * 2);
    let asked = server.speech_requests().len();
    let second = json_of(&say(data.path()));
    assert_eq!(second["cached_chunks"], 1);
    assert_eq!(second["usage"]["characters"], 0);
    assert_eq!(
        server.speech_requests().len(),
        asked,
        "nothing asked of Polly again"
    );
    assert_eq!(second["marks"], first["marks"]);
    assert_eq!(first["marks"][0]["start"], 0);
    assert_eq!(
        first["marks"][0]["end"], 6,
        "नमस्ते is six characters (18 bytes)"
    );
}

#[test]
fn throttled_polly_falls_back_to_the_local_voice_and_says_so() {
    let server = PollyServer::start(vec![Reply::refuse(400, "ThrottlingException")]);
    let data = folder();
    let out = data.path().join("fallback.wav");
    let output = run(polly_command(data.path(), &server).args([
        "--json",
        "say",
        "--engine",
        "cloud",
        "--out",
        out.to_str().unwrap_or_default(),
        "Please describe your final year project.",
    ]));
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let said = json_of(&output);
    assert_eq!(said["engine"], "espeak");
    assert!(
        said["fallback"]
            .as_str()
            .unwrap_or_default()
            .contains("Amazon Polly"),
        "{said}"
    );
    assert!(out.exists());
}

#[test]
fn every_local_language_speaks_into_a_file() {
    let data = folder();
    for (voice, text) in [
        ("espeak:hi", "अपने बारे में बताइए।"),
        ("espeak:ta", "உங்களைப் பற்றி சொல்லுங்கள்."),
    ] {
        let out = data.path().join(format!("{voice}.wav").replace(':', "-"));
        let output = run(aira_command(data.path()).args([
            "--json",
            "say",
            "--voice",
            voice,
            "--out",
            out.to_str().unwrap_or_default(),
            text,
        ]));
        assert!(
            output.status.success(),
            "{voice}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        assert_eq!(json_of(&output)["voice"], voice);
    }
}

#[test]
fn bad_input_is_refused_clearly() {
    let data = folder();
    let empty = run(aira_command(data.path()).args(["--json", "say", "  "]));
    assert_eq!(empty.status.code(), Some(3));
    assert_eq!(json_of(&empty)["error"]["code"], "empty_text");

    let rate = run(aira_command(data.path()).args(["say", "--rate", "9", "Hello"]));
    assert_eq!(rate.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&rate.stderr).contains("outside 0.5 to 2.0"));

    // An unknown local voice: the default local voice speaks instead.
    let out = data.path().join("unknown.wav");
    let unknown = run(aira_command(data.path()).args([
        "--json",
        "say",
        "--voice",
        "espeak:klingon",
        "--out",
        out.to_str().unwrap_or_default(),
        "Hello there.",
    ]));
    assert!(unknown.status.success());
    assert_eq!(json_of(&unknown)["voice"], "espeak:en-us");

    // An unknown Polly voice: named, and the local voice speaks.
    let server = PollyServer::start(vec![Reply::Speak]);
    let out = data.path().join("unknown-polly.wav");
    let unknown = run(polly_command(data.path(), &server).args([
        "--json",
        "say",
        "--voice",
        "polly:Hal",
        "--out",
        out.to_str().unwrap_or_default(),
        "Hello there.",
    ]));
    let said = json_of(&unknown);
    assert_eq!(said["engine"], "espeak");
    assert!(
        said["fallback"]
            .as_str()
            .unwrap_or_default()
            .contains("Hal"),
        "{said}"
    );
}

#[test]
fn with_no_speaker_the_text_is_the_answer_and_the_exit_code_says_why() {
    let data = folder();
    let output = run(aira_command(data.path())
        .env("XDG_RUNTIME_DIR", data.path())
        .env("PULSE_SERVER", "unix:/nonexistent/aira-test")
        .args(["--json", "say", "Hello there."]));
    assert_eq!(
        output.status.code(),
        Some(6),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(json_of(&output)["error"]["code"], "no_audio_output");
}

#[test]
fn voices_lists_polly_validated_by_describe_voices_and_the_local_ones() {
    let server = PollyServer::start(vec![Reply::Speak]);
    let data = folder();
    let listed = json_of(&run(
        polly_command(data.path(), &server).args(["--json", "voices"])
    ));
    let ids: Vec<&str> = listed["voices"]
        .as_array()
        .map(|voices| {
            voices
                .iter()
                .filter_map(|voice| voice["id"].as_str())
                .collect()
        })
        .unwrap_or_default();
    for expected in [
        "polly:Kajal",
        "polly:Joanna",
        "polly:Aditi",
        "espeak:hi",
        "espeak:mr",
        "espeak:bn",
        "espeak:te",
        "espeak:ta",
    ] {
        assert!(ids.contains(&expected), "{expected} missing from {ids:?}");
    }
    // Without credentials, Polly says why it lists nothing.
    let offline = json_of(&run(aira_command(data.path()).args(["--json", "voices"])));
    let reasons = offline["unavailable"].to_string();
    assert!(reasons.contains("Amazon Polly"), "{reasons}");
}

#[test]
fn the_piper_voice_speaks_when_installed_and_is_listed() {
    let data = folder();
    let out = data.path().join("piper.wav");
    let piper = |command: &mut std::process::Command| {
        command
            .env("AIRA_PIPER_VOICE", aira_test_support::piper_voice())
            .env(
                "AIRA_ONNXRUNTIME_LIB",
                aira_test_support::onnxruntime_library(),
            );
    };
    let mut say = aira_command(data.path());
    piper(&mut say);
    let output = run(say.args([
        "--json",
        "say",
        "--out",
        out.to_str().unwrap_or_default(),
        "Tell me about a project you are proud of.",
    ]));
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let said = json_of(&output);
    assert_eq!(
        said["engine"], "piper",
        "Piper is the default local voice once installed"
    );
    assert_eq!(said["voice"], "piper:en_US-joe-medium");
    assert_eq!(said["sample_rate"], 22_050);
    let mut voices = aira_command(data.path());
    piper(&mut voices);
    let listed = json_of(&run(voices.args(["--json", "voices"])));
    assert!(
        listed["voices"]
            .to_string()
            .contains("piper:en_US-joe-medium")
    );
}
