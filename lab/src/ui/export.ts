/**
 * Exports: the figure as PNG (from its canvas), charts as SVG, and the numbers as JSON. Files
 * are made in the page and downloaded through a temporary link; nothing is uploaded.
 */

/** Downloads `blob` as `name`. */
export function download(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Downloads a canvas as a PNG image. */
export function downloadCanvas(name: string, canvas: HTMLCanvasElement): void {
  canvas.toBlob((blob) => {
    if (blob) download(name, blob);
  }, 'image/png');
}

/** Replaces non-finite numbers (which JSON cannot hold) by their names as strings. */
function finiteReplacer(_key: string, value: unknown): unknown {
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    return Array.from(value as unknown as ArrayLike<number>, (entry) =>
      Number.isFinite(entry) ? entry : String(entry),
    );
  }
  return value;
}

/** The numbers as pretty JSON text (NaN and ±Infinity written as strings). */
export function jsonText(data: unknown): string {
  return `${JSON.stringify(data, finiteReplacer, 2)}\n`;
}

/** Downloads `data` as JSON. */
export function downloadJson(name: string, data: unknown): void {
  download(name, new Blob([jsonText(data)], { type: 'application/json' }));
}

/** Downloads SVG text. */
export function downloadSvg(name: string, svg: string): void {
  download(name, new Blob([svg], { type: 'image/svg+xml' }));
}
