// Links to the signed assessment as data for receiving systems: its FHIR R4 document and its
// submission package (signed forms, FHIR document, X-ray report, manifest). Both are downloads
// the server scopes and audits like the forms.
import { t } from '../i18n';

export function InteropLinks({ assessmentId }: { assessmentId: string }) {
  const base = `/api/assessments/${encodeURIComponent(assessmentId)}`;
  return (
    <p class="zips" data-testid="interop-links">
      <a href={`${base}/fhir`} download data-testid="fhir-link">{t('ix.fhir')}</a>{' '}
      <a href={`${base}/package.zip`} download data-testid="package-link">{t('ix.package')}</a>
    </p>
  );
}

/** A flight's FHIR Bulk Data export and its submission packages. */
export function FlightLinks({ flight }: { flight: string }) {
  const f = encodeURIComponent(flight);
  return (
    <>
      <a href={`/api/fhir/export.zip?flight=${f}`} download data-testid="flight-fhir">{t('ix.flight_fhir', { flight })}</a>{' '}
      <a href={`/api/flights/${f}/packages.zip`} download data-testid="flight-packages">{t('ix.flight_packages', { flight })}</a>
    </>
  );
}
