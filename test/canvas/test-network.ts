/**
 * An in-memory network of Y.Docs for model tests: updates flow at once
 * between connected peers; a disconnected peer catches up by state vector
 * when it reconnects, as y-websocket's sync step does.
 */
import * as Y from 'yjs';

export class TestNetwork {
  readonly docs: Y.Doc[];
  private readonly online: boolean[];

  constructor(count: number) {
    this.docs = Array.from({ length: count }, () => new Y.Doc());
    this.online = this.docs.map(() => true);
    this.docs.forEach((doc, i) => {
      doc.on('update', (update: Uint8Array, origin: unknown) => {
        if (origin === this || !this.online[i]) return;
        this.docs.forEach((other, j) => {
          if (j !== i && this.online[j]) Y.applyUpdate(other, update, this);
        });
      });
    });
  }

  disconnect(i: number): void {
    this.online[i] = false;
  }

  connect(i: number): void {
    this.online[i] = true;
    this.docs.forEach((other, j) => {
      if (j === i || !this.online[j]) return;
      const doc = this.docs[i]!;
      Y.applyUpdate(other, Y.encodeStateAsUpdate(doc, Y.encodeStateVector(other)), this);
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(other, Y.encodeStateVector(doc)), this);
    });
  }

  connectAll(): void {
    this.docs.forEach((_d, i) => this.connect(i));
  }

  isOnline(i: number): boolean {
    return this.online[i]!;
  }
}
