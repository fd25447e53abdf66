import { getHeapSnapshot } from 'node:v8';

/**
 * What the heap holds, from a V8 heap snapshot (which collects garbage first): the self size of
 * every node, split into V8's `code` nodes (machine code, bytecode and their metadata, which grow
 * while functions warm up and get optimised) and everything else (the objects, strings, arrays
 * and closures the program holds). Streams the snapshot and reads only its header and node table,
 * so a 50 MB snapshot costs no 50 MB string.
 */

export interface HeapSummary {
  /** Self size of every node, bytes. */
  total: number;
  /** Nodes of type `code`. */
  code: number;
  /** total - code. */
  objects: number;
  nodes: number;
}

/** Takes a snapshot of this isolate's heap and sums it. */
export async function summarizeHeap(): Promise<HeapSummary> {
  const stream = getHeapSnapshot();
  let header = '';
  let fields: string[] = [];
  let typeNames: string[] = [];
  let inNodes = false;
  let done = false;
  let field = 0;
  let current = -1;
  let nodeType = 0;
  const sums = { total: 0, code: 0, nodes: 0 };

  const takeNumber = (n: number): void => {
    const name = fields[field];
    if (name === 'type') nodeType = n;
    else if (name === 'self_size') {
      sums.total += n;
      if (typeNames[nodeType] === 'code') sums.code += n;
      sums.nodes += 1;
    }
    field = (field + 1) % fields.length;
  };

  const scanNodes = (text: string, from: number): void => {
    for (let i = from; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c >= 48 && c <= 57) current = (current < 0 ? 0 : current * 10) + (c - 48);
      else {
        if (current >= 0) takeNumber(current);
        current = -1;
        if (c === 93 /* ] */) {
          done = true;
          return;
        }
      }
    }
  };

  for await (const chunk of stream) {
    const text = typeof chunk === 'string' ? chunk : (chunk as Buffer).toString('utf8');
    if (inNodes) scanNodes(text, 0);
    else {
      header += text;
      const at = header.indexOf('"nodes":[');
      if (at >= 0) {
        const meta = JSON.parse(`${header.slice(0, header.lastIndexOf(',', at))}}`) as {
          snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
        };
        fields = meta.snapshot.meta.node_fields;
        typeNames = meta.snapshot.meta.node_types[0];
        inNodes = true;
        scanNodes(header, at + '"nodes":['.length);
        header = '';
      }
    }
    if (done) break;
  }
  stream.destroy();
  return { total: sums.total, code: sums.code, objects: sums.total - sums.code, nodes: sums.nodes };
}
