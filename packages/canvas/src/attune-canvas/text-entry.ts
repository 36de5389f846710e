/**
 * The text tool's field: opened where the person tapped the paper (or on a
 * text to change its words), it floats under the tool bar, and adds or
 * changes the text when submitted.
 */
import { nothing } from 'lit';
import type { TemplateResult } from 'lit';
import type { Refusal } from '../model/canvas-model.js';
import type { CanvasController } from './canvas-controller.js';
import { renderTextEntry } from './templates.js';

export interface TextEntryHost {
  readonly controller: CanvasController;
  readonly page: string;
  readonly renderRoot: HTMLElement | DocumentFragment;
  readonly updateComplete: Promise<boolean>;
  requestUpdate(): void;
  refused(reason: Refusal): void;
  committed(id: string): void;
}

export class TextEntry {
  private entry: { x: number; y: number; id?: string; text?: string } | null = null;

  /** `style` gives the colour and font size a new text takes. */
  constructor(
    private readonly host: TextEntryHost,
    private readonly style: () => { color: string; fontSize: number },
  ) {}

  /** Opens the field for a new text at a scene point. */
  open(x: number, y: number): void {
    this.show({ x, y });
  }

  /** Opens the field to change the words of a text object. */
  edit(id: string): void {
    const object = this.host.controller.model?.object(id);
    if (object?.kind === 'text') this.show({ x: object.x, y: object.y, id, text: object.text });
  }

  close(): void {
    if (!this.entry) return;
    this.entry = null;
    this.host.requestUpdate();
  }

  render(): TemplateResult | typeof nothing {
    return this.entry ? renderTextEntry(this.entry, this.submit, () => this.close()) : nothing;
  }

  private show(entry: NonNullable<TextEntry['entry']>): void {
    this.entry = entry;
    this.host.requestUpdate();
    void this.host.updateComplete.then(() => this.input()?.focus());
  }

  private input(): HTMLInputElement | null {
    return this.host.renderRoot.querySelector<HTMLInputElement>('[part~="text-input"]');
  }

  private readonly submit = (event: SubmitEvent): void => {
    event.preventDefault();
    const { controller, page } = this.host;
    const model = controller.model;
    const input = this.input();
    const entry = this.entry;
    if (!model || !input || !entry) return;
    this.close();
    if (entry.id) {
      if (!model.setText(entry.id, input.value))
        this.host.refused(model.objectRefusal(entry.id) ?? 'invalid');
      return;
    }
    const id = model.addText({ page, x: entry.x, y: entry.y, text: input.value, ...this.style() });
    if (id) this.host.committed(id);
  };
}
