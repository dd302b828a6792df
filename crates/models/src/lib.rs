//! Whisper models on disk: which official models exist ([`catalog`]), fetching one over a weak
//! connection ([`download`]), the models folder the user owns ([`library`]), the GGML format
//! whisper.cpp loads ([`ggml`]) and conversion from CTranslate2 / faster-whisper directories
//! ([`ctranslate2`]).
//!
//! No whisper.cpp here: this crate only moves and rewrites bytes, so it builds and tests fast.

pub mod catalog;
pub mod ctranslate2;
pub mod download;
pub mod ggml;
pub mod library;
mod mel;
