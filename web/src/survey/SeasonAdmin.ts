import { ApiError } from '../api/client';
import { survey, type Season } from '../api/survey';
import { h } from '../app/dom';
import { confirmDialog } from '../app/modal';
import { t } from '../i18n';
import { openSeason } from './survey';

export interface SeasonAdminHost {
  /** the seasons changed (opened, closed, imported): everything that lists them is fetched again */
  changed: () => Promise<void>;
  notify: (message: string, kind: 'error' | 'info') => void;
}

/**
 * Season management for admins and editors of forest plots (调查季管理): close the open season (its plots are copied
 * and frozen), open the next one (the live plots become its working copy), import a past season from a GeoJSON file
 * of forest plots (closed at once). The server refuses what breaks its rules (one open season, codes never reused)
 * and its answer is shown.
 */
export class SeasonAdmin {
  readonly element = h('div', { class: 'cm-season-admin', 'data-testid': 'season-admin' });
  private seasons: Season[] = [];
  private error: string | null = null;

  constructor(private readonly host: SeasonAdminHost) {}

  setSeasons(seasons: Season[]): void {
    this.seasons = seasons;
    this.render();
  }

  render(): void {
    const open = openSeason(this.seasons);
    this.element.replaceChildren(
      this.error ? h('div', { class: 'cm-survey-message cm-survey-error', role: 'alert', 'data-testid': 'admin-error' }, this.error) : '',
      h('table', { class: 'cm-survey-table' },
        h('thead', {}, h('tr', {}, h('th', {}, t('survey.admin.code')), h('th', {}, t('survey.admin.name')),
          h('th', {}, t('survey.admin.date')), h('th', {}, t('survey.admin.state')))),
        h('tbody', {}, ...this.seasons.map((s) => h('tr', { 'data-season': s.code },
          h('td', {}, s.code), h('td', {}, s.name), h('td', {}, s.surveyDate),
          h('td', {}, s.state === 'open' ? t('survey.admin.open') : t('survey.admin.closed')))))),
      open ? this.closeBox(open) : this.openBox(),
      this.importBox(),
    );
  }

  private closeBox(open: Season): HTMLElement {
    return h('div', { class: 'cm-admin-box' },
      h('h3', {}, t('survey.admin.closeHeading')),
      h('p', { class: 'cm-muted' }, t('survey.admin.closeHint', { name: open.name })),
      h('button', { type: 'button', class: 'cm-button cm-danger', 'data-action': 'close-season', onclick: async () => {
        if (!(await confirmDialog({ title: t('survey.admin.closeHeading'), message: t('survey.admin.closeConfirm', { name: open.name }),
          ok: t('survey.admin.close'), danger: true, testId: 'close-season' }))) return;
        await this.run(() => survey.close(open.code), t('survey.admin.closed.done', { name: open.name }));
      } }, t('survey.admin.close')));
  }

  private openBox(): HTMLElement {
    const code = h('input', { type: 'text', name: 'code', maxlength: 20, placeholder: '2026', autocomplete: 'off' });
    const name = h('input', { type: 'text', name: 'name', maxlength: 200, placeholder: t('survey.admin.namePlaceholder') });
    const date = h('input', { type: 'date', name: 'surveyDate' });
    const landCover = h('input', { type: 'checkbox', name: 'withLandCover' });
    return h('form', { class: 'cm-admin-box', novalidate: true, 'data-testid': 'open-season', onsubmit: (e: Event) => {
      e.preventDefault();
      void this.run(() => survey.open({ code: code.value.trim(), name: name.value.trim(), surveyDate: date.value, withLandCover: landCover.checked }),
        t('survey.admin.opened', { name: name.value.trim() }));
    } },
    h('h3', {}, t('survey.admin.openHeading')),
    h('p', { class: 'cm-muted' }, t('survey.admin.openHint')),
    h('label', { class: 'cm-field' }, h('span', {}, t('survey.admin.code')), code),
    h('label', { class: 'cm-field' }, h('span', {}, t('survey.admin.name')), name),
    h('label', { class: 'cm-field' }, h('span', {}, t('survey.admin.date')), date),
    h('label', { class: 'cm-check' }, landCover, t('survey.admin.withLandCover')),
    h('div', { class: 'cm-form-actions' }, h('button', { type: 'submit', class: 'cm-button cm-primary' }, t('survey.admin.open.action'))));
  }

  private importBox(): HTMLElement {
    const code = h('input', { type: 'text', name: 'code', maxlength: 20, placeholder: '2022', autocomplete: 'off' });
    const name = h('input', { type: 'text', name: 'name', maxlength: 200, placeholder: t('survey.admin.namePlaceholder') });
    const date = h('input', { type: 'date', name: 'surveyDate' });
    const file = h('input', { type: 'file', name: 'file', accept: '.geojson,.json,application/geo+json' });
    return h('form', { class: 'cm-admin-box', novalidate: true, 'data-testid': 'import-season', onsubmit: (e: Event) => {
      e.preventDefault();
      const f = file.files?.[0];
      if (!f) {
        this.error = t('survey.admin.chooseFile');
        this.render();
        return;
      }
      void this.run(() => survey.importSeason(code.value.trim(), name.value.trim(), date.value, new Blob([f], { type: 'application/geo+json' })),
        t('survey.admin.imported', { name: name.value.trim() }));
    } },
    h('h3', {}, t('survey.admin.importHeading')),
    h('p', { class: 'cm-muted' }, t('survey.admin.importHint')),
    h('label', { class: 'cm-field' }, h('span', {}, t('survey.admin.code')), code),
    h('label', { class: 'cm-field' }, h('span', {}, t('survey.admin.name')), name),
    h('label', { class: 'cm-field' }, h('span', {}, t('survey.admin.date')), date),
    h('label', { class: 'cm-field' }, h('span', {}, t('survey.admin.file')), file),
    h('div', { class: 'cm-form-actions' }, h('button', { type: 'submit', class: 'cm-button cm-primary' }, t('survey.admin.import'))));
  }

  private async run(action: () => Promise<Season>, done: string): Promise<void> {
    this.error = null;
    try {
      await action();
      this.host.notify(done, 'info');
      await this.host.changed();
    } catch (e) {
      const p = e instanceof ApiError ? e : null;
      const details = p?.problem?.errors?.slice(0, 5).map((x) => `#${x.index ?? '?'} ${x.reason}`).join('；');
      this.error = p ? `${p.detail}${details ? `：${details}` : ''}` : String(e);
      this.render();
    }
  }
}
