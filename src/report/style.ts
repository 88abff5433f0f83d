/**
 * The stylesheet inlined in every report (no external fonts or files: reports work offline).
 */

/** CSS shared by run reports and the tour index. */
export const reportStyle = `
:root { color-scheme: light; --ink: #1d2330; --muted: #667085; --line: #e3e6ec; --pass: #137333; --fail: #b3261e; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1100px; padding: 24px 28px 48px; color: var(--ink);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; background: #fff; }
h1 { font-size: 26px; margin: 0 0 6px; }
h2 { font-size: 19px; margin: 32px 0 10px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
code { font: 13px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: #f4f5f8;
  padding: 1px 4px; border-radius: 4px; }
a { color: #1a5fb4; }
.description { max-width: 75ch; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 12px 0 0; }
dl.meta dt { color: var(--muted); }
dl.meta dd { margin: 0; overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
th, td { text-align: left; vertical-align: top; padding: 5px 10px; border-bottom: 1px solid var(--line); }
th { font-weight: 600; background: #f8f9fb; }
.number { font-variant-numeric: tabular-nums; white-space: nowrap; }
.pass { color: var(--pass); font-weight: 600; }
.fail { color: var(--fail); font-weight: 600; }
.muted { color: var(--muted); }
.badge { display: inline-block; padding: 2px 10px; border-radius: 999px; border: 1px solid currentColor; font-size: 13px; }
figure { margin: 18px 0 26px; }
figure svg { max-width: 100%; height: auto; }
figcaption { color: var(--muted); font-size: 14px; max-width: 75ch; }
ul.notes { color: var(--muted); font-size: 14px; }
footer { margin-top: 40px; color: var(--muted); font-size: 13px; }
`;
