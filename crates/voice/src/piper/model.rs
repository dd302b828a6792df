//! The Piper VITS network in an ONNX Runtime session: phoneme ids in, audio out.

use std::path::Path;
use std::sync::{Mutex, PoisonError};

use aira_core::ports::SpeakError;
use ort::session::Session;
use ort::value::TensorRef;

pub struct Model {
    /// `Session::run` needs exclusive access; the lock makes the voice shareable between
    /// threads, one utterance at a time.
    session: Mutex<Session>,
}

/// How the network speaks: Piper's `scales` input.
#[derive(Debug, Clone, Copy)]
pub struct Scales {
    /// Variation in the voice (VITS's noise).
    pub noise: f32,
    /// Phoneme durations: above 1 is slower.
    pub length: f32,
    /// Variation in phoneme durations.
    pub noise_width: f32,
}

impl Model {
    /// Opens the network; ONNX Runtime must be loaded already.
    pub fn open(path: &Path) -> Result<Self, SpeakError> {
        let failed = |error: &dyn std::fmt::Display| {
            SpeakError::Failed(format!(
                "could not open the Piper voice {}: {error}",
                path.display()
            ))
        };
        let session = Session::builder()
            .map_err(|error| failed(&error))?
            // Utterances run one at a time, so parallel graph branches would only compete
            // with the threads inside each operator.
            .with_inter_threads(1)
            .map_err(|error| failed(&error))?
            .commit_from_file(path)
            .map_err(|error| failed(&error))?;
        Ok(Self {
            session: Mutex::new(session),
        })
    }

    /// Audio for one utterance's phoneme ids, as the network's float samples.
    pub fn speak(
        &self,
        phoneme_ids: &[i64],
        scales: Scales,
        speaker: Option<i64>,
    ) -> Result<Vec<f32>, SpeakError> {
        let failed = |error: ort::Error| SpeakError::Failed(format!("Piper synthesis: {error}"));
        let length = [phoneme_ids.len() as i64];
        let scale_values = [scales.noise, scales.length, scales.noise_width];
        let speaker_ids = speaker.map(|speaker| [speaker]);
        let mut inputs = ort::inputs! {
            "input" => TensorRef::from_array_view(([1, phoneme_ids.len()], phoneme_ids)).map_err(failed)?,
            "input_lengths" => TensorRef::from_array_view(([1], &length[..])).map_err(failed)?,
            "scales" => TensorRef::from_array_view(([3], &scale_values[..])).map_err(failed)?,
        };
        if let Some(speaker_ids) = speaker_ids.as_ref() {
            inputs.push((
                "sid".into(),
                TensorRef::from_array_view(([1], &speaker_ids[..]))
                    .map_err(failed)?
                    .into(),
            ));
        }
        let mut session = self.session.lock().unwrap_or_else(PoisonError::into_inner);
        let outputs = session.run(inputs).map_err(failed)?;
        let output = outputs
            .values()
            .next()
            .ok_or_else(|| SpeakError::Failed("the Piper voice returned no output".into()))?;
        let (_, audio) = output.try_extract_tensor::<f32>().map_err(failed)?;
        Ok(audio.to_vec())
    }
}
