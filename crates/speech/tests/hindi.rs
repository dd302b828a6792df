//! Hindi answers come out in Devanagari, not in Urdu's Arabic script: the multilingual
//! base model (converted from its CTranslate2 release on PyPI, as a user would import it)
//! on Hindi speech. And Hindi voice commands are understood with that model, by an engine
//! set up for English, from the hint that the user speaks Hindi.

use aira_core::ports::{Transcriber, TranscriptionOptions};
use aira_core::voice_commands::{prompt, recognise};
use aira_protocol::InterviewAction;
use aira_speech::{WhisperSettings, WhisperTranscriber};
use aira_test_support::{ctranslate2_base_dir, speak_to_wav_in};

const ANSWERS: [&str; 4] = [
    "मैंने एक कठिन समस्या को हल किया।",
    "मेरी सबसे बड़ी ताकत यह है कि मैं दबाव में शांत रहता हूँ।",
    "मैंने अपनी टीम के साथ मिलकर एक वेबसाइट बनाई।",
    "हमारी परियोजना समय पर पूरी हुई।",
];

#[tokio::test]
async fn hindi_is_written_in_devanagari() {
    let folder = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
    let model = folder.path().join("ggml-base.bin");
    let source = ctranslate2_base_dir().unwrap_or_else(|error| panic!("{error}"));
    aira_models::ctranslate2::convert(&source, &model, &mut |_| {})
        .unwrap_or_else(|error| panic!("converting the base model: {error}"));
    let whisper = WhisperTranscriber::spawn(WhisperSettings {
        model_path: model.clone(),
        threads: 2,
        language: "hi".into(),
        fit_audio_context: true,
        beam_size: aira_speech::DEFAULT_BEAM_SIZE,
    })
    .unwrap_or_else(|error| panic!("{error}"));

    let (mut devanagari, mut arabic, mut letters) = (0, 0, 0);
    for (index, answer) in ANSWERS.iter().enumerate() {
        let path = folder.path().join(format!("hindi-{index}.wav"));
        speak_to_wav_in("hi", answer, &path);
        let samples = aira_audio::decode_file(&path).unwrap_or_else(|error| panic!("{error}"));
        let transcript = whisper
            .transcribe(samples, TranscriptionOptions::default())
            .await
            .unwrap_or_else(|error| panic!("{error}"));
        println!("{answer} → {}", transcript.text);
        for letter in transcript.text.chars().filter(|c| c.is_alphabetic()) {
            letters += 1;
            match letter {
                '\u{0900}'..='\u{097F}' => devanagari += 1,
                '\u{0600}'..='\u{06FF}' => arabic += 1,
                _ => {}
            }
        }
    }
    let share = devanagari as f64 / letters.max(1) as f64;
    println!(
        "{:.0} % of {letters} letters in Devanagari, {arabic} in Arabic script",
        share * 100.0
    );
    assert_eq!(arabic, 0, "no Urdu script");
    // Measured 76 % on these clips (the rest romanised); without the primer and filter, 3 %.
    assert!(share >= 0.7, "Devanagari share {share:.2}");

    drop(whisper);

    // An engine set up for English (as the app's is, for answers) told that the speech is
    // Hindi (as voice-only mode tells it for a Hindi user's commands) hears Hindi the same.
    let english_engine = WhisperTranscriber::spawn(WhisperSettings {
        model_path: model,
        threads: 2,
        language: "en".into(),
        fit_audio_context: true,
        beam_size: aira_speech::DEFAULT_BEAM_SIZE,
    })
    .unwrap_or_else(|error| panic!("{error}"));
    let hinted = TranscriptionOptions {
        language_hint: Some("hi".into()),
        ..TranscriptionOptions::default()
    };
    let mut hinted_letters = Vec::new();
    for index in 0..ANSWERS.len() {
        let path = folder.path().join(format!("hindi-{index}.wav"));
        let samples = aira_audio::decode_file(&path).unwrap_or_else(|error| panic!("{error}"));
        let text = english_engine
            .transcribe(samples, hinted.clone())
            .await
            .unwrap_or_else(|error| panic!("{error}"))
            .text;
        hinted_letters.extend(text.chars().filter(|c| c.is_alphabetic()));
    }
    let hinted_devanagari = hinted_letters
        .iter()
        .filter(|c| ('\u{0900}'..='\u{097F}').contains(*c))
        .count();
    let hinted_share = hinted_devanagari as f64 / hinted_letters.len().max(1) as f64;
    println!("hinted: {:.0} % Devanagari", hinted_share * 100.0);
    assert!(hinted_share >= 0.7, "with the hint: {hinted_share:.2}");

    // Hindi voice commands, measured, not asserted: the base model on espeak-ng's one-second
    // Hindi hears few of them (1 of 3 when this was written). Printed so a better model or
    // voice shows its gain.
    let hindi = aira_core::i18n::choose("hi").catalog;
    let commands = [
        ("अगला सवाल", InterviewAction::NextQuestion),
        ("मेरा स्कोर बताओ", InterviewAction::MyScore),
        ("सवाल दोहराओ", InterviewAction::RepeatQuestion),
    ];
    let mut understood = 0;
    for (index, (said, meant)) in commands.iter().enumerate() {
        let path = folder.path().join(format!("command-{index}.wav"));
        speak_to_wav_in("hi", said, &path);
        let samples = aira_audio::decode_file(&path).unwrap_or_else(|error| panic!("{error}"));
        let heard = english_engine
            .transcribe(
                samples,
                TranscriptionOptions {
                    prompt: Some(prompt(hindi)),
                    waiting: true,
                    language_hint: Some("hi".into()),
                    ..TranscriptionOptions::default()
                },
            )
            .await
            .map(|transcript| transcript.text)
            .unwrap_or_else(|error| error.to_string());
        let action = recognise(&heard, hindi);
        println!("command {said} → heard {heard:?} → {action:?}");
        understood += usize::from(action == Some(*meant));
    }
    println!(
        "Hindi voice commands understood: {understood} of {}",
        commands.len()
    );
}
