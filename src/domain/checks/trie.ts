// A list of literal words as one regex alternation factored by common
// prefixes ("f(?:ive|our)" for "five|four"). V8 tries a flat alternation's
// words one after the other at every position; factored, it follows one
// branch per character: the same matches (the words end where a boundary
// look-ahead after them says), about twice as fast on 100 words.

const SPECIAL = /[.*+?^${}()|[\]\\/-]/g;

interface Node {
  end: boolean;
  next: Map<string, Node>;
}

/** Regex source matching exactly the given words (as literals). Longer words are tried first at each branch. */
export function wordTrie(words: readonly string[]): string {
  const root: Node = { end: false, next: new Map() };
  for (const w of words) {
    let node = root;
    for (const ch of w) {
      let child = node.next.get(ch);
      if (!child) node.next.set(ch, (child = { end: false, next: new Map() }));
      node = child;
    }
    node.end = true;
  }
  const emit = (node: Node): string => {
    const branches = [...node.next].map(([ch, child]) => ch.replace(SPECIAL, '\\$&') + emit(child));
    if (branches.length === 0) return '';
    const body = branches.length === 1 ? branches[0]! : `(?:${branches.join('|')})`;
    return node.end ? `(?:${body})?` : body;
  };
  return emit(root);
}
