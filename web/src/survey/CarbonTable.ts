import { ApiError } from '../api/client';
import { survey, type CarbonParameter } from '../api/survey';
import { h } from '../app/dom';
import { openModal } from '../app/modal';
import { formatNumber, lang, t, valueName } from '../i18n';
import { carbonPerM3 } from './survey';

export interface CarbonTableHost {
  /** whether the signed-in account may change the parameters (admins, editors of forest plots) */
  canEdit: () => boolean;
  /** after a saved change: the carbon figures everywhere are recomputed with it */
  saved: (p: CarbonParameter) => void;
}

/**
 * The carbon parameters per species (碳计量参数): wood density, biomass expansion factor, root-to-shoot ratio, carbon
 * fraction, the carbon per m³ they make and the source of each row. Accounts that may change them get an edit button
 * per row; the server checks every value and its answer is shown in the dialog.
 */
export class CarbonTable {
  readonly element = h('div', { class: 'cm-carbon-table', 'data-testid': 'carbon-table' });
  private parameters: CarbonParameter[] = [];

  constructor(private readonly host: CarbonTableHost) {}

  all(): CarbonParameter[] {
    return this.parameters;
  }

  async load(): Promise<void> {
    this.parameters = await survey.parameters();
    this.render();
  }

  render(): void {
    const editable = this.host.canEdit();
    const num = (v: number, d: number) => formatNumber(v, d);
    this.element.replaceChildren(
      h('p', { class: 'cm-muted' }, t('survey.carbon.formula')),
      h('div', { class: 'cm-table-scroll' }, h('table', { class: 'cm-survey-table' },
        h('thead', {}, h('tr', {},
          h('th', {}, t('survey.carbon.species')), h('th', { title: t('survey.carbon.densityLong') }, 'D'),
          h('th', { title: t('survey.carbon.befLong') }, 'BEF'), h('th', { title: t('survey.carbon.rootLong') }, 'R'),
          h('th', { title: t('survey.carbon.cfLong') }, 'CF'), h('th', {}, t('survey.carbon.perM3')),
          editable ? h('th', {}, '') : null)),
        h('tbody', {}, ...this.parameters.flatMap((p) => [
          h('tr', { 'data-species': p.species },
            h('th', { scope: 'row' }, valueName('species', p.species, lang())),
            h('td', {}, num(p.woodDensity, 3)), h('td', {}, num(p.bef, 3)), h('td', {}, num(p.rootShoot, 3)),
            h('td', {}, num(p.carbonFraction, 3)), h('td', {}, num(carbonPerM3(p), 4)),
            editable ? h('td', {}, h('button', { type: 'button', class: 'cm-button cm-small', 'data-action': 'edit-parameter',
              onclick: () => this.edit(p) }, t('survey.carbon.edit'))) : null),
          h('tr', { class: 'cm-source-row' }, h('td', { colspan: editable ? 7 : 6 },
            h('span', { class: 'cm-muted' }, `${t('survey.carbon.source')}：`), p.source)),
        ])))),
    );
  }

  /** A dialog with the species' four values and their source. */
  private edit(p: CarbonParameter): void {
    const field = (name: keyof CarbonParameter, label: string, value: number) => h('label', { class: 'cm-field' },
      h('span', {}, label), h('input', { type: 'number', step: 'any', inputmode: 'decimal', name, value: String(value) }));
    const source = h('textarea', { name: 'source', rows: 3, maxlength: 400 });
    source.value = p.source;
    const error = h('div', { class: 'cm-field-error', role: 'alert', hidden: true });
    const form = h('form', { class: 'cm-parameter-form', novalidate: true },
      h('p', {}, h('strong', {}, valueName('species', p.species, lang()))),
      field('woodDensity', t('survey.carbon.densityLong'), p.woodDensity), field('bef', t('survey.carbon.befLong'), p.bef),
      field('rootShoot', t('survey.carbon.rootLong'), p.rootShoot),
      field('carbonFraction', t('survey.carbon.cfLong'), p.carbonFraction),
      h('label', { class: 'cm-field' }, h('span', {}, t('survey.carbon.source')), source), error);
    const value = (name: string) => Number((form.querySelector(`[name=${name}]`) as HTMLInputElement).value);
    const save = h('button', { type: 'button', class: 'cm-button cm-primary', 'data-action': 'save-parameter' }, t('common.save'));
    const cancel = h('button', { type: 'button', class: 'cm-button', onclick: () => modal.close() }, t('common.cancel'));
    const modal = openModal({ title: t('survey.carbon.editTitle'), content: form, actions: [cancel, save], className: 'cm-parameter-dialog' });
    save.addEventListener('click', async () => {
      save.disabled = true;
      error.hidden = true;
      try {
        const saved = await survey.saveParameter({
          ...p, woodDensity: value('woodDensity'), bef: value('bef'), rootShoot: value('rootShoot'),
          carbonFraction: value('carbonFraction'), source: source.value.trim(),
        });
        this.parameters = this.parameters.map((x) => (x.species === saved.species ? saved : x));
        modal.close();
        this.render();
        this.host.saved(saved);
      } catch (e) {
        error.textContent = e instanceof ApiError ? e.detail : String(e);
        error.hidden = false;
      } finally {
        save.disabled = false;
      }
    });
  }
}
