//! Which CTranslate2 variable becomes which whisper.cpp tensor, in the order whisper.cpp's
//! converters write them, with the shapes whisper.cpp's loader checks.
//!
//! The two formats differ in more than names:
//! - CTranslate2 stacks self-attention query, key and value in one `linear_0` (3 × state rows)
//!   and cross-attention key and value in `attention/linear_1`; whisper.cpp keeps them apart.
//! - Whisper's key projections have no bias. CTranslate2 stores zeros in the stacked bias,
//!   whisper.cpp has no `attn.key.bias` tensor at all, so those rows are dropped.
//! - GGML lists dimensions innermost first, so CTranslate2's `[out, in]` is GGML's `[in, out]`
//!   over the same bytes, and conv biases become `[1, state]`.
//! - In an f16 file, vectors, conv biases and positional embeddings stay f32: whisper.cpp
//!   creates those tensors as f32 and refuses a file whose types differ.

use std::ops::Range;

use super::ImportError;
use super::reader::{ModelFile, Variable};
use crate::ggml::{GgmlModelInfo, TensorType};

/// One tensor of the output file and where its values come from.
#[derive(Debug, Clone)]
pub(super) struct TensorPlan {
    pub(super) name: String,
    pub(super) tensor_type: TensorType,
    /// GGML order: innermost first.
    pub(super) dimensions: Vec<usize>,
    pub(super) source: Variable,
    /// Rows of the source's first dimension (a slice of a stacked projection).
    pub(super) rows: Range<usize>,
}

/// Builds the output plan and checks every source variable exists with the expected shape.
pub(super) fn plan_tensors(
    model: &ModelFile,
    info: &GgmlModelInfo,
) -> Result<Vec<TensorPlan>, ImportError> {
    let mut planner = Planner {
        model,
        plans: Vec::new(),
    };
    let audio_state = info.n_audio_state as usize;
    let text_state = info.n_text_state as usize;
    let n_mels = info.n_mels as usize;

    planner.whole(
        "encoder.positional_embedding",
        TensorType::F32,
        "encoder/position_encodings/encodings",
        &[info.n_audio_ctx as usize, audio_state],
    )?;
    planner.convolution("encoder.conv1", "encoder/conv1", audio_state, n_mels)?;
    planner.convolution("encoder.conv2", "encoder/conv2", audio_state, audio_state)?;
    for layer in 0..info.n_audio_layer {
        let to = format!("encoder.blocks.{layer}");
        let from = format!("encoder/layer_{layer}");
        planner.layer_norm(
            &format!("{to}.attn_ln"),
            &format!("{from}/self_attention"),
            audio_state,
        )?;
        planner.stacked_attention(
            &format!("{to}.attn"),
            &format!("{from}/self_attention"),
            audio_state,
        )?;
        planner.feed_forward(&to, &format!("{from}/ffn"), audio_state)?;
    }
    planner.layer_norm("encoder.ln_post", "encoder", audio_state)?;

    planner.whole(
        "decoder.positional_embedding",
        TensorType::F32,
        "decoder/position_encodings/encodings",
        &[info.n_text_ctx as usize, text_state],
    )?;
    planner.whole(
        "decoder.token_embedding.weight",
        TensorType::F16,
        "decoder/embeddings/weight",
        &[info.n_vocab as usize, text_state],
    )?;
    for layer in 0..info.n_text_layer {
        let to = format!("decoder.blocks.{layer}");
        let from = format!("decoder/layer_{layer}");
        planner.layer_norm(
            &format!("{to}.attn_ln"),
            &format!("{from}/self_attention"),
            text_state,
        )?;
        planner.stacked_attention(
            &format!("{to}.attn"),
            &format!("{from}/self_attention"),
            text_state,
        )?;
        planner.layer_norm(
            &format!("{to}.cross_attn_ln"),
            &format!("{from}/attention"),
            text_state,
        )?;
        planner.cross_attention(
            &format!("{to}.cross_attn"),
            &format!("{from}/attention"),
            text_state,
        )?;
        planner.feed_forward(&to, &format!("{from}/ffn"), text_state)?;
    }
    planner.layer_norm("decoder.ln", "decoder", text_state)?;
    Ok(planner.plans)
}

struct Planner<'a> {
    model: &'a ModelFile,
    plans: Vec<TensorPlan>,
}

