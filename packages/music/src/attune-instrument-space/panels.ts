/** The players list and the therapist's controls, rendered for the element. */
import { html, nothing } from 'lit';
import type { InstrumentSpaceController } from '../controller.js';
import { instrumentIds, instrumentInfo } from '../instruments.js';
import { latencyLevel } from '../latency.js';
import { MODES, PULSE_SOUNDS } from '../model.js';
import type { Mode, MusicState } from '../model.js';
import { MAX_TEMPO, MIN_TEMPO } from '../pulse.js';
import { SCALE_LABEL, SCALE_NAMES, noteName } from '../scales.js';
import type { ScaleName } from '../scales.js';

const MODE_LABEL: Record<Mode, string> = {
  free: 'Free play',
  pulse: 'Shared pulse',
  'call-response': 'Call and response',
};
const LEVEL_LABEL = { good: 'good', fair: 'fair', poor: 'poor', unknown: 'not measured yet' } as const;
const capitalised = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
const ROOTS = Array.from({ length: 12 }, (_, i) => noteName(60 + i).replace(/\d+$/, ''));

export function statusLine(c: InstrumentSpaceController, s: MusicState): string {
  const parts = [MODE_LABEL[s.mode]];
  if (s.pulse.on) parts.push(`pulse at ${s.tempo} beats a minute`);
  parts.push(
    s.scale === 'chromatic' ? 'all notes' : `${ROOTS[s.root]} ${SCALE_LABEL[s.scale]}, no wrong notes`,
  );
  if (!c.canPlay) parts.push('playing is paused');
  return `${parts.join(' · ')}.`;
}

export function renderPlayers(c: InstrumentSpaceController): unknown {
  const people = c.participants();
  return html`<ul part="players" aria-label="Players">
    ${people.map(({ user, music, settings }) => {
      const level = latencyLevel(music?.rtt);
      const turn = c.state?.mode === 'call-response' && c.state.turn === user.id;
      return html`<li part="player" data-id=${user.id}>
        <span class="dot" style="--color:${user.color}" aria-hidden="true"></span>
        <span>${user.name || 'Participant'}${user.id === c.me?.id ? ' (you)' : ''}</span>
        <span
          >${instrumentInfo(settings.instrument)?.label ?? settings.instrument}${settings.muted ? ', muted' : ''}${turn ? ', their turn' : ''}</span
        >
        ${
          c.isFacilitator
            ? html`<span part="latency" data-level=${level}
                  >${music?.rtt == null ? 'delay not measured yet' : `${Math.round(music.rtt)} ms round trip, ${LEVEL_LABEL[level]}`}</span
                >
                <label
                  >Instrument for ${user.name || 'participant'}
                  <select
                    @change=${(e: Event) => {
                      const v = (e.target as HTMLSelectElement).value;
                      c.model!.assign(user.id, v === '' ? null : v);
                    }}
                  >
                    <option value="" ?selected=${!settings.assigned}>Their choice</option>
                    ${instrumentIds().map((id) => html`<option value=${id} ?selected=${settings.assigned && settings.instrument === id}>${instrumentInfo(id)!.label}</option>`)}
                  </select>
                </label>
                <label
                  ><input
                    type="checkbox"
                    .checked=${c.model!.control.get(`mute/${user.id}`) === true}
                    @change=${(e: Event) => c.model!.mutePlayer(user.id, (e.target as HTMLInputElement).checked)}
                  />
                  Mute ${user.name || 'participant'}</label
                >
                <label
                  >Volume of ${user.name || 'participant'}
                  <input
                    type="range"
                    min="0"
                    max="1"
                    step="0.05"
                    .value=${String(settings.volume)}
                    @change=${(e: Event) =>
                      c.model!.setPlayerVolume(user.id, Number((e.target as HTMLInputElement).value))}
                /></label>`
            : nothing
        }
      </li>`;
    })}
  </ul>`;
}

export function renderTherapistPanel(c: InstrumentSpaceController): unknown {
  const m = c.model!;
  const s = m.state;
  const value = (e: Event): string => (e.target as HTMLInputElement | HTMLSelectElement).value;
  const checked = (e: Event): boolean => (e.target as HTMLInputElement).checked;
  return html`<fieldset part="therapist">
    <legend>Music settings</legend>
    <label
      >Mode
      <select @change=${(e: Event) => m.setMode(value(e) as Mode)}>
        ${MODES.map((mode) => html`<option value=${mode} ?selected=${mode === s.mode}>${MODE_LABEL[mode]}</option>`)}
      </select>
    </label>
    <label
      >Tempo
      <input
        type="number"
        min=${MIN_TEMPO}
        max=${MAX_TEMPO}
        .value=${String(s.tempo)}
        @change=${(e: Event) => m.lockSetup({ tempo: Number(value(e)) })}
      />
    </label>
    <label
      >Scale
      <select @change=${(e: Event) => m.lockSetup({ scale: value(e) as ScaleName })}>
        ${SCALE_NAMES.map((name) => html`<option value=${name} ?selected=${name === s.scale}>${capitalised(name === 'chromatic' ? 'all notes' : SCALE_LABEL[name])}</option>`)}
      </select>
    </label>
    <label
      >Key
      <select @change=${(e: Event) => m.lockSetup({ root: Number(value(e)) })}>
        ${ROOTS.map((name, i) => html`<option value=${i} ?selected=${i === s.root}>${name}</option>`)}
      </select>
    </label>
    <label
      >Pulse sound
      <select
        @change=${(e: Event) => s.pulse.on && m.startPulse(s.pulse.startAt, value(e) as 'click' | 'drone')}
      >
        ${PULSE_SOUNDS.map((sound) => html`<option value=${sound} ?selected=${sound === s.pulse.sound}>${sound === 'click' ? 'Metronome' : 'Drone'}</option>`)}
      </select>
    </label>
    <button
      aria-pressed=${s.pulse.on ? 'true' : 'false'}
      @click=${() => (s.pulse.on ? m.stopPulse() : m.startPulse(Math.ceil(c.sharedNow() + 600)))}
    >
      ${s.pulse.on ? 'Stop pulse' : 'Start pulse'}
    </button>
    <label
      >Master volume
      <input
        type="range"
        min="0"
        max="1"
        step="0.05"
        .value=${String(s.masterVolume)}
        @change=${(e: Event) => m.setMasterVolume(Number(value(e)))}
      />
    </label>
    <label
      ><input type="checkbox" .checked=${s.muteAll} @change=${(e: Event) => m.setMuteAll(checked(e))} /> Mute
      all</label
    >
  </fieldset>`;
}
