/**
 * Well-formed hostile Yjs updates: they decode, and are written as a page
 * with its own token could send them, with items whose references (origin,
 * right origin, parent) point at themselves, at things that exist, at things
 * that do not, and with content of every kind. Many of them throw when a Yjs
 * document applies them.
 */
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

type Random = () => number;

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

/**
 * `spare` lists clients whose content the update's deletions leave alone, so
 * that a test can tell a refused update from a legitimate deletion.
 */
export function hostileUpdate(random: Random, target: Y.Doc, spare: readonly number[] = []): Uint8Array {
  const known = [...Y.decodeStateVector(Y.encodeStateVector(target))];
  const e = encoding.createEncoder();
  const clients = 1 + Math.floor(random() * 2);
  encoding.writeVarUint(e, clients);
  const used = new Set<number>();
  for (let c = 0; c < clients; c++) {
    let client = random() < 0.5 && known.length ? pick(random, known)[0] : Math.floor(random() * 2 ** 32);
    while (used.has(client)) client = (client + 1) >>> 0;
    used.add(client);
    const state = known.find(([k]) => k === client)?.[1] ?? 0;
    const clock = random() < 0.7 ? state : Math.floor(random() * (state + 10));
    const structs = 1 + Math.floor(random() * 3);
    encoding.writeVarUint(e, structs);
    encoding.writeVarUint(e, client);
    encoding.writeVarUint(e, clock);
    for (let s = 0; s < structs; s++) writeItem(e, random, client, clock + s, known);
  }
  // A delete set, sometimes, over ranges that may or may not exist.
  const ranges = random() < 0.3 ? 1 : 0;
  encoding.writeVarUint(e, ranges);
  for (let r = 0; r < ranges; r++) {
    const others = known.filter(([client]) => !spare.includes(client));
    encoding.writeVarUint(
      e,
      others.length && random() < 0.7 ? pick(random, others)[0] : 2000 + Math.floor(random() * 1000),
    );
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint(e, Math.floor(random() * 5));
    encoding.writeVarUint(e, 1 + Math.floor(random() * 3));
  }
  return encoding.toUint8Array(e);
}

function writeId(
  e: encoding.Encoder,
  random: Random,
  self: [number, number],
  known: Array<[number, number]>,
): void {
  const kind = random();
  let id: [number, number];
  if (kind < 0.3) id = self;
  else if (kind < 0.7 && known.length) {
    const [client, clock] = pick(random, known);
    id = [client, Math.floor(random() * Math.max(1, clock + 2))];
  } else id = [Math.floor(random() * 2 ** 32), Math.floor(random() * 50)];
  encoding.writeVarUint(e, id[0]);
  encoding.writeVarUint(e, id[1]);
}

function writeItem(
  e: encoding.Encoder,
  random: Random,
  client: number,
  clock: number,
  known: Array<[number, number]>,
): void {
  const origin = random() < 0.6;
  const rightOrigin = random() < 0.3;
  const parentSub = !origin && !rightOrigin && random() < 0.4;
  const content = pick(random, [1, 3, 4, 5, 6, 7, 8] as const);
  encoding.writeUint8(e, content | (origin ? 0x80 : 0) | (rightOrigin ? 0x40 : 0) | (parentSub ? 0x20 : 0));
  if (origin) writeId(e, random, [client, clock], known);
  if (rightOrigin) writeId(e, random, [client, clock], known);
  if (!origin && !rightOrigin) {
    if (random() < 0.6) {
      encoding.writeVarUint(e, 1);
      encoding.writeVarString(e, pick(random, ['story', 'canvas.strokes', 'cursor', 'meta', 'x']));
    } else {
      encoding.writeVarUint(e, 0);
      writeId(e, random, [client, clock], known);
    }
    if (parentSub) encoding.writeVarString(e, pick(random, ['k', 'schemaVersion', 'hold']));
  }
  switch (content) {
    case 1: // deleted
      encoding.writeVarUint(e, 1);
      break;
    case 3: // binary
      encoding.writeVarUint8Array(e, new Uint8Array([1, 2]));
      break;
    case 4: // string
      encoding.writeVarString(e, 'x');
      break;
    case 5: // embed
      encoding.writeVarString(e, '{"a":1}');
      break;
    case 6: // format
      encoding.writeVarString(e, 'bold');
      encoding.writeVarString(e, 'true');
      break;
    case 7: // type
      {
        const typeRef = Math.floor(random() * 7);
        encoding.writeVarUint(e, typeRef);
        // XmlElement and XmlHook carry a name.
        if (typeRef === 3 || typeRef === 5) encoding.writeVarString(e, 'p');
      }
      break;
    case 8: // any
      encoding.writeVarUint(e, 1);
      encoding.writeAny(e, pick(random, [1, 'a', null, { a: [1] }]));
      break;
  }
}
