/** What a key means on the board; kept apart so the element only dispatches. */

export type BoardKeyAction =
  | { kind: 'nudge'; dx: number; dy: number }
  | { kind: 'toggle' }
  | { kind: 'cancel' }
  | { kind: 'rotate'; degrees: number }
  | { kind: 'resize'; factor: number }
  | { kind: 'away' };

/** A fine step and a coarse one, as fractions of the board. */
export const STEP = { fine: 0.005, normal: 0.02, coarse: 0.1 } as const;

export function keyAction(event: KeyboardEvent): BoardKeyAction | null {
  const step = event.shiftKey ? STEP.coarse : event.altKey ? STEP.fine : STEP.normal;
  switch (event.key) {
    case 'ArrowLeft':
      return { kind: 'nudge', dx: -step, dy: 0 };
    case 'ArrowRight':
      return { kind: 'nudge', dx: step, dy: 0 };
    case 'ArrowUp':
      return { kind: 'nudge', dx: 0, dy: -step };
    case 'ArrowDown':
      return { kind: 'nudge', dx: 0, dy: step };
    case 'Enter':
    case ' ':
      return { kind: 'toggle' };
    case 'Escape':
      return { kind: 'cancel' };
    case 'r':
      return { kind: 'rotate', degrees: 15 };
    case 'R':
      return { kind: 'rotate', degrees: -15 };
    case '+':
    case '=':
      return { kind: 'resize', factor: 1.25 };
    case '-':
      return { kind: 'resize', factor: 0.8 };
    case 'Delete':
    case 'Backspace':
      return { kind: 'away' };
    default:
      return null;
  }
}
