/**
 * Attune's custom elements inside a React 19 app. React 19 passes properties
 * to custom elements, so `token` is set as a property, never as an attribute
 * that could end up in the DOM for everyone to read. No JSX, so that the
 * example needs no build plugin.
 */
import { createElement as h, useState } from 'react';
import { createRoot } from 'react-dom/client';
import '@attune/music/attune-instrument-space/attune-instrument-space.js';
import '@attune/session/attune-session.js';
import '@attune/session/attune-video.js';
import { claimsOf, takeToken } from '../../shared/links.js';

function App() {
  const [token] = useState(() => takeToken('attune.embedToken'));
  const claims = claimsOf(token);
  const [status, setStatus] = useState('connecting');
  if (!token || !claims) return h('main', null, h('p', null, "Open this page through your portal's link."));
  return h(
    'main',
    { style: { padding: '1rem', display: 'grid', gap: '1rem' } },
    h('h1', { style: { margin: 0, fontSize: '1.3rem' } }, 'Music room'),
    h('p', { role: 'status' }, `Connection: ${status}`),
    h(
      'attune-session',
      {
        // Properties, not attributes: `session` is the element's Session object, `sessionId` its id.
        sessionId: claims.sid,
        token,
        statusHidden: true,
        'onattune-session-status': (e: Event) =>
          setStatus((e as CustomEvent<{ status: { status: string } }>).detail.status.status),
      },
      h('attune-instrument-space', null),
      h('attune-video', null),
    ),
  );
}

createRoot(document.getElementById('app')!).render(h(App));
