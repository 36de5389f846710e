/** What the canvas model is asked to add, before it is checked. */
import type { StrokePoint } from './points.js';
import type { ShapeKind } from './schema.js';

export interface StrokeInput {
  id?: string;
  page: string;
  points: readonly StrokePoint[];
  color: string;
  size: number;
  opacity?: number;
  highlighter?: boolean;
}
/** What the model adds to every new object. */
export interface ObjectCommon {
  page: string;
  author: string;
  created: number;
  z: number;
}

export interface ShapeInput {
  page: string;
  kind: ShapeKind;
  x: number;
  y: number;
  w: number;
  h: number;
  color: string;
  size: number;
  opacity?: number;
  fill?: string | null;
}

export interface TextInput {
  page: string;
  x: number;
  y: number;
  text: string;
  fontSize: number;
  color: string;
}
