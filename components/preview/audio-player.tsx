"use client";

import { useEffect, useRef, useState } from "react";
import { formatDuration } from "@/lib/previews/duration";

type Props = {
  /** A same-origin URL that answers Range requests (the preview, or a library file). */
  src: string;
  /** What plays, for screen readers: "the free preview", "track.wav". */
  label: string;
  /** "metadata" shows the duration at once; "none" fetches nothing until Play (library files: each fetch is a re-download). */
  preload: "metadata" | "none";
};

/** Play/pause, a seekable position and the duration, around a plain <audio> element. */
export function AudioPlayer({ src, label, preload }: Props) {
  const audio = useRef<HTMLAudioElement>(null);
  const [playing, setPlaying] = useState(false);
  const [time, setTime] = useState(0);
  const [duration, setDuration] = useState<number | null>(null);
  // With preload="metadata" the browser may know the length before React hydrates and listens.
  useEffect(() => {
    const element = audio.current!;
    if (element.readyState >= HTMLMediaElement.HAVE_METADATA) setDuration(element.duration);
  }, []);
  const known = duration !== null && Number.isFinite(duration);
  const total = known ? formatDuration(duration) : "–:––";

  const toggle = () => {
    const element = audio.current!;
    if (element.paused) void element.play().catch(() => setPlaying(false));
    else element.pause();
  };
  const seek = (seconds: number) => {
    audio.current!.currentTime = seconds;
    setTime(seconds);
  };

  return (
    <div role="group" aria-label={`Player: ${label}`} data-testid="audio-player" className="flex items-center gap-3 rounded-lg border border-stone-200 bg-white p-2">
      <audio
        ref={audio}
        src={src}
        preload={preload}
        onLoadedMetadata={(event) => setDuration(event.currentTarget.duration)}
        onDurationChange={(event) => setDuration(event.currentTarget.duration)}
        onTimeUpdate={(event) => setTime(event.currentTarget.currentTime)}
        onPlay={() => setPlaying(true)}
        onPause={() => setPlaying(false)}
        onEnded={() => setPlaying(false)}
      />
      <button
        type="button"
        onClick={toggle}
        aria-label={playing ? "Pause" : "Play"}
        className="flex size-11 shrink-0 items-center justify-center rounded-full bg-brand text-white hover:bg-brand-dark"
      >
        <svg viewBox="0 0 24 24" aria-hidden="true" className="size-5 fill-current">
          {playing ? <path d="M6 5h4v14H6zM14 5h4v14h-4z" /> : <path d="M7 4.5v15l12-7.5z" />}
        </svg>
      </button>
      <input
        type="range"
        aria-label="Position"
        min={0}
        max={known ? duration : 0}
        step="any"
        value={time}
        disabled={!known}
        aria-valuetext={`${formatDuration(time)} of ${total}`}
        onChange={(event) => seek(Number(event.currentTarget.value))}
        className="h-11 min-w-0 flex-1 accent-brand"
      />
      <span data-testid="audio-time" className="shrink-0 text-sm tabular-nums text-stone-700">
        {formatDuration(time)} / {total}
      </span>
    </div>
  );
}
