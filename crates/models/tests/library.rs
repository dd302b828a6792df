//! The models folder: download from a catalog, import, list, remove.

mod server;

use std::time::Duration;

use aira_models::catalog::{Catalog, CatalogEntry, Quantization};
use aira_models::download::{DownloadOptions, part_path};
use aira_models::ggml::GgmlError;
use aira_models::library::{ImportFormat, ImportProgress, LibraryError, ModelLibrary, ModelOrigin};
use aira_test_support::ggml_model_bytes;
use server::{Reply, TestServer, model_bytes, sha1_hex};
use tokio_util::sync::CancellationToken;

type TestResult = Result<(), Box<dyn std::error::Error>>;

/// A catalog with one model, `test.en`, whose file is `file`.
fn catalog_for(file: &[u8]) -> Result<Catalog, String> {
    Catalog::from_entries(vec![CatalogEntry {
        name: "test.en".into(),
        file_name: "ggml-test.en.bin".into(),
        size_bytes: file.len() as u64,
        sha1: sha1_hex(file),
        multilingual: false,
        quantization: Quantization::F16,
        description: "A test model.".into(),
    }])
}

fn options() -> DownloadOptions {
    DownloadOptions {
        first_retry_delay: Duration::from_millis(10),
        ..DownloadOptions::default()
    }
}

#[tokio::test]
async fn a_catalog_model_is_downloaded_listed_and_removed() -> TestResult {
    let folder = tempfile::tempdir()?;
    let library = ModelLibrary::new(folder.path().join("models"));
    let file = model_bytes(1_500_000);
    let catalog = catalog_for(&file)?;
    let server = TestServer::start(file.clone(), |_| Reply::File).await?;
    assert!(
        library.list(&catalog)?.is_empty(),
        "no folder yet, no models"
    );

    let path = library
        .download(
            &catalog,
            "test.en",
            &server.base_url,
            options(),
            |_| {},
            &CancellationToken::new(),
        )
        .await?;
    assert_eq!(path, folder.path().join("models/ggml-test.en.bin"));
    assert_eq!(std::fs::read(&path)?, file);
    assert_eq!(server.requests()[0].path, "/ggml-test.en.bin");

    let installed = library.list(&catalog)?;
    assert_eq!(installed.len(), 1, "{installed:?}");
    assert_eq!(installed[0].name, "test.en");
    assert_eq!(installed[0].catalog_name.as_deref(), Some("test.en"));
    assert_eq!(installed[0].origin, ModelOrigin::Downloaded);
    assert!(installed[0].verified);
    assert_eq!(installed[0].size_bytes, 1_500_000);
    assert_eq!(library.path_of("test.en")?, path);
    assert_eq!(library.path_of("ggml-test.en.bin")?, path);

    // Already there: not fetched again.
    library
        .download(
            &catalog,
            "test.en",
            &server.base_url,
            options(),
            |_| {},
            &CancellationToken::new(),
        )
        .await?;
    assert_eq!(server.requests().len(), 1);

    assert_eq!(library.remove("test.en")?, path);
    assert!(!path.exists());
    assert!(library.list(&catalog)?.is_empty());
    assert!(matches!(
        library.remove("test.en"),
        Err(LibraryError::NotInstalled { .. })
    ));
    Ok(())
}

#[tokio::test]
async fn an_unknown_name_is_not_downloaded() -> TestResult {
    let folder = tempfile::tempdir()?;
    let library = ModelLibrary::new(folder.path());
    let outcome = library
        .download(
            &Catalog::official(),
            "huge.en",
            "http://127.0.0.1:9",
            options(),
            |_| {},
            &CancellationToken::new(),
        )
        .await;
    assert!(
        matches!(outcome, Err(LibraryError::UnknownModel { ref name }) if name == "huge.en"),
        "{outcome:?}"
    );
    Ok(())
}

/// Imports, checking that progress only grows and ends at the file's size.
fn import(
    library: &ModelLibrary,
    source: &std::path::Path,
    name: Option<&str>,
    catalog: &Catalog,
) -> Result<aira_models::library::InstalledModel, LibraryError> {
    let mut last: Option<ImportProgress> = None;
    let installed = library.import(source, name, catalog, &mut |progress| {
        assert!(progress.done_bytes >= last.map_or(0, |last| last.done_bytes));
        assert!(progress.done_bytes <= progress.total_bytes);
        last = Some(progress);
    })?;
    let last = last.unwrap_or_else(|| panic!("no progress reported"));
    assert_eq!(last.format, ImportFormat::Ggml);
    assert_eq!(last.done_bytes, installed.size_bytes);
    Ok(installed)
}

