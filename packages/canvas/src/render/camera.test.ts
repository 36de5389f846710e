import { describe, expect, it } from 'vitest';
import { FRAME_MARGIN, barPlace, fitViewport, focusOf, frameOf, toStage } from './camera.js';

const sheet = { x: 0, y: 0, width: 1600, height: 1000 };
const none = { top: 0, right: 0, bottom: 0, left: 0 };

describe('camera', () => {
  it('fits the whole sheet, centred, into a wide stage and into a phone', () => {
    const wide = frameOf(1224, 600, { ...none, top: 60 });
    const onWide = toStage(fitViewport(sheet, wide), sheet);
    // Height limits a wide stage: the paper fills it below the bar, less the margin.
    expect(onWide.y).toBeCloseTo(60 + FRAME_MARGIN);
    expect(onWide.height).toBeCloseTo(600 - 60 - 2 * FRAME_MARGIN);
    expect(onWide.x + onWide.width / 2).toBeCloseTo(612);
    const phone = frameOf(363, 560, { ...none, top: 60 });
    const onPhone = toStage(fitViewport(sheet, phone), sheet);
    expect(onPhone.width).toBeCloseTo(363 - 2 * FRAME_MARGIN);
    expect(onPhone.x).toBeCloseTo(FRAME_MARGIN);
    expect(onPhone.width / onPhone.height).toBeCloseTo(1.6);
  });

  it('turns a viewport back into the part of the scene it shows, exactly', () => {
    const frame = frameOf(800, 500, none);
    const focus = { x: 300, y: 200, width: 400, height: 250 };
    const viewport = fitViewport(focus, frame);
    const back = focusOf(viewport, frame);
    expect(fitViewport(back, frame)).toEqual(viewport.map((n) => expect.closeTo(n, 9)));
  });

  it('shows the page over the whole stage when the stage is too small for its insets', () => {
    expect(frameOf(100, 60, { ...none, top: 50 })).toEqual({ x: 0, y: 0, width: 100, height: 60 });
  });

  it('puts the bar down the side only where the page is limited by the height', () => {
    const bar = { thickness: 62, length: 560 };
    const portrait = { x: 0, y: 0, width: 1000, height: 1600 };
    // A laptop: landscape paper is limited by the height, the sides are spare.
    expect(barPlace(1350, 690, sheet, bar)).toBe('side');
    // Beside the console and on a phone the width limits it: the bar stays on top.
    expect(barPlace(920, 690, sheet, bar)).toBe('top');
    expect(barPlace(390, 780, sheet, bar)).toBe('top');
    // Portrait paper is limited by the height on the same box.
    expect(barPlace(920, 690, portrait, bar)).toBe('side');
    expect(barPlace(390, 780, portrait, bar)).toBe('top');
    // A bar longer than the stage is tall stays on top.
    expect(barPlace(1350, 690, sheet, { ...bar, length: 700 })).toBe('top');
  });
});