impl Planner<'_> {
    /// The variable `name`, which must have `shape`.
    fn source(&self, name: &str, shape: &[usize]) -> Result<Variable, ImportError> {
        let variable = self.model.variable(name)?;
        if variable.shape != shape {
            return Err(ImportError::UnexpectedShape {
                variable: name.to_string(),
                expected: shape.to_vec(),
                found: variable.shape.clone(),
            });
        }
        Ok(variable.clone())
    }

    /// Rows `rows` of `source` (which has `source_shape`) as tensor `name`. The GGML
    /// dimensions are the source's reversed, with the first one narrowed to `rows`.
    fn rows(
        &mut self,
        name: &str,
        tensor_type: TensorType,
        source: &str,
        source_shape: &[usize],
        rows: Range<usize>,
    ) -> Result<(), ImportError> {
        let source = self.source(source, source_shape)?;
        let mut dimensions: Vec<usize> = source.shape.iter().rev().copied().collect();
        if let Some(outermost) = dimensions.last_mut() {
            *outermost = rows.len();
        }
        self.plans.push(TensorPlan {
            name: name.to_string(),
            tensor_type,
            dimensions,
            source,
            rows,
        });
        Ok(())
    }

    fn whole(
        &mut self,
        name: &str,
        tensor_type: TensorType,
        source: &str,
        source_shape: &[usize],
    ) -> Result<(), ImportError> {
        let rows = 0..source_shape.first().copied().unwrap_or(1);
        self.rows(name, tensor_type, source, source_shape, rows)
    }

    /// `gamma`/`beta` of a CTranslate2 `layer_norm` as `weight`/`bias`.
    fn layer_norm(&mut self, to: &str, from: &str, state: usize) -> Result<(), ImportError> {
        let (weight, bias) = (format!("{to}.weight"), format!("{to}.bias"));
        self.whole(
            &weight,
            TensorType::F32,
            &format!("{from}/layer_norm/gamma"),
            &[state],
        )?;
        self.whole(
            &bias,
            TensorType::F32,
            &format!("{from}/layer_norm/beta"),
            &[state],
        )
    }

    /// A projection whose weight is rows `rows` of a (possibly stacked) CTranslate2 linear.
    /// `with_bias` is false for keys, which have no bias in Whisper.
    fn projection(
        &mut self,
        to: &str,
        from: &str,
        stacked_rows: usize,
        columns: usize,
        rows: Range<usize>,
        with_bias: bool,
    ) -> Result<(), ImportError> {
        let weight_shape = [stacked_rows, columns];
        self.rows(
            &format!("{to}.weight"),
            TensorType::F16,
            &format!("{from}/weight"),
            &weight_shape,
            rows.clone(),
        )?;
        if with_bias {
            let bias = format!("{from}/bias");
            self.rows(
                &format!("{to}.bias"),
                TensorType::F32,
                &bias,
                &[stacked_rows],
                rows,
            )?;
        }
        Ok(())
    }

    /// Self-attention: query, key, value stacked in `linear_0`, output in `linear_1`.
    fn stacked_attention(&mut self, to: &str, from: &str, state: usize) -> Result<(), ImportError> {
        let stacked = format!("{from}/linear_0");
        self.projection(
            &format!("{to}.query"),
            &stacked,
            3 * state,
            state,
            0..state,
            true,
        )?;
        self.projection(
            &format!("{to}.key"),
            &stacked,
            3 * state,
            state,
            state..2 * state,
            false,
        )?;
        self.projection(
            &format!("{to}.value"),
            &stacked,
            3 * state,
            state,
            2 * state..3 * state,
            true,
        )?;
        let output = format!("{from}/linear_1");
        self.projection(&format!("{to}.out"), &output, state, state, 0..state, true)
    }

    /// Cross-attention: query in `linear_0`, key and value stacked in `linear_1`, output in
    /// `linear_2`.
    fn cross_attention(&mut self, to: &str, from: &str, state: usize) -> Result<(), ImportError> {
        let query = format!("{from}/linear_0");
        self.projection(&format!("{to}.query"), &query, state, state, 0..state, true)?;
        let stacked = format!("{from}/linear_1");
        self.projection(
            &format!("{to}.key"),
            &stacked,
            2 * state,
            state,
            0..state,
            false,
        )?;
        self.projection(
            &format!("{to}.value"),
            &stacked,
            2 * state,
            state,
            state..2 * state,
            true,
        )?;
        let output = format!("{from}/linear_2");
        self.projection(&format!("{to}.out"), &output, state, state, 0..state, true)
    }

    /// The block's MLP: layer norm, then `mlp.0` (state → 4 × state) and `mlp.2` (back).
    fn feed_forward(&mut self, block: &str, from: &str, state: usize) -> Result<(), ImportError> {
        self.layer_norm(&format!("{block}.mlp_ln"), from, state)?;
        let hidden = 4 * state;
        self.projection(
            &format!("{block}.mlp.0"),
            &format!("{from}/linear_0"),
            hidden,
            state,
            0..hidden,
            true,
        )?;
        self.projection(
            &format!("{block}.mlp.2"),
            &format!("{from}/linear_1"),
            state,
            hidden,
            0..state,
            true,
        )
    }

    /// A 1-D convolution with kernel 3: weight `[out, in, 3]`, bias `[out]` stored as `[1, out]`.
    fn convolution(
        &mut self,
        to: &str,
        from: &str,
        out_channels: usize,
        in_channels: usize,
    ) -> Result<(), ImportError> {
        self.whole(
            &format!("{to}.weight"),
            TensorType::F16,
            &format!("{from}/weight"),
            &[out_channels, in_channels, 3],
        )?;
        self.whole(
            &format!("{to}.bias"),
            TensorType::F32,
            &format!("{from}/bias"),
            &[out_channels],
        )?;
        if let Some(bias) = self.plans.last_mut() {
            bias.dimensions = vec![1, out_channels];
        }
        Ok(())
    }
}
