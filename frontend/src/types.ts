// Wire shapes of docs/api.md, as the app reads them.

export type Role =
  | 'registrar' | 'nurse' | 'lab' | 'radiology' | 'physician' | 'caseworker' | 'panel' | 'admin';

export interface User {
  id: string;
  username: string;
  name: string;
  role: Role;
  site: { code: string; name: string; timezone: string } | null;
  country: string | null;
}

export interface Session {
  user: User;
  csrf_token: string;
}

export interface Flight {
  number: string;
  departure_date: string;
}

export interface MemberInput {
  surnames: string;
  given_names: string;
  birth_date: string;
  birth_date_estimated: boolean;
  sex: string;
  relationship: string;
  nationality: string;
  country_of_birth: string;
  residence_country: string;
  countries_lived: string[];
  document_type: string;
  document_number: string;
  phone: string;
  unaccompanied_minor: boolean;
  adoptee: boolean;
}

export interface Applicant extends MemberInput {
  id: string;
  /** The resettlement file number, when the registrar had one. */
  file_number?: string;
  version: number;
  age_years: number;
  assessment_id: string | null;
  state: string;
}

/** A person as a case lists them, with what the user may do on them. */
export interface Member extends Applicant {
  can: string[];
}

export interface Case {
  id: string;
  case_number: string;
  destination: string;
  program: string;
  version: number;
  flight: Flight | null;
  members: Member[];
  /** What the logged-in user may do on the case (the server's permission names). */
  can: string[];
}

export interface WorkItem {
  assessment_id: string;
  applicant_id: string;
  name: string;
  age_years: number;
  birth_date_estimated?: boolean;
  sex: string;
  case_number: string;
  destination: string;
  program: string;
  state: string;
  state_label: string;
  pending: string[];
  waiting_since: string;
}

export interface Source {
  doc: string;
  section: string;
  edition: string;
  url?: string;
}

export interface RequiredStep {
  step: string;
  label: string;
  rule: string;
  reason: string;
  reason_fr?: string;
  source: Source | string;
  confidence: string;
  done: boolean;
}

export interface Treatment {
  drug: string;
  label?: string;
  reason: string;
  reason_fr?: string;
}

export interface Form {
  id: string;
  form_type: string;
  status: 'pending' | 'valid' | 'superseded' | 'revoked' | 'failed';
  issued_at: string | null;
  sha256: string;
  verify_url: string;
  /** Why the worker failed to draw it (status failed). */
  problem?: string;
  /** The snapshot id of the reissue that replaced it (status superseded). */
  superseded_by?: string;
  revoked_at?: string;
  revoked_reason?: string;
}

export interface HistoryAnswer {
  code: string;
  answer: boolean;
  details: string;
}

/** Vitals and the physical examination; 0 means "not measured" (e.g. a young child's BP). */
export interface Vitals {
  height_cm: number;
  weight_kg: number;
  bp_systolic: number;
  bp_diastolic: number;
  pulse: number;
  temperature_c: number;
  pregnant: boolean;
  exam_normal: boolean;
  exam_notes: string;
  recorded_by: string;
  recorded_at: string;
}

export interface OutcomeLevel {
  code: string;
  severity: number;
  label: string;
  holds_travel?: boolean;
}

export interface Result {
  step: string;
  label?: string;
  value: unknown;
  unit?: string;
  recorded_by: string;
  recorded_at: string;
}

export interface Chart {
  id: string;
  version: number;
  state: string;
  state_label: string;
  exam_date: string;
  applicant: Applicant;
  case: { id: string; case_number: string; destination: string; program: string; flight?: Flight | null };
  protocol: { id: string; version: string };
  plan: {
    age_years: number;
    required: RequiredStep[];
    pending: string[];
    outcome: {
      codes: string[];
      final: boolean;
      severity?: number;
      findings?: { code: string; rule?: string; reason: string; reason_fr?: string; confidence?: string }[];
      scale?: OutcomeLevel[];
    };
    treatments: Treatment[];
    withheld: Treatment[];
    forms: string[];
    valid_until: string | null;
    departure?: DepartureCheck[];
    clearance?: Clearance;
  };
  /** What the protocol and the workflow still miss (step codes); sign-off needs a reason while any. */
  incomplete?: string[];
  history_questions?: { code: string; question: string }[];
  history: { answers: HistoryAnswer[]; recorded_by: string; recorded_at: string } | null;
  vitals: Vitals | null;
  findings: Record<string, boolean> | null;
  results: Result[];
  classification: {
    codes: string[]; notes: string; override_reason: string; by: string; at: string;
  } | null;
  signoff: { by: string; at: string; incomplete_reason?: string } | null;
  addenda: { text: string; by: string; at: string }[];
  pec: {
    departure_date?: string | null; flight_number: string; temperature_c: number; symptoms: boolean; fit: boolean;
    remarks: string; by: string; at: string;
  } | null;
  forms: Form[];
  /** Null when the protocol asks for no vaccination review and there are no doses. */
  vaccination?: Vaccination | null;
  /** What the logged-in user may do on this chart now (the server's permission names). */
  can: string[];
}

