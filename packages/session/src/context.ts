import { createContext } from '@lit/context';
import type { Session } from './session.js';

/**
 * The session that `<attune-session>` provides to its descendants. A string
 * key, so that two copies of this package on one page still find each other.
 */
export const sessionContext = createContext<Session | undefined>('attune-session');
