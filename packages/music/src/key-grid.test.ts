import { describe, expect, it } from 'vitest';
import { cellOf, chooseGrid, moveFrom, padHue, pitchHue } from './key-grid.js';

const space = (width: number, height: number) => ({ width, height, gap: 6, minWidth: 58, minHeight: 44 });

describe('key grid', () => {
  it('lays fifteen keys in one row on a laptop and in three rows of five on a phone', () => {
    expect(chooseGrid(15, 'keys', space(1340, 660))).toEqual({ columns: 15, rows: 1 });
    expect(chooseGrid(15, 'keys', space(374, 700))).toEqual({ columns: 5, rows: 3 });
    expect(chooseGrid(8, 'keys', space(374, 700))).toEqual({ columns: 4, rows: 2 });
    // A phone on its side: two rows.
    expect(chooseGrid(15, 'keys', space(820, 300))).toEqual({ columns: 8, rows: 2 });
    // Large keys need more room each.
    expect(chooseGrid(15, 'keys', { ...space(374, 700), minWidth: 90 })).toEqual({ columns: 3, rows: 5 });
  });

  it('keeps keys playable when the stage is too short for more rows', () => {
    expect(chooseGrid(15, 'keys', space(374, 100))).toEqual({ columns: 8, rows: 2 });
    // Height unknown: the width decides.
    expect(chooseGrid(15, 'keys', space(374, 0))).toEqual({ columns: 5, rows: 3 });
  });

  it('makes round pads as large as the stage allows', () => {
    expect(chooseGrid(5, 'pads', space(1340, 660))).toEqual({ columns: 3, rows: 2 });
    expect(chooseGrid(5, 'pads', space(1340, 300))).toEqual({ columns: 5, rows: 1 });
    expect(chooseGrid(5, 'pads', space(374, 700))).toEqual({ columns: 2, rows: 3 });
    expect(chooseGrid(2, 'pads', space(374, 700))).toEqual({ columns: 1, rows: 2 });
    expect(chooseGrid(2, 'pads', space(1340, 660))).toEqual({ columns: 2, rows: 1 });
  });

  it('puts the lowest notes in the bottom row, climbing left to right', () => {
    const grid = { columns: 5, rows: 3 };
    expect(cellOf(0, grid)).toEqual({ row: 3, column: 1 });
    expect(cellOf(4, grid)).toEqual({ row: 3, column: 5 });
    expect(cellOf(5, grid)).toEqual({ row: 2, column: 1 });
    expect(cellOf(14, grid)).toEqual({ row: 1, column: 5 });
  });

  it('moves with the arrow keys: along the notes, between rows, to either end', () => {
    const grid = { columns: 5, rows: 3 };
    expect(moveFrom(0, 'ArrowRight', grid, 15)).toBe(1);
    expect(moveFrom(4, 'ArrowRight', grid, 15)).toBe(5); // on to the next row up
    expect(moveFrom(5, 'ArrowLeft', grid, 15)).toBe(4);
    expect(moveFrom(0, 'ArrowLeft', grid, 15)).toBeNull();
    expect(moveFrom(14, 'ArrowRight', grid, 15)).toBeNull();
    expect(moveFrom(2, 'ArrowUp', grid, 15)).toBe(7);
    expect(moveFrom(12, 'ArrowUp', grid, 15)).toBeNull();
    expect(moveFrom(7, 'ArrowDown', grid, 15)).toBe(2);
    expect(moveFrom(2, 'ArrowDown', grid, 15)).toBeNull();
    expect(moveFrom(9, 'Home', grid, 15)).toBe(0);
    expect(moveFrom(3, 'End', grid, 15)).toBe(14);
    expect(moveFrom(3, 'Enter', grid, 15)).toBeNull();
    // A short top row: up from below its end lands on its last key.
    expect(moveFrom(3, 'ArrowUp', { columns: 4, rows: 2 }, 6)).toBe(5);
    // One row: up and down go nowhere.
    expect(moveFrom(3, 'ArrowUp', { columns: 15, rows: 1 }, 15)).toBeNull();
  });

  it('gives each pitch class its own colour in every octave', () => {
    expect(pitchHue(60)).toBe(pitchHue(72));
    expect(new Set(Array.from({ length: 12 }, (_, i) => pitchHue(60 + i))).size).toBe(12);
    expect(new Set([0, 1, 2, 3, 4].map((i) => padHue(i, 5))).size).toBe(5);
  });
});