export interface Vaccine {
  cvx: string;
  name: string;
}

/** One entry of GET /api/vaccines: every CVX code the server can record. */
export interface VaccineListItem extends Vaccine {
  /** An "unspecified formulation" code: fine for an old record, refused for a dose given here. */
  unspecified: boolean;
}

export interface DoseEvaluation {
  vaccine_group: string;
  antigen: string;
  status: 'valid' | 'not_valid' | 'extraneous' | 'sub_standard' | string;
  reason: string;
  /** The target dose it counted for, e.g. "Dose 2". */
  dose_number: string;
  series: string;
}

export interface Dose {
  id: string;
  date: string;
  cvx: string;
  vaccine: string;
  mvx: string;
  manufacturer: string;
  lot: string;
  site: string;
  route: string;
  origin: 'clinic' | 'record' | string;
  source_document: string;
  assessment_id: string;
  recorded_by: string;
  recorded_at: string;
  entered_in_error: { reason: string; by: string; at: string } | null;
  evaluations: DoseEvaluation[];
  /** Why the dose was left out of the evaluation (besides being in error). */
  problem?: string;
}

export interface VaccineForecast {
  vaccine_group: string;
  series_type: string;
  status: string;
  dose_number: string;
  earliest: string | null;
  recommended: string | null;
  past_due: string | null;
  latest: string | null;
  reasons: string[];
  vaccines: Vaccine[];
}

export interface Ds3025Line {
  key: string;
  vaccine: string;
  vaccine_group: string;
  status: 'complete' | 'give_today' | 'not_required' | string;
  reason_code: string;
  reason: string;
  give_today: boolean;
  give_vaccines: Vaccine[];
  given_at_exam: boolean;
  next_due: string | null;
  doses: { dose_id: string; date: string; cvx: string; status: string }[];
  source: string;
}

export interface Vaccination {
  assessed_on: string;
  doses: Dose[];
  forecast: VaccineForecast[];
  ds3025: {
    rules_version: string;
    rules_title: string;
    sources: string[];
    requirements_met: boolean;
    lines: Ds3025Line[];
  } | null;
}

export interface BoardMember {
  applicant_id: string;
  name: string;
  status: string;
  status_label: string;
  missing: string[];
  missing_labels?: string[];
  by: string | null;
  valid_until: string | null;
  /** What stops travel besides missing results, without clinical detail. */
  holds?: { code: string; step?: string; check?: string; label: string; earliest: string | null }[];
}

export interface BoardCase {
  id: string;
  case_number: string;
  destination: string;
  flight: Flight | null;
  members: BoardMember[];
}

export interface VerifyInfo {
  form_type: string;
  issued_at: string;
  site: string;
  signer: string;
  status: string;
  initials: string;
  birth_year: number | string;
  /** When the clinic revoked it (status revoked). */
  revoked_at?: string;
}

/** A check before travel; the window is given in real time once the flight is known. */
export interface DepartureCheck {
  check: string;
  label?: string;
  min_hours: number;
  max_hours: number;
  not_before: string | null;
  not_after: string | null;
  /** A window in which something must not be done (no live vaccine). */
  restriction: boolean;
  rule: string;
  reason: string;
  reason_fr?: string;
}

/** What stops travel today, each with the earliest day it can clear when it can be said. */
export interface Clearance {
  cleared: boolean;
  until: string | null;
  blocked_by: { code: string; step?: string; check?: string; reason: string; reason_fr?: string; earliest: string | null; rule?: string }[];
}
