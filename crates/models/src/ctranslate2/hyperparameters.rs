//! whisper.cpp's hyperparameters, which CTranslate2 does not store as such: they are read off
//! the shapes of the variables (and the head counts off two scalars).

use super::ImportError;
use super::reader::ModelFile;
use crate::ggml::{self, GgmlModelInfo};

/// whisper.cpp's hyperparameters, read from the variables' shapes.
pub(super) fn read(model: &mut ModelFile) -> Result<GgmlModelInfo, ImportError> {
    let first_two = |model: &ModelFile, name: &str| -> Result<(u32, u32), ImportError> {
        let variable = model.variable(name)?;
        match variable.shape[..] {
            [first, second, ..] => Ok((to_u32(first), to_u32(second))),
            _ => Err(ImportError::UnexpectedShape {
                variable: name.to_string(),
                expected: vec![0, 0],
                found: variable.shape.clone(),
            }),
        }
    };
    let (n_vocab, n_text_state) = first_two(model, "decoder/embeddings/weight")?;
    let (n_audio_ctx, n_audio_state) = first_two(model, "encoder/position_encodings/encodings")?;
    let (n_text_ctx, _) = first_two(model, "decoder/position_encodings/encodings")?;
    let (_, n_mels) = first_two(model, "encoder/conv1/weight")?;
    if n_text_state != n_audio_state {
        // whisper.cpp asserts they are equal; refuse here rather than crash there.
        return Err(ImportError::UnexpectedShape {
            variable: "decoder/embeddings/weight".into(),
            expected: vec![n_vocab as usize, n_audio_state as usize],
            found: vec![n_vocab as usize, n_text_state as usize],
        });
    }
    let n_audio_layer = layer_count(model, "encoder/layer_")?;
    let n_text_layer = layer_count(model, "decoder/layer_")?;
    let n_audio_head = head_count(model, "encoder/num_heads", n_audio_state)?;
    let n_text_head = head_count(model, "decoder/num_heads", n_text_state)?;
    Ok(GgmlModelInfo {
        n_vocab,
        n_audio_ctx,
        n_audio_state,
        n_audio_head,
        n_audio_layer,
        n_text_ctx,
        n_text_state,
        n_text_head,
        n_text_layer,
        n_mels,
        ftype: ggml::FTYPE_MOSTLY_F16,
        file_bytes: 0,
    })
}

fn to_u32(value: usize) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

/// Layers are `<prefix>0/…` to `<prefix>{n-1}/…`; a gap shows up later as a missing variable.
fn layer_count(model: &ModelFile, prefix: &str) -> Result<u32, ImportError> {
    model
        .names()
        .filter_map(|name| {
            name.strip_prefix(prefix)?
                .split('/')
                .next()?
                .parse::<u32>()
                .ok()
        })
        .max()
        .map(|highest| highest + 1)
        .ok_or_else(|| ImportError::MissingVariable {
            name: format!("{prefix}0/ffn/linear_0/weight"),
        })
}

/// The attention head count, which CTranslate2 stores as a scalar variable; without it,
/// Whisper's 64 dimensions per head.
fn head_count(model: &mut ModelFile, name: &str, state: u32) -> Result<u32, ImportError> {
    Ok(match model.integer_scalar(name)? {
        Some(heads) if heads > 0 => u32::try_from(heads).unwrap_or(state / 64),
        _ => state / 64,
    })
}
