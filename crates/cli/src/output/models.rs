//! What `aira models …` prints.

use std::path::{Path, PathBuf};

use aira_models::catalog::{Catalog, CatalogEntry};
use aira_models::library::{InstalledModel, ModelLibrary, ModelOrigin};
use aira_runtime::Settings;
use serde::Serialize;

use super::Output;

/// `aira models list`: what can be downloaded, what is installed, what is in use.
#[derive(Serialize)]
pub struct Listing {
    folder: PathBuf,
    /// The model transcription uses (`--model`, `AIRA_WHISPER_MODEL`, or the default).
    in_use: PathBuf,
    available: Vec<Available>,
    installed: Vec<Installed>,
}

#[derive(Serialize)]
struct Available {
    #[serde(flatten)]
    entry: CatalogEntry,
    installed: bool,
    /// Bytes of an unfinished download waiting to be resumed.
    partial_bytes: u64,
}

#[derive(Serialize)]
struct Installed {
    #[serde(flatten)]
    model: InstalledModel,
    in_use: bool,
}

impl Listing {
    pub fn new(
        settings: &Settings,
        library: &ModelLibrary,
        catalog: &Catalog,
        installed: Vec<InstalledModel>,
    ) -> Self {
        Self {
            folder: library.folder().to_path_buf(),
            in_use: settings.model_path.clone(),
            available: catalog
                .entries()
                .iter()
                .map(|entry| Available {
                    installed: library.is_installed(entry),
                    partial_bytes: library.partial_bytes(&entry.name),
                    entry: entry.clone(),
                })
                .collect(),
            installed: installed
                .into_iter()
                .map(|model| Installed {
                    in_use: is_in_use(settings, &model.path),
                    model,
                })
                .collect(),
        }
    }
}

/// `aira models download`'s result.
#[derive(Serialize)]
pub struct Downloaded {
    pub name: String,
    pub path: PathBuf,
    pub size_bytes: u64,
    pub sha1: String,
    /// It was there already, so nothing was downloaded.
    pub already_installed: bool,
    pub in_use: bool,
}

/// Whether `path` is the model transcription uses.
pub fn is_in_use(settings: &Settings, path: &Path) -> bool {
    let canonical = |path: &Path| std::fs::canonicalize(path).unwrap_or_else(|_| path.into());
    canonical(path) == canonical(&settings.model_path)
}

impl Output {
    pub fn models(&self, listing: &Listing) {
        if self.json {
            return Self::print_json(listing);
        }
        println!("Models folder: {}", listing.folder.display());
        println!("In use: {}", listing.in_use.display());
        if listing.installed.is_empty() {
            println!("Installed: none. Try: aira models download tiny.en");
        } else {
            println!("Installed:");
        }
        for installed in &listing.installed {
            let model = &installed.model;
            let origin = match (model.origin, model.verified) {
                (_, true) => "official, verified",
                (ModelOrigin::Downloaded, false) => "downloaded",
                (ModelOrigin::Imported, false) => "imported",
                (ModelOrigin::Unknown, false) => "added by hand",
            };
            println!(
                "- {}, {}, {origin}{}",
                model.name,
                megabytes(model.size_bytes),
                if installed.in_use { ", in use" } else { "" }
            );
        }
        println!("Available to download:");
        for available in &listing.available {
            let entry = &available.entry;
            let state = if available.installed {
                " (installed)".to_owned()
            } else if available.partial_bytes > 0 {
                format!(
                    " ({} downloaded so far)",
                    megabytes(available.partial_bytes)
                )
            } else {
                String::new()
            };
            println!(
                "- {}, {}, {}{state}: {}",
                entry.name,
                megabytes(entry.size_bytes),
                if entry.multilingual {
                    "all languages"
                } else {
                    "English only"
                },
                entry.description
            );
        }
    }

    pub fn model_downloaded(&self, downloaded: &Downloaded) {
        if self.json {
            return Self::print_json(downloaded);
        }
        if downloaded.already_installed {
            println!(
                "{} is already installed: {}",
                downloaded.name,
                downloaded.path.display()
            );
        } else {
            println!(
                "Downloaded {} ({}, checksum verified): {}",
                downloaded.name,
                megabytes(downloaded.size_bytes),
                downloaded.path.display()
            );
        }
        if !downloaded.in_use {
            println!(
                "To use it: aira --model {} …, or set AIRA_WHISPER_MODEL to that path",
                downloaded.path.display()
            );
        }
    }

    pub fn model_imported(&self, model: &InstalledModel) {
        if self.json {
            return Self::print_json(model);
        }
        println!(
            "Imported {} ({}): {}",
            model.name,
            megabytes(model.size_bytes),
            model.path.display()
        );
        if let (true, Some(official)) = (model.verified, &model.catalog_name) {
            println!("It is the official {official} model, unchanged.");
        }
    }

    pub fn model_removed(&self, name: &str, path: &Path) {
        if self.json {
            #[derive(Serialize)]
            struct Removed<'a> {
                removed: &'a str,
                path: &'a Path,
            }
            return Self::print_json(&Removed {
                removed: name,
                path,
            });
        }
        println!("Removed {name}: {}", path.display());
    }
}

/// Sizes as people see them in file managers: decimal megabytes, one decimal.
pub fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1_000_000.0)
}
