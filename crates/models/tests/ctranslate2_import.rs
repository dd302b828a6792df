//! Converting real faster-whisper / CTranslate2 models to GGML and comparing with a reference.
//!
//! Needs the CTranslate2 test models: run `scripts/fetch-test-models.sh` (it prints the two
//! folders; set `AIRA_TEST_CT2_TINY_EN` / `AIRA_TEST_CT2_BASE` to use others). The reference
//! GGML file is `AIRA_WHISPER_TEST_MODEL`, by default `../shared/models/ggml-tiny.en.bin`
//! beside the workspace. Missing files fail the tests: a skipped check proves nothing.

// A test crate's root resolves modules beside it, so the helpers' folder is named explicitly.
#[path = "ctranslate2_import/ggml_file.rs"]
mod ggml_file;
#[path = "ctranslate2_import/quantize.rs"]
mod quantize;

use std::path::{Path, PathBuf};

use aira_models::ctranslate2::{self, ConvertProgress, ImportError};
use aira_models::ggml;

type TestResult = Result<(), Box<dyn std::error::Error>>;

const BASE_GGML_BYTES: u64 = 147_951_465;

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn tiny_en_dir() -> Result<PathBuf, String> {
    aira_test_support::ctranslate2_tiny_en_dir()
}

fn base_dir() -> Result<PathBuf, String> {
    aira_test_support::ctranslate2_base_dir()
}

fn reference_model() -> Result<PathBuf, String> {
    aira_test_support::required_test_path(
        "AIRA_WHISPER_TEST_MODEL",
        workspace_root().join("../shared/models/ggml-tiny.en.bin"),
    )
}

/// Converts, checking that progress only grows and ends at the file's size.
fn convert(source: &Path, destination: &Path) -> Result<ggml::GgmlModelInfo, ImportError> {
    let mut last = ConvertProgress {
        done_bytes: 0,
        total_bytes: 0,
    };
    let mut reports = 0;
    let info = ctranslate2::convert(source, destination, &mut |progress| {
        assert!(progress.done_bytes >= last.done_bytes);
        assert!(progress.done_bytes <= progress.total_bytes);
        last = progress;
        reports += 1;
    })?;
    assert!(reports > 10, "only {reports} progress reports");
    assert_eq!(last.done_bytes, last.total_bytes);
    assert_eq!(last.total_bytes, info.file_bytes);
    Ok(info)
}

#[test]
fn tiny_en_float16_converts_to_the_reference_file() -> TestResult {
    let source = tiny_en_dir()?;
    assert!(ctranslate2::is_ctranslate2_directory(&source));
    let reference_path = reference_model()?;
    let folder = tempfile::tempdir()?;
    let destination = folder.path().join("ggml-tiny.en.bin");

    let started = std::time::Instant::now();
    let info = convert(&source, &destination)?;
    eprintln!("tiny.en converted in {:.2?}", started.elapsed());

    let reference_info = ggml::inspect(&reference_path)?;
    assert_eq!(info, reference_info);
    assert_eq!(ggml::inspect(&destination)?, reference_info);
    assert_eq!(info.size_name(), "tiny");
    assert!(!info.is_multilingual());

    let converted = std::fs::read(&destination)?;
    let reference = std::fs::read(&reference_path)?;
    assert_eq!(converted.len(), reference.len());
    let reference_file = ggml_file::parse(&reference)?;
    let mel_end =
        ggml_file::MEL_FILTERS_START + reference_file.mel_rows * reference_file.mel_columns * 4;
    assert_eq!(
        converted[..ggml_file::MEL_FILTERS_START],
        reference[..ggml_file::MEL_FILTERS_START]
    );
    if let Some(offset) = (mel_end..reference.len()).find(|&at| converted[at] != reference[at]) {
        return Err(format!("first byte difference after the mel filters at {offset}").into());
    }

    let converted_file = ggml_file::parse(&converted)?;
    let largest_difference = converted_file
        .mel_filters(&converted)
        .iter()
        .zip(reference_file.mel_filters(&reference))
        .map(|(ours, theirs)| (ours - theirs).abs())
        .fold(0_f32, f32::max);
    eprintln!("largest mel filter difference: {largest_difference:e}");
    assert!(largest_difference <= 1e-6, "{largest_difference}");
    Ok(())
}

