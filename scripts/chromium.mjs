/**
 * How every test and benchmark starts Debian's headless Chromium (this
 * machine cannot download a browser of its own). The flags keep it off the
 * network it has no use for; autoplay lets audio start without a gesture.
 */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--autoplay-policy=no-user-gesture-required',
];
