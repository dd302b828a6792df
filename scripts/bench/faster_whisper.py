"""Transcribes clips with faster-whisper and prints one JSON object per clip:
{"file", "text", "seconds"} — the peer in scripts/bench/whisper.

    python faster_whisper.py MODEL_DIR COMPUTE_TYPE THREADS CLIP...
Greedy decoding (beam 1), English, no VAD filter, no word timestamps: the settings closest
to Aira's. The model is loaded and warmed up on the first clip before timing starts.
"""
import json
import sys
import time

from faster_whisper import WhisperModel

model_dir, compute_type, threads, clips = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4:]
model = WhisperModel(model_dir, device="cpu", compute_type=compute_type, cpu_threads=threads)


def transcribe(clip):
    segments, _ = model.transcribe(clip, language="en", beam_size=1, best_of=1,
                                   temperature=0.0, vad_filter=False,
                                   condition_on_previous_text=False)
    return " ".join(segment.text.strip() for segment in segments)


transcribe(clips[0])
for clip in clips:
    started = time.perf_counter()
    text = transcribe(clip)
    print(json.dumps({"file": clip, "text": text, "seconds": time.perf_counter() - started}))
