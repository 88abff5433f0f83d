/**
 * The contract between the shell and a page: the shell mounts a page into its root with the
 * page's query (its permalink parameters) and a way to rewrite that query; the page returns a
 * handle to destroy it (stop animations, terminate workers) when the user leaves.
 */

/** What the shell hands to a page. */
export interface PageContext {
  /** The element the page renders into (emptied before mounting). */
  root: HTMLElement;
  /** The page's parameters from the URL (without the language). */
  query: URLSearchParams;
  /** Rewrites the page's parameters in the URL without reloading; returns the full permalink. */
  setQuery(query: URLSearchParams): string;
}

/** A mounted page. */
export interface MountedPage {
  /** Stops everything the page started (animation frames, workers, listeners). */
  destroy(): void;
}

/** A page module, loaded on demand. */
export interface PageModule {
  mount(context: PageContext): MountedPage;
}
