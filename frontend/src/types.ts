// The API's wire shapes under the names the app uses. Every shape is generated from the server's
// OpenAPI description (GET /api/openapi.json, `bin/mhac openapi`) into api-types.ts by
// openapi-typescript (`make types`); nothing here is written by hand. A test fails when
// api-types.ts is older than the Go route table (docs/api.md, "Types for the web app").
import type { components } from './api-types';

type Schemas = components['schemas'];

export type Role = Schemas['Role'];
export type User = Schemas['User'];
/** A site with its signing certificate (GET /api/sites). */
export type SiteEntry = Schemas['SiteEntry'];
export type Session = Schemas['SessionResponse'];
export type Flight = Schemas['Flight'];
/** A person as the registration form sends them. */
export type MemberInput = Schemas['Person'];
export type Applicant = Schemas['Applicant'];
/** A person as a case lists them, with what the user may do on them. */
export type Member = Schemas['Member'];
export type Case = Schemas['Case'];
export type WorkItem = Schemas['WorkItem'];
export type Source = Schemas['Source'];
export type RequiredStep = Schemas['Required'];
export type Treatment = Schemas['Treatment'];
export type Form = Schemas['Form'];
export type HistoryAnswer = Schemas['Answer'];
/** Vitals and the physical examination; 0 means "not measured" (e.g. a young child's BP). */
export type Vitals = Schemas['Vitals'];
export type OutcomeLevel = Schemas['OutcomeLevel'];
export type Result = Schemas['Result'];
export type Chart = Schemas['Chart'];
/** A station's identity check (match, or a mismatch that holds the assessment). */
export type IdentityCheckRecord = Schemas['IdentityCheck'];
export type IdentityHold = Schemas['IdentityHold'];
/** A registered person who may be the person being registered. */
export type Duplicate = Schemas['Duplicate'];
export type Vaccine = Schemas['Vaccine'];
/** One entry of GET /api/vaccines: every CVX code the server can record. */
export type VaccineListItem = Schemas['VaccineChoice'];
export type DoseEvaluation = Schemas['DoseEvaluation'];
export type Dose = Schemas['Dose'];
export type VaccineForecast = Schemas['Forecast'];
export type Ds3025Line = Schemas['Ds3025Line'];
export type Vaccination = Schemas['Vaccination'];
export type BoardMember = Schemas['MemberStatus'];
export type BoardCase = Schemas['BoardCase'];
export type VerifyInfo = Schemas['Verify'];
export type FailedJob = Schemas['FailedJob'];
/** A required step signed without (a protocol rule allowed it), with the physician's reason. */
export type DeferredStep = Schemas['DeferredStep'];
/** Whether one form will be issued at sign-off, and why not. */
export type FormPlan = Schemas['FormPlan'];
/** Before sign-off: what signing now leaves undone, and which forms it issues. */
export type SignoffCheck = Schemas['SignoffCheck'];
export type PanelApplicant = Schemas['PanelApplicant'];
/** What stops travel today and the earliest day it can clear (the protocol's clearance). */
export type Clearance = Schemas['Clearance'];
/** A check before departure with its window. */
export type DepartureCheck = Schemas['Departure'];
/** A treatment the rules name, with its dose and what was recorded. */
export type TreatmentOrder = Schemas['TreatmentOrder'];
export type TreatmentRecord = Schemas['TreatmentRecord'];
/** A batch of a medicine in the site's stock. */
export type MedicineBatch = Schemas['Batch'];
/** A vaccine the site cannot routinely get, in force or lifted. */
export type VaccineUnavailability = Schemas['Unavailability'];
export type AvailabilityResponse = Schemas['AvailabilityResponse'];
/** A vaccine lot low in doses or expiring soon, and the list with its thresholds. */
export type StockAlert = Schemas['StockAlert'];
export type StockAlertsResponse = Schemas['StockAlertsResponse'];
export type VaccineDecision = Schemas['VaccineDecision'];
export type Consent = Schemas['Consent'];
export type ConsentScan = Schemas['ConsentScan'];
export type Counselling = Schemas['Counselling'];
/** A lab order on the lab's worklist, with the person, specimens and due dates. */
export type LabWorkItem = Schemas['LabWorkItem'];
/** An assessment's lab orders, specimens, results and unacknowledged critical results. */
export type LabRecord = Schemas['LabRecord'];
export type LabResult = Schemas['LabResult'];
export type Specimen = Schemas['Specimen'];
export type LabCatalog = Schemas['LabCatalog'];
export type LabTest = Schemas['LabTest'];
export type TBIndicators = Schemas['TBIndicators'];
export type Dashboard = Schemas['Dashboard'];
/** A chest X-ray study as the reader may see it. */
export type Study = Schemas['Study'];
export type DotDue = Schemas['DotDue'];
export type AuditRow = Schemas['Audit'];
export type AuditChain = Schemas['Chain'];
export type Referral = Schemas['Referral'];
export type VitalsRanges = Schemas['VitalsRanges'];
export type VitalsCheck = Schemas['VitalsCheck'];
