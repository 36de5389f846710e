import { describe, expect, it } from 'vitest';
import {
  ROLES,
  SCOPES,
  accessFor,
  canRead,
  canWrite,
  isFacilitator,
  isRole,
  isScope,
  scopesFor,
} from './access.js';

/** The table in DESIGN.md, "Session, scopes and roles", as written there. */
const DESIGN = `
| space   | rw | rw | rw | rw | r    |
| control | rw | rw | r  | r  | r    |
| notes   | rw | rw | none | none | none |
`;
const COLUMNS = ['therapist', 'assistant', 'client', 'caregiver', 'observer'] as const;

function designTable(): Map<string, string> {
  const cells = new Map<string, string>();
  for (const line of DESIGN.trim().split('\n')) {
    const [scope, ...access] = line
      .split('|')
      .map((cell) => cell.trim())
      .filter(Boolean);
    access.forEach((value, i) => cells.set(`${scope}/${COLUMNS[i]}`, value));
  }
  return cells;
}

describe('the role x scope table', () => {
  it('has every cell as DESIGN.md gives it', () => {
    const design = designTable();
    expect(design.size).toBe(SCOPES.length * ROLES.length);
    for (const scope of SCOPES) {
      for (const role of ROLES)
        expect(accessFor(role, scope), `${role} on ${scope}`).toBe(design.get(`${scope}/${role}`));
    }
  });

  it('lets only those who can read a scope write it', () => {
    for (const scope of SCOPES) {
      for (const role of ROLES) {
        if (canWrite(role, scope)) expect(canRead(role, scope)).toBe(true);
        expect(canRead(role, scope)).toBe(accessFor(role, scope) !== 'none');
        expect(canWrite(role, scope)).toBe(accessFor(role, scope) === 'rw');
      }
    }
  });

  it('keeps the notes, where the magic bag hides its contents, from everyone but facilitators', () => {
    expect(ROLES.filter((role) => canRead(role, 'notes'))).toEqual(['therapist', 'assistant']);
    expect(ROLES.filter(isFacilitator)).toEqual(['therapist', 'assistant']);
  });

  it('opens the scopes a role may read, space first', () => {
    expect(scopesFor('therapist')).toEqual(['space', 'control', 'notes']);
    expect(scopesFor('assistant')).toEqual(['space', 'control', 'notes']);
    expect(scopesFor('client')).toEqual(['space', 'control']);
    expect(scopesFor('caregiver')).toEqual(['space', 'control']);
    expect(scopesFor('observer')).toEqual(['space', 'control']);
  });

  it('recognises roles and scopes only by their exact names', () => {
    for (const role of ROLES) expect(isRole(role)).toBe(true);
    for (const scope of SCOPES) expect(isScope(scope)).toBe(true);
    for (const value of ['Therapist', 'admin', '', 'space ', 'toString', 'constructor', null, 3, {}]) {
      expect(isRole(value)).toBe(false);
      expect(isScope(value)).toBe(false);
    }
  });
});