#[test]
fn split_multilingual_base_converts_to_the_official_size() -> TestResult {
    let source = base_dir()?;
    assert!(ctranslate2::is_ctranslate2_directory(&source));
    assert!(
        !source.join("model.bin").exists(),
        "base should be split in parts"
    );
    let folder = tempfile::tempdir()?;
    let destination = folder.path().join("ggml-base.bin");

    let started = std::time::Instant::now();
    let info = convert(&source, &destination)?;
    eprintln!("base converted in {:.2?}", started.elapsed());

    assert_eq!(std::fs::metadata(&destination)?.len(), BASE_GGML_BYTES);
    assert_eq!(info.file_bytes, BASE_GGML_BYTES);
    assert!(info.is_multilingual());
    assert_eq!(info.size_name(), "base");
    assert_eq!(
        (
            info.n_vocab,
            info.n_audio_layer,
            info.n_audio_head,
            info.n_audio_state
        ),
        (51_865, 6, 8, 512)
    );
    assert_eq!(
        (info.n_text_layer, info.n_text_head, info.n_mels),
        (6, 8, 80)
    );

    // Multilingual vocabularies have an empty token at 50,256 and stop before <|endoftext|>.
    let converted = ggml_file::parse(&std::fs::read(&destination)?)?;
    assert_eq!(converted.tokens.len(), 50_257);
    assert_eq!(converted.tokens[50_256], b"");
    assert_eq!(converted.tokens[220], b" ");
    Ok(())
}

#[test]
fn int8_weights_convert_within_quantization_error() -> TestResult {
    let source = tiny_en_dir()?;
    let reference_path = reference_model()?;
    let int8_dir = tempfile::tempdir()?;
    let float16_model = std::fs::read(source.join("model.bin"))?;
    std::fs::write(
        int8_dir.path().join("model.bin"),
        quantize::quantize_to_int8(&float16_model)?,
    )?;
    std::fs::copy(
        source.join("vocabulary.txt"),
        int8_dir.path().join("vocabulary.txt"),
    )?;
    let folder = tempfile::tempdir()?;
    let destination = folder.path().join("ggml-tiny.en-from-int8.bin");

    let started = std::time::Instant::now();
    let info = convert(int8_dir.path(), &destination)?;
    eprintln!("int8 tiny.en converted in {:.2?}", started.elapsed());
    assert_eq!(info, ggml::inspect(&reference_path)?);

    let converted = std::fs::read(&destination)?;
    let reference = std::fs::read(&reference_path)?;
    let converted_file = ggml_file::parse(&converted)?;
    let reference_file = ggml_file::parse(&reference)?;
    assert_eq!(converted_file.order, reference_file.order);
    assert_eq!(converted_file.tokens, reference_file.tokens);

    let mut quantized_tensors = 0;
    for name in &reference_file.order {
        let (ours, theirs) = (&converted_file.tensors[name], &reference_file.tensors[name]);
        assert_eq!(ours.dimensions, theirs.dimensions, "{name}");
        assert_eq!(ours.element_type, theirs.element_type, "{name}");
        if converted[ours.data.clone()] == reference[theirs.data.clone()] {
            continue;
        }
        // Only weight matrices were quantized; vectors and embeddings tables of positions not.
        assert!(
            name.ends_with(".weight") && theirs.dimensions.len() >= 2,
            "{name} changed"
        );
        quantized_tensors += 1;
        let (ours, theirs) = (ours.values(&converted), theirs.values(&reference));
        let row_length = ours.len()
            / reference_file.tensors[name]
                .dimensions
                .last()
                .copied()
                .unwrap_or(1);
        for (row, (our_row, their_row)) in ours
            .chunks(row_length)
            .zip(theirs.chunks(row_length))
            .enumerate()
        {
            let largest = their_row
                .iter()
                .fold(0_f32, |largest, value| largest.max(value.abs()));
            // Half a quantization step, plus the f16 rounding of the result.
            let step = largest / 127.0;
            for (our, their) in our_row.iter().zip(their_row) {
                let tolerance = step * 0.5 * 1.001 + their.abs() * 2f32.powi(-10) + 1e-7;
                assert!(
                    (our - their).abs() <= tolerance,
                    "{name} row {row}: {our} vs {their} (step {step})"
                );
            }
        }
    }
    // Conv kernels, token embedding, and 6 matrices per encoder and 10 per decoder layer.
    let reference_info = ggml::inspect(&reference_path)?;
    let expected = 3 + 6 * reference_info.n_audio_layer + 10 * reference_info.n_text_layer;
    assert_eq!(quantized_tensors, expected as usize);
    Ok(())
}

