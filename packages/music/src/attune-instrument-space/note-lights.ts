/**
 * Lights the keys and the players' dots for every note, and the pulse's beat
 * mark for every beat, without rendering the element: a render of the whole space (toolbar, keys, players, therapist's
 * panel) costs a few milliseconds of main thread, and a press that arrives
 * during it waits, sound and all.
 *
 *   note ─▶ controller.flashes / lastPlayed ─▶ request() ─▶ one pass a frame
 *   pass ─▶ `lit` and --flash on the keys that change, data-playing on the dots,
 *           data-on on the pulse's beat mark
 *        ─▶ one timer for the first light due to go out ─▶ the next pass
 */
import type { Flash } from '../controller.js';
import type { Midi } from '../units.js';

/** How long a player's dot shows that they played, ms. */
export const PLAYING_MS = 250;

export interface LightSource {
  readonly flashes: ReadonlyMap<Midi, Flash>;
  readonly lastPlayed: ReadonlyMap<string, number>;
  /** The pulse's last beat heard (-1 before the first): every other beat lights the beat mark. */
  readonly beat: number;
}

export class NoteLights {
  private frame = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly root: ParentNode,
    private readonly source: LightSource,
  ) {}

  /** Brings the lights in line in the next frame; notes within one frame share the pass. */
  request(): void {
    if (this.frame !== 0) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.paint();
    });
  }

  /** Brings the lights in line now (after a render, which may have reused keys for other notes). */
  paint(now = performance.now()): void {
    let next = Infinity;
    for (const key of this.root.querySelectorAll<HTMLElement>('[data-midi]')) {
      const flash = this.source.flashes.get(Number(key.dataset['midi']));
      const lit = flash !== undefined && flash.until > now;
      key.part.toggle('lit', lit);
      const color = lit ? flash.color : '';
      if (key.style.getPropertyValue('--flash') !== color) {
        if (lit) key.style.setProperty('--flash', color);
        else key.style.removeProperty('--flash');
      }
      if (lit) next = Math.min(next, flash.until);
    }
    for (const player of this.root.querySelectorAll<HTMLElement>('[part="player"]')) {
      const until = (this.source.lastPlayed.get(player.dataset['id'] ?? '') ?? -Infinity) + PLAYING_MS;
      const playing = until > now;
      player.querySelector('.dot')?.toggleAttribute('data-playing', playing);
      if (playing) next = Math.min(next, until);
    }
    const beat = this.source.beat;
    this.root.querySelector('[part="beat"]')?.toggleAttribute('data-on', beat >= 0 && beat % 2 === 0);
    clearTimeout(this.timer);
    this.timer = next < Infinity ? setTimeout(() => this.request(), next - now) : undefined;
  }

  dispose(): void {
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
