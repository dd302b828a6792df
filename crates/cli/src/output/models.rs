//! What `aira models …` prints.

use std::path::Path;

use aira_protocol::{InstalledModelInfo, ModelOrigin, ModelsOutput};
use aira_runtime::DownloadedModel;
use serde::Serialize;

use super::Output;

impl Output {
    pub fn models(&self, listing: &ModelsOutput) {
        if self.json {
            return Self::print_json(listing);
        }
        println!("Models folder: {}", listing.folder);
        println!("In use: {}", listing.in_use);
        if let (true, Some(chosen)) = (listing.overridden, &listing.chosen) {
            println!(
                "Chosen with aira models use: {chosen} (waits while --model or AIRA_WHISPER_MODEL names another)"
            );
        }
        if listing.installed.is_empty() {
            println!("Installed: none. Try: aira models download tiny.en");
        } else {
            println!("Installed:");
        }
        for model in &listing.installed {
            let origin = match (model.origin, model.verified) {
                (_, true) => "official, verified",
                (ModelOrigin::Downloaded, false) => "downloaded",
                (ModelOrigin::Imported, false) => "imported",
                (ModelOrigin::Unknown, false) => "added by hand",
            };
            let languages = match model.multilingual {
                Some(true) => ", all languages",
                Some(false) => ", English only",
                None => ", unreadable",
            };
            println!(
                "- {}, {}{languages}, {origin}{}",
                model.name,
                megabytes(model.size_bytes),
                if model.in_use { ", in use" } else { "" }
            );
        }
        println!("Available to download:");
        for entry in &listing.available {
            let state = if entry.installed {
                " (installed)".to_owned()
            } else if entry.partial_bytes > 0 {
                format!(" ({} downloaded so far)", megabytes(entry.partial_bytes))
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

    pub fn model_downloaded(&self, downloaded: &DownloadedModel) {
        let model = &downloaded.model;
        if self.json {
            /// `aira models download --json`.
            #[derive(Serialize)]
            struct Downloaded<'a> {
                name: &'a str,
                path: &'a str,
                size_bytes: u64,
                sha1: &'a str,
                /// It was there already, so nothing was downloaded.
                already_installed: bool,
                in_use: bool,
            }
            return Self::print_json(&Downloaded {
                name: &model.name,
                path: &model.path,
                size_bytes: model.size_bytes,
                sha1: &downloaded.sha1,
                already_installed: downloaded.already_installed,
                in_use: model.in_use,
            });
        }
        if downloaded.already_installed {
            println!("{} is already installed: {}", model.name, model.path);
        } else {
            println!(
                "Downloaded {} ({}, checksum verified): {}",
                model.name,
                megabytes(model.size_bytes),
                model.path
            );
        }
        if !model.in_use {
            println!("To use it: aira models use {}", model.name);
        }
    }

    pub fn model_imported(&self, model: &InstalledModelInfo) {
        if self.json {
            return Self::print_json(model);
        }
        println!(
            "Imported {} ({}): {}",
            model.name,
            megabytes(model.size_bytes),
            model.path
        );
        if let (true, Some(official)) = (model.verified, &model.catalog_name) {
            println!("It is the official {official} model, unchanged.");
        }
        if !model.in_use {
            println!("To use it: aira models use {}", model.name);
        }
    }

    pub fn model_chosen(&self, model: &InstalledModelInfo) {
        if self.json {
            return Self::print_json(model);
        }
        println!(
            "Transcribing with {} from now on: {}",
            model.name, model.path
        );
        if !model.in_use {
            println!(
                "For now --model or AIRA_WHISPER_MODEL names another model, which wins; without it, {} is used.",
                model.name
            );
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