/// A copy of the model folder `source` with `tokenizer.json` as its only vocabulary.
fn copy_with_tokenizer_json_only(source: &Path) -> Result<tempfile::TempDir, std::io::Error> {
    let copy = tempfile::tempdir()?;
    for entry in std::fs::read_dir(source)? {
        let name = entry?.file_name();
        let keep = name.to_string_lossy().starts_with("model.bin") || name == "tokenizer.json";
        if keep {
            std::fs::copy(source.join(&name), copy.path().join(&name))?;
        }
    }
    Ok(copy)
}

#[test]
fn tokenizer_json_gives_the_same_vocabulary_as_vocabulary_txt() -> TestResult {
    for source in [tiny_en_dir()?, base_dir()?] {
        let folder = tempfile::tempdir()?;
        let from_text = folder.path().join("from-vocabulary-txt.bin");
        let from_json = folder.path().join("from-tokenizer-json.bin");
        convert(&source, &from_text)?;
        let copy = copy_with_tokenizer_json_only(&source)?;
        assert!(ctranslate2::is_ctranslate2_directory(copy.path()));
        convert(copy.path(), &from_json)?;
        assert!(
            std::fs::read(&from_text)? == std::fs::read(&from_json)?,
            "{} converts differently with tokenizer.json",
            source.display()
        );
    }
    Ok(())
}

/// Converting `source` must fail and leave the destination folder empty.
fn convert_fails(source: &Path) -> Result<ImportError, Box<dyn std::error::Error>> {
    let folder = tempfile::tempdir()?;
    let destination = folder.path().join("model.ggml");
    let error = ctranslate2::convert(source, &destination, &mut |_| {})
        .err()
        .ok_or("the conversion succeeded")?;
    let left: Vec<_> = std::fs::read_dir(folder.path())?.collect();
    assert!(left.is_empty(), "left behind: {left:?}");
    Ok(error)
}

fn ct2_string(bytes: &mut Vec<u8>, text: &str) {
    bytes.extend_from_slice(&(text.len() as u16 + 1).to_le_bytes());
    bytes.extend_from_slice(text.as_bytes());
    bytes.push(0);
}

/// A model.bin with no variables: only the header.
fn empty_model(version: i32, spec: &str) -> Vec<u8> {
    let mut bytes = version.to_le_bytes().to_vec();
    ct2_string(&mut bytes, spec);
    bytes.extend_from_slice(&1_i32.to_le_bytes()); // revision
    bytes.extend_from_slice(&0_u32.to_le_bytes()); // variables
    bytes.extend_from_slice(&0_u32.to_le_bytes()); // aliases
    bytes
}