#[test]
fn a_ggml_file_is_imported_and_an_official_one_is_recognised() -> TestResult {
    let folder = tempfile::tempdir()?;
    let library = ModelLibrary::new(folder.path().join("models"));
    let file = ggml_model_bytes(1_200_000);
    let catalog = catalog_for(&file)?;
    let source = folder.path().join("ggml-test.en.bin");
    std::fs::write(&source, &file)?;

    let installed = import(&library, &source, None, &catalog)?;
    assert_eq!(installed.name, "test.en");
    assert_eq!(installed.origin, ModelOrigin::Imported);
    assert!(installed.verified, "same bytes as the catalog's test.en");
    assert_eq!(std::fs::read(&installed.path)?, file);
    assert!(matches!(
        import(&library, &source, None, &catalog),
        Err(LibraryError::AlreadyInstalled { .. })
    ));

    let mine = import(&library, &source, Some("mine"), &catalog)?;
    assert_eq!(mine.file_name, "ggml-mine.bin");
    assert!(!mine.verified);
    assert_eq!(mine.catalog_name, None);
    let listed = library.list(&catalog)?;
    let names: Vec<&str> = listed.iter().map(|model| model.name.as_str()).collect();
    assert_eq!(names, ["mine", "test.en"], "no staging file is left behind");
    assert!(
        listed
            .iter()
            .all(|model| model.origin == ModelOrigin::Imported)
    );
    let leftovers = std::fs::read_dir(library.folder())?
        .flatten()
        .filter(|entry| entry.file_name().to_string_lossy().ends_with(".partial"))
        .count();
    assert_eq!(leftovers, 0);
    Ok(())
}

#[test]
fn files_that_are_not_ggml_models_are_refused_with_the_reason() -> TestResult {
    let folder = tempfile::tempdir()?;
    let library = ModelLibrary::new(folder.path().join("models"));
    let catalog = Catalog::official();
    let import = |path: &std::path::Path| library.import(path, None, &catalog, &mut |_| {});

    let foreign = folder.path().join("foreign.bin");
    std::fs::write(&foreign, vec![7_u8; 2_000_000])?;
    let outcome = import(&foreign);
    assert!(
        matches!(
            outcome,
            Err(LibraryError::NotAModel(GgmlError::NotGgml { .. }))
        ),
        "{outcome:?}"
    );
    let cut = folder.path().join("ggml-cut.bin");
    std::fs::write(&cut, &ggml_model_bytes(500_000)[..300_000])?;
    let outcome = import(&cut);
    assert!(
        matches!(
            outcome,
            Err(LibraryError::NotAModel(GgmlError::Truncated { .. }))
        ),
        "{outcome:?}"
    );
    assert!(
        outcome
            .err()
            .is_some_and(|error| error.to_string().contains("incomplete")),
        "a cut file is called incomplete"
    );

    // A folder with no CTranslate2 model in it (here: no vocabulary next to model.bin).
    let directory = folder.path().join("faster-whisper-tiny");
    std::fs::create_dir(&directory)?;
    std::fs::write(directory.join("model.bin"), b"not really")?;
    let outcome = import(&directory);
    assert!(
        matches!(outcome, Err(LibraryError::ImportUnsupported { .. })),
        "{outcome:?}"
    );
    let missing = import(&folder.path().join("absent.bin"));
    assert!(
        matches!(&missing, Err(LibraryError::Io { source, .. }) if source.kind() == std::io::ErrorKind::NotFound),
        "{missing:?}"
    );
    assert!(!library.folder().exists(), "nothing was copied");
    Ok(())
}

#[test]
fn names_cannot_leave_the_folder() -> TestResult {
    let folder = tempfile::tempdir()?;
    let library = ModelLibrary::new(folder.path().join("models"));
    for name in ["../escape", "sub/model", "..\\escape", "", ".hidden"] {
        assert!(
            matches!(library.remove(name), Err(LibraryError::InvalidName { .. })),
            "{name:?}"
        );
        assert!(
            matches!(
                library.path_for(name),
                Err(LibraryError::InvalidName { .. })
            ),
            "{name:?}"
        );
    }
    assert_eq!(
        library.path_for("distil-small.en")?,
        folder.path().join("models/ggml-distil-small.en.bin")
    );
    Ok(())
}

#[test]
fn hand_placed_models_are_listed_and_unfinished_downloads_are_not() -> TestResult {
    let folder = tempfile::tempdir()?;
    let library = ModelLibrary::new(folder.path());
    let catalog = Catalog::official();
    std::fs::write(folder.path().join("ggml-tiny.en.bin"), model_bytes(2_000))?;
    std::fs::write(
        part_path(&folder.path().join("ggml-base.bin")),
        model_bytes(3_000),
    )?;
    std::fs::write(folder.path().join("notes.txt"), "not a model")?;

    let listed = library.list(&catalog)?;
    assert_eq!(listed.len(), 1, "{listed:?}");
    assert_eq!(listed[0].catalog_name.as_deref(), Some("tiny.en"));
    assert_eq!(listed[0].origin, ModelOrigin::Unknown);
    assert!(!listed[0].verified);
    assert_eq!(library.partial_bytes("base"), 3_000);
    assert_eq!(library.partial_bytes("tiny.en"), 0);

    // Removing a model that is only partly downloaded removes the partial download.
    library.remove("base")?;
    assert_eq!(library.partial_bytes("base"), 0);
    Ok(())
}
