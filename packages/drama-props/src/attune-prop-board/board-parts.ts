/** Templates of the prop board's parts, free of state so the element stays thin. */
import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import type { PropLibrary } from '../library/prop-library.js';
import { svgDataUrl } from '../library/prop-library.js';
import type { PropDefinition } from '../library/prop-types.js';
import type { BoardItem } from '../model/board-model.js';

const urls = new Map<string, string>();

const PLACEHOLDER =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect x="8" y="8" width="48" height="48" rx="8" fill="#e4e7eb"/></svg>';

/** The data URL of a prop's picture (a grey tile for a prop this page does not know). */
export function propUrl(prop: PropDefinition | undefined): string {
  return svgUrl(prop?.svg ?? PLACEHOLDER);
}

/** The data URL of an SVG document we drew or sanitized, cached per string. */
export function svgUrl(svg: string): string {
  let url = urls.get(svg);
  if (!url) {
    url = svgDataUrl(svg);
    if (urls.size > 2000) urls.clear();
    urls.set(svg, url);
  }
  return url;
}

export function itemName(item: BoardItem, library: PropLibrary): string {
  return library.get(item.propId)?.name ?? 'prop';
}

/** "sunglasses, labelled at ease, held by Sam": the accessible name of a placed prop. */
export function itemLabel(item: BoardItem, library: PropLibrary, carried: boolean): string {
  const parts = [itemName(item, library)];
  if (item.label) parts.push(`labelled ${item.label}`);
  if (item.heldBy) parts.push(`held by ${item.heldBy.name || 'someone'}`);
  else if (item.placedBy) parts.push(`placed by ${item.placedBy.name || 'someone'}`);
  if (item.group) parts.push(`group ${item.group}`);
  if (carried) parts.push('picked up');
  return parts.join(', ');
}

/**
 * A placed prop. Its place and size are custom properties read by the styles
 * (fractions of the tray), so every view draws the same picture.
 */
export function renderItem(
  item: BoardItem,
  library: PropLibrary,
  state: { selected: boolean; carried: boolean; editable: boolean; layer: number },
): TemplateResult {
  // Numbers only (parsed and bounded by the model), so the string cannot carry other CSS.
  const style = `--x:${item.x};--y:${item.y};z-index:${state.layer + 1};--scale:${item.scale};--rotation:${item.rotation}deg`;
  return html`<button
    part="prop"
    class=${`${state.selected ? 'selected' : ''} ${state.carried ? 'carried' : ''}`}
    style=${style}
    data-item=${item.id}
    data-prop=${item.propId}
    aria-label=${itemLabel(item, library, state.carried)}
    aria-pressed=${state.carried ? 'true' : 'false'}
    aria-keyshortcuts=${state.editable ? 'Enter ArrowUp ArrowDown ArrowLeft ArrowRight R Delete' : nothing}
  >
    <img src=${propUrl(library.get(item.propId))} alt="" draggable="false" />
    ${item.label ? html`<span part="prop-label" aria-hidden="true">${item.label}</span>` : nothing}
  </button>`;
}

export function renderPalette(
  props: readonly PropDefinition[],
  chosen: string | null,
  disabled: boolean,
  choose: (prop: PropDefinition) => void,
): TemplateResult {
  return html`<ul part="palette" aria-label="Props">
    ${props.map(
      (prop) =>
        html`<li>
          <button
            part="palette-item"
            aria-pressed=${chosen === prop.id ? 'true' : 'false'}
            aria-disabled=${disabled ? 'true' : 'false'}
            title=${prop.alt}
            @click=${() => choose(prop)}
          >
            <img src=${propUrl(prop)} alt="" />${prop.name}
          </button>
        </li>`,
    )}
  </ul>`;
}
