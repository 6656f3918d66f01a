"use client";

import { useEffect, useRef } from "react";
import type uPlot from "uplot";
import "uplot/dist/uPlot.min.css";

const HEIGHT = 220;

/**
 * Net revenue per day as a bar chart (uPlot, drawn on a canvas). The canvas says nothing to a
 * screen reader: the figure's label summarizes it and the table beside it holds every number.
 * Values arrive as decimal USDC strings and become floats only to place the bars.
 */
export function RevenueChart({ days, net, label }: { days: string[]; net: string[]; label: string }) {
  const container = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    let chart: uPlot | undefined;
    let cancelled = false;
    const observer = new ResizeObserver(() => chart?.setSize({ width: element.clientWidth, height: HEIGHT }));
    void import("uplot").then(({ default: UPlot }) => {
      if (cancelled) return;
      const x = days.map((day) => Date.parse(`${day}T00:00:00Z`) / 1000);
      chart = new UPlot(
        {
          width: element.clientWidth,
          height: HEIGHT,
          legend: { show: false },
          // The days are UTC days: label them so in every time zone.
          tzDate: (seconds) => UPlot.tzDate(new Date(seconds * 1000), "Etc/UTC"),
          cursor: { show: false },
          // Half a day either side, so that the first and last bars are whole.
          scales: { x: { time: true, range: (_, min, max) => [min - 43_200, max + 43_200] }, y: { range: (_, min, max) => [Math.min(0, min), Math.max(1, max * 1.1)] } },
          axes: [{ stroke: "#57534e" }, { stroke: "#57534e", values: (_, ticks) => ticks.map((tick) => `$${tick}`) }],
          series: [{}, { label: "Net revenue", fill: "#4f46e5", stroke: "#3730a3", paths: UPlot.paths.bars!({ size: [0.7, 24] }), points: { show: false } }],
        },
        // A day without revenue draws no bar rather than an outline at zero.
        [x, net.map((value) => (Number(value) === 0 ? null : Number(value)))],
        element,
      );
      observer.observe(element);
    });
    return () => {
      cancelled = true;
      observer.disconnect();
      chart?.destroy();
    };
  }, [days, net]);

  return (
    <figure className="m-0 flex flex-col gap-1">
      <div ref={container} role="img" aria-label={label} className="min-h-[220px] w-full" data-testid="revenue-chart" />
      <figcaption className="text-xs text-stone-600">{label}</figcaption>
    </figure>
  );
}