#[test]
fn bad_model_folders_give_specific_errors_and_leave_nothing() -> TestResult {
    let tiny = tiny_en_dir()?;
    let folder = tempfile::tempdir()?;
    let model = folder.path().join("model.bin");
    std::fs::copy(
        tiny.join("vocabulary.txt"),
        folder.path().join("vocabulary.txt"),
    )?;

    assert!(!ctranslate2::is_ctranslate2_directory(folder.path()));
    let error = convert_fails(folder.path())?;
    assert!(matches!(error, ImportError::MissingModel { .. }), "{error}");

    std::fs::write(&model, empty_model(6, "TransformerSpec"))?;
    assert!(ctranslate2::is_ctranslate2_directory(folder.path()));
    let error = convert_fails(folder.path())?;
    assert!(
        matches!(&error, ImportError::NotWhisper { spec } if spec == "TransformerSpec"),
        "{error}"
    );

    std::fs::write(&model, empty_model(3, "WhisperSpec"))?;
    let error = convert_fails(folder.path())?;
    assert!(
        matches!(error, ImportError::UnsupportedVersion { version: 3 }),
        "{error}"
    );

    std::fs::write(&model, empty_model(6, "WhisperSpec"))?;
    let error = convert_fails(folder.path())?;
    assert!(
        matches!(&error, ImportError::MissingVariable { name } if name == "decoder/embeddings/weight"),
        "{error}"
    );

    let real = std::fs::read(tiny.join("model.bin"))?;
    std::fs::write(&model, &real[..1 << 20])?;
    let error = convert_fails(folder.path())?;
    assert!(matches!(error, ImportError::Truncated { .. }), "{error}");
    assert!(
        error.to_string().contains("decoder/embeddings/weight"),
        "{error}"
    );

    // A data type this importer does not know, on a variable converted late: the error comes
    // after the temporary output file exists, which must be removed too.
    let mut unknown_type = real.clone();
    let name = b"decoder/layer_norm/gamma\0";
    let at = unknown_type
        .windows(name.len())
        .position(|window| window == name)
        .ok_or("no decoder/layer_norm/gamma in tiny.en")?;
    let data_type_at = at + name.len() + 1 + 4; // after the rank and the one dimension
    assert_eq!(unknown_type[data_type_at], 4, "float16 expected");
    unknown_type[data_type_at] = 9;
    std::fs::write(&model, &unknown_type)?;
    let error = convert_fails(folder.path())?;
    assert!(
        matches!(&error, ImportError::UnsupportedDataType { variable, .. } if variable == "decoder/layer_norm/gamma"),
        "{error}"
    );

    std::fs::remove_file(folder.path().join("vocabulary.txt"))?;
    assert!(!ctranslate2::is_ctranslate2_directory(folder.path()));
    let error = convert_fails(folder.path())?;
    assert!(
        matches!(error, ImportError::MissingVocabulary { .. }),
        "{error}"
    );
    Ok(())
}

#[test]
fn a_faster_whisper_folder_is_imported_into_the_library_under_its_own_name() -> TestResult {
    use aira_models::catalog::Catalog;
    use aira_models::library::{ImportFormat, ModelLibrary, ModelOrigin};

    let work = tempfile::tempdir()?;
    // Named as faster-whisper's packages are; the name becomes the model's.
    let source = work.path().join("faster-whisper-tiny.en");
    std::os::unix::fs::symlink(tiny_en_dir()?, &source)?;
    let library = ModelLibrary::new(work.path().join("models"));
    let mut formats = Vec::new();
    let installed = library.import(&source, None, &Catalog::official(), &mut |progress| {
        formats.push(progress.format);
    })?;
    assert_eq!(installed.name, "faster-whisper-tiny.en");
    assert_eq!(installed.file_name, "ggml-faster-whisper-tiny.en.bin");
    assert_eq!(installed.origin, ModelOrigin::Imported);
    assert!(
        !installed.verified,
        "a converted file is not an official download"
    );
    assert!(
        formats
            .iter()
            .all(|format| *format == ImportFormat::Ctranslate2)
    );
    assert!(!formats.is_empty());
    let info = ggml::inspect(&installed.path)?;
    assert_eq!(info.file_bytes, installed.size_bytes);
    assert_eq!(library.list(&Catalog::official())?, [installed]);
    Ok(())
}
