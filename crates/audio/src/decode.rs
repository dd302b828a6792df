//! Imported answers in common formats (WAV, MP3, M4A/AAC, OGG/Vorbis, FLAC), decoded with
//! symphonia into the 16 kHz mono that transcription takes.

use std::path::Path;

use symphonia::core::audio::SampleBuffer;
use symphonia::core::codecs::{CODEC_TYPE_NULL, CODEC_TYPE_OPUS, DecoderOptions};
use symphonia::core::errors::Error as SymphoniaError;
use symphonia::core::formats::FormatOptions;
use symphonia::core::io::MediaSourceStream;
use symphonia::core::meta::MetadataOptions;
use symphonia::core::probe::Hint;

use crate::error::AudioError;
use crate::resample::resample;
use crate::{MAX_ANSWER_SECONDS, SPEECH_SAMPLE_RATE};

/// Decodes an audio file into 16 kHz mono samples.
pub fn decode_file(path: &Path) -> Result<Vec<f32>, AudioError> {
    let file = std::fs::File::open(path)?;
    let extension = path.extension().and_then(|extension| extension.to_str());
    let (mono, sample_rate) = decode(Box::new(file), extension)?;
    Ok(resample(&mono, sample_rate, SPEECH_SAMPLE_RATE))
}

/// Decodes audio held in memory (a cloud voice's MP3) into mono samples at its own rate.
/// `extension` ("mp3") helps recognise the format.
pub fn decode_bytes(bytes: Vec<u8>, extension: &str) -> Result<(Vec<f32>, u32), AudioError> {
    decode(Box::new(std::io::Cursor::new(bytes)), Some(extension))
}

fn decode(
    source: Box<dyn symphonia::core::io::MediaSource>,
    extension: Option<&str>,
) -> Result<(Vec<f32>, u32), AudioError> {
    let mut hint = Hint::new();
    if let Some(extension) = extension {
        hint.with_extension(extension);
    }
    let stream = MediaSourceStream::new(source, Default::default());
    let probed = symphonia::default::get_probe()
        .format(
            &hint,
            stream,
            &FormatOptions::default(),
            &MetadataOptions::default(),
        )
        .map_err(|error| match error {
            SymphoniaError::Unsupported(_) => AudioError::UnsupportedFormat(
                "not an audio format Aira reads (WAV, MP3, M4A/AAC, OGG/Vorbis or FLAC)".into(),
            ),
            other => invalid(other),
        })?;
    let mut reader = probed.format;
    let track = reader
        .tracks()
        .iter()
        .find(|track| track.codec_params.codec != CODEC_TYPE_NULL)
        .ok_or_else(|| AudioError::InvalidAudio("the file has no audio track".into()))?;
    if track.codec_params.codec == CODEC_TYPE_OPUS {
        return Err(AudioError::UnsupportedFormat(
            "Opus audio (WebM, OGG) cannot be decoded yet; use WAV, MP3, M4A or FLAC".into(),
        ));
    }
    let track_id = track.id;
    let sample_rate = track.codec_params.sample_rate.ok_or_else(|| {
        AudioError::InvalidAudio("the audio track declares no sample rate".into())
    })?;
    if let Some(frames) = track.codec_params.n_frames {
        check_length(frames, sample_rate)?;
    }
    let mut decoder = symphonia::default::get_codecs()
        .make(&track.codec_params, &DecoderOptions::default())
        .map_err(|error| match error {
            SymphoniaError::Unsupported(what) => {
                AudioError::UnsupportedFormat(format!("the audio codec is not supported ({what})"))
            }
            other => invalid(other),
        })?;

    let mut mono: Vec<f32> = Vec::new();
    let mut buffer: Option<SampleBuffer<f32>> = None;
    let mut damaged_packets = 0_usize;
    loop {
        let packet = match reader.next_packet() {
            Ok(packet) => packet,
            // The normal end of a stream, and the end of a truncated one: keep what decoded.
            Err(SymphoniaError::IoError(error))
                if error.kind() == std::io::ErrorKind::UnexpectedEof =>
            {
                break;
            }
            Err(SymphoniaError::ResetRequired) => break,
            Err(error) => return Err(invalid(error)),
        };
        if packet.track_id() != track_id {
            continue;
        }
        let decoded = match decoder.decode(&packet) {
            Ok(decoded) => decoded,
            // A damaged frame is skipped, as players do; a file of nothing else is refused below.
            Err(SymphoniaError::DecodeError(_)) => {
                damaged_packets += 1;
                continue;
            }
            Err(error) => return Err(invalid(error)),
        };
        let spec = *decoded.spec();
        let channels = spec.channels.count().max(1);
        let samples =
            buffer.get_or_insert_with(|| SampleBuffer::new(decoded.capacity() as u64, spec));
        if samples.capacity() < decoded.capacity() * channels {
            *samples = SampleBuffer::new(decoded.capacity() as u64, spec);
        }
        samples.copy_interleaved_ref(decoded);
        mono.extend(
            samples
                .samples()
                .chunks_exact(channels)
                .map(|frame| frame.iter().sum::<f32>() / channels as f32),
        );
        check_length(mono.len() as u64, sample_rate)?;
    }
    if mono.is_empty() {
        return Err(if damaged_packets > 0 {
            AudioError::InvalidAudio(format!("all {damaged_packets} audio frames are damaged"))
        } else {
            AudioError::EmptyAudio
        });
    }
    if damaged_packets > 0 {
        tracing::warn!(damaged_packets, "skipped damaged audio frames");
    }
    Ok((mono, sample_rate))
}

fn check_length(frames: u64, sample_rate: u32) -> Result<(), AudioError> {
    let seconds = frames / u64::from(sample_rate.max(1));
    if seconds > u64::from(MAX_ANSWER_SECONDS) {
        return Err(AudioError::TooLong {
            seconds,
            limit: MAX_ANSWER_SECONDS,
        });
    }
    Ok(())
}

fn invalid(error: SymphoniaError) -> AudioError {
    match error {
        SymphoniaError::IoError(io) => AudioError::Io(io),
        other => AudioError::InvalidAudio(other.to_string()),
    }
}
