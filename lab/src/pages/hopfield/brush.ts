/**
 * The brush of the Hopfield page: pointer events (mouse, touch and pen alike) paint the cells
 * under the pointer; on the focused canvas the arrow keys move a cursor and Space or Enter
 * paints the cell under it. What painting means is the page's business (`paint`).
 */

/** What the brush calls. */
export interface BrushHandlers {
  /** Paint the cell (row, column). */
  paint(row: number, column: number): void;
  /** The keyboard cursor moved, or the canvas gained or lost focus (redraw). */
  moved(): void;
}

/** The keyboard cursor of a brush. */
export interface BrushCursor {
  readonly position: { row: number; column: number };
}

/** Attaches a brush to a canvas showing a `grid` × `grid` board. */
export function attachBrush(canvas: HTMLCanvasElement, grid: number, handlers: BrushHandlers): BrushCursor {
  const cursor = { position: { row: Math.floor(grid / 2), column: Math.floor(grid / 2) } };
  let painting = false;
  const paintAt = (event: PointerEvent) => {
    const box = canvas.getBoundingClientRect();
    const column = Math.floor(((event.clientX - box.left) / box.width) * grid);
    const row = Math.floor(((event.clientY - box.top) / box.height) * grid);
    if (row >= 0 && row < grid && column >= 0 && column < grid) handlers.paint(row, column);
  };
  canvas.addEventListener('pointerdown', (event) => {
    painting = true;
    canvas.setPointerCapture(event.pointerId);
    paintAt(event);
  });
  canvas.addEventListener('pointermove', (event) => {
    if (painting) paintAt(event);
  });
  const stop = () => {
    painting = false;
  };
  canvas.addEventListener('pointerup', stop);
  canvas.addEventListener('pointercancel', stop);
  const moves: Record<string, [number, number]> = {
    ArrowUp: [-1, 0],
    ArrowDown: [1, 0],
    ArrowLeft: [0, -1],
    ArrowRight: [0, 1],
  };
  canvas.addEventListener('keydown', (event) => {
    const move = moves[event.key];
    if (move) {
      event.preventDefault();
      const { row, column } = cursor.position;
      cursor.position = {
        row: Math.max(0, Math.min(grid - 1, row + move[0])),
        column: Math.max(0, Math.min(grid - 1, column + move[1])),
      };
      handlers.moved();
    } else if (event.key === ' ' || event.key === 'Enter') {
      event.preventDefault();
      handlers.paint(cursor.position.row, cursor.position.column);
    }
  });
  canvas.addEventListener('focus', () => handlers.moved());
  canvas.addEventListener('blur', () => handlers.moved());
  return cursor;
}
