//! Writes a q8_0 copy of an f16 GGML model (what whisper.cpp's `quantize` tool does), for the
//! whole-file benchmark (`scripts/bench/whisper`):
//!
//!     cargo run --release -p aira-models --example quantize -- ggml-tiny.en.bin ggml-tiny.en-q8_0.bin

fn main() -> std::process::ExitCode {
    let arguments: Vec<String> = std::env::args().skip(1).collect();
    let [source, destination] = arguments.as_slice() else {
        eprintln!("usage: quantize SOURCE.bin DESTINATION.bin");
        return std::process::ExitCode::from(2);
    };
    match aira_models::ggml::quantize_q8_0(source.as_ref(), destination.as_ref()) {
        Ok(info) => {
            println!(
                "{destination}: {} {}, {} bytes",
                info.size_name(),
                info.weight_format(),
                info.file_bytes
            );
            std::process::ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("{error}");
            std::process::ExitCode::FAILURE
        }
    }
}
