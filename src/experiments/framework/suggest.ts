/**
 * "Did you mean …?" for mistyped experiment and parameter names, by edit distance.
 */

/** Levenshtein distance between two strings (insertions, deletions, substitutions), case-insensitive. */
export function editDistance(a: string, b: string): number {
  const left = a.toLowerCase();
  const right = b.toLowerCase();
  let previous = Array.from({ length: right.length + 1 }, (_, index) => index);
  for (let i = 1; i <= left.length; i++) {
    const current = [i];
    for (let j = 1; j <= right.length; j++) {
      const substitution = previous[j - 1] + (left[i - 1] === right[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j] + 1, current[j - 1] + 1, substitution));
    }
    previous = current;
  }
  return previous[right.length];
}

/**
 * The candidates close to `name`: within an edit distance of a third of the name's length
 * (at least 2), or containing it / contained in it; closest first.
 */
export function closeNames(name: string, candidates: readonly string[]): string[] {
  const limit = Math.max(2, Math.floor(name.length / 3));
  const lower = name.toLowerCase();
  return candidates
    .map((candidate) => ({ candidate, distance: editDistance(name, candidate) }))
    .filter(({ candidate, distance }) => {
      const other = candidate.toLowerCase();
      return distance <= limit || (lower.length >= 3 && (other.includes(lower) || lower.includes(other)));
    })
    .sort((a, b) => a.distance - b.distance)
    .map(({ candidate }) => candidate);
}

/** `"; did you mean \"x\"?"` for the closest candidate, or an empty string. */
export function didYouMean(name: string, candidates: readonly string[]): string {
  const [best] = closeNames(name, candidates);
  return best === undefined ? '' : `; did you mean "${best}"?`;
}
