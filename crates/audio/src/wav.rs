//! Keeping recorded answers as WAV, and reading WAV that Aira itself produced (synthesized
//! speech). Imported answers in any format go through `decode_file`.

use std::io::Read;
use std::path::Path;

use crate::SPEECH_SAMPLE_RATE;
use crate::error::AudioError;
use crate::resample::mix_to_mono;

/// Decodes a WAV file into mono samples and its sample rate.
pub fn read_wav(path: &Path) -> Result<(Vec<f32>, u32), AudioError> {
    let file = std::fs::File::open(path)?;
    decode(std::io::BufReader::new(file))
}

fn decode(reader: impl Read) -> Result<(Vec<f32>, u32), AudioError> {
    let invalid = |error: hound::Error| AudioError::InvalidAudio(error.to_string());
    let mut wav = hound::WavReader::new(reader).map_err(invalid)?;
    let spec = wav.spec();
    if spec.channels == 0 || spec.sample_rate == 0 {
        return Err(AudioError::InvalidAudio(
            "the header declares no channels or no sample rate".into(),
        ));
    }
    let interleaved: Vec<f32> = match spec.sample_format {
        hound::SampleFormat::Float => wav
            .samples::<f32>()
            .collect::<Result<_, _>>()
            .map_err(invalid)?,
        hound::SampleFormat::Int => {
            let scale = 1.0 / (1_i64 << (spec.bits_per_sample.clamp(1, 32) - 1)) as f32;
            wav.samples::<i32>()
                .map(|sample| sample.map(|value| value as f32 * scale))
                .collect::<Result<_, _>>()
                .map_err(invalid)?
        }
    };
    if interleaved.is_empty() {
        return Err(AudioError::EmptyAudio);
    }
    Ok((
        mix_to_mono(&interleaved, usize::from(spec.channels)),
        spec.sample_rate,
    ))
}

/// Writes 16 kHz mono samples as 16-bit PCM, through a temporary file renamed into place so
/// a crash never leaves a half-written answer under the final name.
pub fn write_wav_mono_16k(path: &Path, samples: &[f32]) -> Result<(), AudioError> {
    let spec = hound::WavSpec {
        channels: 1,
        sample_rate: SPEECH_SAMPLE_RATE,
        bits_per_sample: 16,
        sample_format: hound::SampleFormat::Int,
    };
    let partial = path.with_extension("wav.partial");
    // An I/O error keeps its kind, so a full disk can be told from a damaged file.
    let failed = |error: hound::Error| match error {
        hound::Error::IoError(error) => AudioError::Io(error),
        other => AudioError::Io(std::io::Error::other(other.to_string())),
    };
    let written = (|| {
        let mut writer = hound::WavWriter::create(&partial, spec).map_err(failed)?;
        for sample in samples {
            writer
                .write_sample((sample.clamp(-1.0, 1.0) * f32::from(i16::MAX)) as i16)
                .map_err(failed)?;
        }
        writer.finalize().map_err(failed)?;
        std::fs::rename(&partial, path)?;
        Ok(())
    })();
    if written.is_err() {
        // A half-written file (a full disk) would only take the space still needed.
        let _ignored_if_never_created = std::fs::remove_file(&partial);
    }
    written
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_written_answer_reads_back() -> Result<(), AudioError> {
        let folder = tempfile::tempdir()?;
        let path = folder.path().join("answer.wav");
        let samples: Vec<f32> = (0..1600)
            .map(|index| ((index % 100) as f32 / 100.0) - 0.5)
            .collect();
        write_wav_mono_16k(&path, &samples)?;
        let (read, rate) = read_wav(&path)?;
        assert_eq!(rate, SPEECH_SAMPLE_RATE);
        assert_eq!(read.len(), samples.len());
        assert!(
            read.iter()
                .zip(&samples)
                .all(|(left, right)| (left - right).abs() < 1e-3)
        );
        assert!(!path.with_extension("wav.partial").exists());
        Ok(())
    }

    #[test]
    fn corrupt_and_empty_files_are_clear_errors() -> Result<(), AudioError> {
        let folder = tempfile::tempdir()?;
        let corrupt = folder.path().join("corrupt.wav");
        std::fs::write(&corrupt, b"RIFF\x10\x00\x00\x00WAVEjunkjunkjunk")?;
        assert!(matches!(
            read_wav(&corrupt),
            Err(AudioError::InvalidAudio(_))
        ));
        let text = folder.path().join("notes.wav");
        std::fs::write(&text, "not audio at all")?;
        assert!(matches!(read_wav(&text), Err(AudioError::InvalidAudio(_))));
        let empty = folder.path().join("empty.wav");
        write_wav_mono_16k(&empty, &[])?;
        assert!(matches!(read_wav(&empty), Err(AudioError::EmptyAudio)));
        assert!(matches!(
            read_wav(&folder.path().join("missing.wav")),
            Err(AudioError::Io(_))
        ));
        Ok(())
    }
}
