/** A playable 16-bit mono PCM WAV of a short melody, synthesised so the demo ships no media. */
export function makeWav(options: { notes: number[]; noteSeconds: number; sampleRate?: number }): Uint8Array {
  const sampleRate = options.sampleRate ?? 22_050;
  const samplesPerNote = Math.round(options.noteSeconds * sampleRate);
  const sampleCount = samplesPerNote * options.notes.length;
  const buffer = Buffer.alloc(44 + sampleCount * 2);

  buffer.write("RIFF", 0);
  buffer.writeUInt32LE(36 + sampleCount * 2, 4);
  buffer.write("WAVE", 8);
  buffer.write("fmt ", 12);
  buffer.writeUInt32LE(16, 16);
  buffer.writeUInt16LE(1, 20); // PCM
  buffer.writeUInt16LE(1, 22); // mono
  buffer.writeUInt32LE(sampleRate, 24);
  buffer.writeUInt32LE(sampleRate * 2, 28);
  buffer.writeUInt16LE(2, 32);
  buffer.writeUInt16LE(16, 34);
  buffer.write("data", 36);
  buffer.writeUInt32LE(sampleCount * 2, 40);

  options.notes.forEach((frequency, noteIndex) => {
    for (let i = 0; i < samplesPerNote; i++) {
      const t = i / sampleRate;
      // A soft attack and decay per note avoids clicks between notes.
      const envelope = Math.min(1, i / 400) * Math.exp((-3 * i) / samplesPerNote);
      const tone = Math.sin(2 * Math.PI * frequency * t) + 0.3 * Math.sin(4 * Math.PI * frequency * t);
      const sample = Math.round(tone * envelope * 0.35 * 32767);
      buffer.writeInt16LE(sample, 44 + (noteIndex * samplesPerNote + i) * 2);
    }
  });
  return new Uint8Array(buffer);
}
