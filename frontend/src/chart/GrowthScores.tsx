// A child's growth: each WHO indicator's z-score and percentile, as the server computed them
// from the measurements saved (none for an adult).
import { t, type Key } from '../i18n';
import type { Vitals } from '../types';

const unit: Record<string, string> = {
  weight_for_age: 'kg', weight_for_length: 'kg', weight_for_height: 'kg',
  length_for_age: 'cm', height_for_age: 'cm', bmi_for_age_length: 'kg/m²', bmi_for_age: 'kg/m²',
};

export function GrowthScores({ vitals }: { vitals: Vitals | null }) {
  const growth = vitals?.growth ?? [];
  if (growth.length === 0) return null;
  return (
    <table class="grid" data-testid="growth">
      <caption>{t('growth.title')} <span class="hint">— {t('growth.caption')}</span></caption>
      <thead>
        <tr>
          <th scope="col">{t('growth.col_indicator')}</th>
          <th scope="col">{t('growth.col_measured')}</th>
          <th scope="col">{t('growth.col_z')}</th>
          <th scope="col">{t('growth.col_percentile')}</th>
        </tr>
      </thead>
      <tbody>
        {growth.map((g) => (
          <tr key={g.indicator} data-indicator={g.indicator}>
            <th scope="row">{t(`growth.${g.indicator}` as Key)}</th>
            <td>{g.measured} {unit[g.indicator] ?? ''}</td>
            <td>{(g.z > 0 ? '+' : '') + g.z.toFixed(2)}</td>
            <td>{g.percentile.toFixed(1)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
