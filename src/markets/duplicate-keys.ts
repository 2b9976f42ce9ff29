// JSON.parse keeps the last of two equal names in one object and says
// nothing; in a market file that silently drops a field (a second
// "exceptions" list appended below the first, "mon" written twice). This
// walks text that JSON.parse has already accepted and names every field
// that appears twice, as a dotted path (`workingHours.mon`, `exceptions[1].date`).

interface Frame {
  readonly path: string;
  readonly object: boolean;
  readonly keys: Set<string>;
  /** The member being read: its name in an object, its index in an array. */
  key: string;
  index: number;
}

const child = (f: Frame): string => (f.object ? (f.path ? `${f.path}.${f.key}` : f.key) : `${f.path}[${f.index}]`);

export function duplicateKeys(text: string): string[] {
  const out: string[] = [];
  const stack: Frame[] = [];
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const top = stack[stack.length - 1];
    if (c === '"') {
      let j = i + 1;
      while (text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      if (top?.object && expectKey) {
        const name = JSON.parse(text.slice(i, j + 1)) as string;
        top.key = name;
        if (top.keys.has(name)) out.push(child(top));
        top.keys.add(name);
        expectKey = false;
      }
      i = j;
    } else if (c === '{' || c === '[') {
      stack.push({ path: top ? child(top) : '', object: c === '{', keys: new Set(), key: '', index: 0 });
      expectKey = c === '{';
    } else if (c === '}' || c === ']') {
      stack.pop();
    } else if (c === ',' && top) {
      if (top.object) expectKey = true;
      else top.index++;
    }
  }
  return out;
}
