// A sparkline as an SVG image in a data: URI, built from numbers only (no text from anywhere):
// hovers show it with Markdown's image syntax, which VS Code renders without enabling HTML.

export interface SparklineOptions {
  width?: number;
  height?: number;
  /** A CSS colour we choose (never data): hovers cannot read the theme, so one that reads on light and dark. */
  stroke?: string;
}

const COLOUR = /^#[0-9a-fA-F]{3,8}$/;

/** The SVG text: a polyline of the values scaled into the box (the highest value at the top), with a faint baseline. */
export function sparklineSvg(values: ArrayLike<number>, options: SparklineOptions = {}): string {
  const width = Math.max(20, Math.min(600, Math.round(options.width ?? 240)));
  const height = Math.max(8, Math.min(200, Math.round(options.height ?? 36)));
  const stroke = options.stroke && COLOUR.test(options.stroke) ? options.stroke : '#3794ff';
  const n = values.length;
  let max = 0;
  for (let i = 0; i < n; i++) if (Number.isFinite(values[i]) && values[i] > max) max = values[i];
  const pad = 2;
  const points: string[] = [];
  // At most one point per pixel column: a year of hours stays a short string.
  const step = Math.max(1, Math.ceil(n / width));
  for (let i = 0; i < n; i += step) {
    let v = 0;
    for (let j = i; j < Math.min(n, i + step); j++) if (Number.isFinite(values[j]) && values[j] > v) v = values[j];
    const x = n <= 1 ? width / 2 : pad + ((width - 2 * pad) * i) / (n - 1);
    const y = height - pad - (max > 0 ? ((height - 2 * pad) * v) / max : 0);
    points.push(`${x.toFixed(1)},${y.toFixed(1)}`);
  }
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
    `<line x1="0" y1="${height - pad}" x2="${width}" y2="${height - pad}" stroke="#8888" stroke-width="1"/>` +
    `<polyline fill="none" stroke="${stroke}" stroke-width="1.5" stroke-linejoin="round" points="${points.join(' ')}"/>` +
    `</svg>`
  );
}

/** The same as a data: URI (base64, so no character of it needs escaping in Markdown). */
export function sparklineDataUri(values: ArrayLike<number>, options: SparklineOptions = {}): string {
  const svg = sparklineSvg(values, options);
  const b64 = typeof Buffer !== 'undefined' ? Buffer.from(svg, 'utf8').toString('base64') : btoa(svg);
  return `data:image/svg+xml;base64,${b64}`;
}
