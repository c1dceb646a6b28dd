package api

import (
	"github.com/gin-gonic/gin"

	"github.com/mhac-clinic/mhac/clinic"
	"github.com/mhac-clinic/mhac/interop/hl7v2"
)

// route is one entry of the route table: what it does, the permission it needs, what it takes and
// gives. The roles of a permission live in clinic.Permissions only; the Service method behind the
// route checks the same permission.
type route struct {
	Method   string
	Path     string
	Summary  string
	Public   bool              // no login needed (then Perm is empty)
	Perm     clinic.Permission // what the caller must be allowed (clinic.Permissions says which roles)
	Request  any               // the JSON body type, for the OpenAPI description
	Response any               // the JSON answer type
	handle   gin.HandlerFunc
}

// routes is the API: every route, its permission and its handler, in one table. The OpenAPI document
// is generated from it.
func (s *Server) routes() []route {
	return []route{
		{Method: "GET", Path: "/healthz", Summary: "The process is up", Public: true, handle: s.healthz},
		{Method: "GET", Path: "/readyz", Summary: "Ready for clinical work: PostgreSQL answers (Redis down only delays forms)", Public: true, Response: readyJSON{}, handle: s.readyz},
		{Method: "GET", Path: "/api/openapi.json", Summary: "This API as OpenAPI 3.1", Public: true, handle: s.openAPI},

		{Method: "POST", Path: "/api/session", Summary: "Log in", Public: true, Request: loginRequest{}, Response: sessionResponse{}, handle: s.login},
		{Method: "GET", Path: "/api/session", Summary: "The logged-in user and CSRF token", Perm: clinic.PermOwnSession, Response: sessionResponse{}, handle: s.me},
		{Method: "DELETE", Path: "/api/session", Summary: "Log out", Perm: clinic.PermOwnSession, handle: s.logout},
		{Method: "PUT", Path: "/api/session/password", Summary: "Change one's own password (other sessions end)", Perm: clinic.PermOwnSession, Request: changePasswordRequest{}, handle: s.changePassword},
		{Method: "POST", Path: "/api/session/second-factor", Summary: "Begin setting up a second factor (TOTP): the secret and its QR code", Perm: clinic.PermOwnSession, Response: enrolmentJSON{}, handle: s.beginSecondFactor},
		{Method: "POST", Path: "/api/session/second-factor/confirm", Summary: "Turn the second factor on with a code from the app; answers the recovery codes, once", Perm: clinic.PermOwnSession, Request: codeRequest{}, Response: recoveryCodesJSON{}, handle: s.confirmSecondFactor},

		{Method: "GET", Path: "/api/sites", Summary: "Clinic locations with their signing certificates (fingerprint, validity)", Perm: clinic.PermManageAccounts, Response: listJSON[siteEntryJSON]{}, handle: s.listSites},
		{Method: "POST", Path: "/api/sites", Summary: "Create a site (code, name, country, IANA time zone) and its signing key and certificate (deployment-wide admins)", Perm: clinic.PermManageSecurity, Request: newSiteRequest{}, Response: siteEntryJSON{}, handle: s.createSite},
		{Method: "POST", Path: "/api/sites/:code/key/rotate", Summary: "Give a site a new signing key and certificate; forms signed before keep verifying (deployment-wide admins)", Perm: clinic.PermManageSecurity, Response: siteEntryJSON{}, handle: s.rotateSiteKey},
		{Method: "GET", Path: "/api/users", Summary: "User accounts", Perm: clinic.PermManageAccounts, Response: listJSON[userJSON]{}, handle: s.listUsers},
		{Method: "POST", Path: "/api/users", Summary: "Create a user account (site admins: their own site's staff only)", Perm: clinic.PermManageAccounts, Request: newUserRequest{}, Response: userJSON{}, handle: s.createUser},
		{Method: "PUT", Path: "/api/users/:id/disabled", Summary: "Disable an account (its sessions end) or enable it again", Perm: clinic.PermManageAccounts, Request: disabledRequest{}, Response: userJSON{}, handle: s.setUserDisabled},
		{Method: "PUT", Path: "/api/users/:id/password", Summary: "Reset a user's password (their sessions end)", Perm: clinic.PermManageAccounts, Request: passwordRequest{}, handle: s.resetPassword},
		{Method: "POST", Path: "/api/users/:id/second-factor/reset", Summary: "Remove a user's second factor and recovery codes (a lost phone)", Perm: clinic.PermManageAccounts, handle: s.resetSecondFactor},
		{Method: "GET", Path: "/api/settings/second-factor", Summary: "The roles that must log in with a second factor", Perm: clinic.PermManageAccounts, Response: policyJSON{}, handle: s.secondFactorPolicy},
		{Method: "PUT", Path: "/api/settings/second-factor", Summary: "Set the roles that must log in with a second factor (deployment-wide admins)", Perm: clinic.PermManageSecurity, Request: policyJSON{}, Response: policyJSON{}, handle: s.setSecondFactorPolicy},
		{Method: "GET", Path: "/api/audit", Summary: "Search the audit log (?user=&record=&action=&from=&to=&cursor=&limit=), newest first; site admins: own site", Perm: clinic.PermReadAudit, Response: listJSON[auditJSON]{}, handle: s.searchAudit},
		{Method: "POST", Path: "/api/audit/verify", Summary: "Recompute the audit log's hash chain and say whether it is intact", Perm: clinic.PermReadAudit, Response: chainJSON{}, handle: s.verifyAuditChain},

		{Method: "POST", Path: "/api/cases", Summary: "Register a case with its members", Perm: clinic.PermRegisterCase, Request: newCaseRequest{}, Response: caseJSON{}, handle: s.createCase},
		{Method: "GET", Path: "/api/cases", Summary: "Search cases by number or name (?q=&flight=&cursor=&limit=), newest first", Perm: clinic.PermReadCase, Response: listJSON[caseJSON]{}, handle: s.searchCases},
		{Method: "GET", Path: "/api/duplicates", Summary: "Registered people who may be the person being registered: same document number, or a similar name and a birth date within a year (?surnames=&given_names=&birth_date=&document_number=)", Perm: clinic.PermFindDuplicates, Response: listJSON[duplicateJSON]{}, handle: s.findDuplicates},
		{Method: "GET", Path: "/api/cases/:id", Summary: "One case with its members", Perm: clinic.PermReadCase, Response: caseJSON{}, handle: s.getCase},
		{Method: "POST", Path: "/api/cases/:id/queue", Summary: "Open an assessment for every member not yet queued", Perm: clinic.PermQueueCase, Response: caseJSON{}, handle: s.queueCase},
		{Method: "PUT", Path: "/api/applicants/:id", Summary: "Correct a person's registration details (until sign-off)", Perm: clinic.PermUpdateApplicant, Request: applicantRequest{}, Response: caseJSON{}, handle: s.updateApplicant},
		{Method: "POST", Path: "/api/applicants/:id/reexamine", Summary: "Open a new assessment for a person whose last one is signed (e.g. clearance expired)", Perm: clinic.PermReexamine, Response: caseJSON{}, handle: s.reexamine},
		{Method: "POST", Path: "/api/imports/cases", Summary: "Import a case list (multipart \"file\": CSV or XLSX; \"dry_run\": true previews)", Perm: clinic.PermImportCases, Response: importJSON{}, handle: s.importCases},
		{Method: "POST", Path: "/api/applicants/:id/photo", Summary: "Store the person's photo (multipart \"file\": JPEG, passport frame); a retake keeps the earlier one", Perm: clinic.PermTakePhoto, Response: photoJSON{}, handle: s.postPhoto},
		{Method: "GET", Path: "/api/applicants/:id/photo", Summary: "The person's current photo (image/jpeg)", Perm: clinic.PermReadPhoto, handle: s.getPhoto},
		{Method: "POST", Path: "/api/applicants/:id/consents", Summary: "Record a consent of the person (purpose, kind, language, date)", Perm: clinic.PermRecordConsent, Request: consentRequest{}, Response: consentJSON{}, handle: s.postConsent},
		{Method: "GET", Path: "/api/applicants/:id/consents", Summary: "The person's consents, withdrawn ones included, oldest first", Perm: clinic.PermReadConsent, Response: consentsResponse{}, handle: s.listConsents},
		{Method: "POST", Path: "/api/consents/:id/withdraw", Summary: "Withdraw a consent (date, reason); nothing is deleted", Perm: clinic.PermRecordConsent, Request: withdrawRequest{}, Response: consentJSON{}, handle: s.withdrawConsent},
		{Method: "GET", Path: "/api/applicants/:id/consent-sheet", Summary: "The printable consent sheet to sign (PDF; English, French, Kinyarwanda)", Perm: clinic.PermReadConsent, handle: s.consentSheet},
		{Method: "POST", Path: "/api/applicants/:id/consent-scans", Summary: "Attach a scan of the signed consent sheet (multipart \"file\": PDF or JPEG, at most 4 MiB)", Perm: clinic.PermRecordConsent, Response: consentScanJSON{}, handle: s.postConsentScan},
		{Method: "GET", Path: "/api/applicants/:id/consent-scans", Summary: "The scans of the signed consent sheet, newest first", Perm: clinic.PermReadConsent, Response: consentScansResponse{}, handle: s.listConsentScans},
		{Method: "GET", Path: "/api/applicants/:id/consent-scans/:scan", Summary: "One scan of the signed consent sheet, as uploaded", Perm: clinic.PermReadConsent, handle: s.getConsentScan},
		{Method: "GET", Path: "/api/applicants/:id/photos", Summary: "Every photo taken of the person, newest first", Perm: clinic.PermReadPhoto, Response: photosResponse{}, handle: s.photoHistory},
		{Method: "PUT", Path: "/api/cases/:id/flight", Summary: "Book the case on a flight", Perm: clinic.PermSetFlight, Request: flightRequest{}, Response: caseJSON{}, handle: s.setFlight},
		{Method: "POST", Path: "/api/cases/:id/rebook", Summary: "Move the case, or one of its people, to another flight", Perm: clinic.PermSetFlight, Request: rebookRequest{}, Response: caseJSON{}, handle: s.rebook},
		{Method: "GET", Path: "/api/flights", Summary: "The site's flights (?from=&to=)", Perm: clinic.PermReadFlights, Response: flightsResponse{}, handle: s.listFlights},
		{Method: "POST", Path: "/api/flights", Summary: "Record a flight", Perm: clinic.PermManageFlights, Request: flightInput{}, Response: flightOut{}, handle: s.createFlight},
		{Method: "GET", Path: "/api/flights/:flight", Summary: "One flight with its passengers", Perm: clinic.PermReadFlights, Response: flightOut{}, handle: s.getFlight},
		{Method: "GET", Path: "/api/flights/:flight/board", Summary: "Every passenger of a flight: fit, not fit or pending, what is missing and by when, those at risk first", Perm: clinic.PermReadBoard, Response: flightBoardJSON{}, handle: s.flightBoard},
		{Method: "GET", Path: "/api/flights/:flight/board.csv", Summary: "The flight's passengers as CSV", Perm: clinic.PermReadBoard, handle: s.flightBoardCSV},
		{Method: "PUT", Path: "/api/flights/:flight", Summary: "Correct a flight's time, airports or connections", Perm: clinic.PermManageFlights, Request: flightInput{}, Response: flightOut{}, handle: s.updateFlight},
		{Method: "POST", Path: "/api/imports/manifest", Summary: "Import a flight manifest (multipart \"file\": CSV or XLSX; \"dry_run\": true previews)", Perm: clinic.PermManageFlights, Response: manifestJSON{}, handle: s.importManifest},
		{Method: "GET", Path: "/api/flights/:flight/medifs", Summary: "The MEDIFs of a flight's passengers who travel with assistance", Perm: clinic.PermReadMEDIFs, Response: medifsResponse{}, handle: s.flightMEDIFs},
		{Method: "GET", Path: "/api/flights/:flight/medifs/:form/pdf", Summary: "One passenger's signed MEDIF", Perm: clinic.PermReadMEDIFs, handle: s.medifPDF},
		{Method: "GET", Path: "/api/dashboard", Summary: "The site head's dashboard: queues and waits now, the coming week's flights with people not yet fit", Perm: clinic.PermReadDashboard, Response: dashboardJSON{}, handle: s.dashboard},
		{Method: "GET", Path: "/api/reports/tb-indicators", Summary: "A site's monthly TB indicators (?month=YYYY-MM&site=CODE)", Perm: clinic.PermReadReports, Response: TBIndicatorsJSON{}, handle: s.tbIndicators},
		{Method: "GET", Path: "/api/reports/tb-indicators.csv", Summary: "The monthly TB indicators as CSV", Perm: clinic.PermReadReports, handle: s.tbIndicatorsCSV},
		{Method: "GET", Path: "/api/reports/tb-indicators.pdf", Summary: "The monthly TB indicators as a printable PDF", Perm: clinic.PermReadReports, handle: s.tbIndicatorsPDF},

		{Method: "POST", Path: "/api/assessments/:id/identity-checks", Summary: "Record a station's identity check (person matches the photo and the document, or a mismatch that holds the assessment)", Perm: clinic.PermCheckIdentity, Request: identityCheckRequest{}, Response: chartJSON{}, handle: s.postIdentityCheck},
		{Method: "POST", Path: "/api/assessments/:id/identity-checks/:check/resolve", Summary: "End the hold of an identity mismatch, saying what was found", Perm: clinic.PermResolveIdentity, Request: identityResolveRequest{}, Response: identityCheckJSON{}, handle: s.resolveIdentity},
		{Method: "GET", Path: "/api/identity/holds", Summary: "The people held by an identity mismatch, with why", Perm: clinic.PermResolveIdentity, Response: listJSON[identityHoldJSON]{}, handle: s.identityHolds},
		{Method: "GET", Path: "/api/worklist", Summary: "A station's worklist, oldest first, in pages (?station=nurse|lab|radiology|physician|pec&cursor=&limit=, 1–200, 50 by default)", Perm: clinic.PermReadWorklist, Response: listJSON[workItemJSON]{}, handle: s.worklist},

		{Method: "GET", Path: "/api/lab/worklist", Summary: "Open lab orders, oldest first, each with its rule and source, specimens and reading or expected date (?cursor=&limit=)", Perm: clinic.PermReadLabWorklist, Response: listJSON[labWorkItemJSON]{}, handle: s.labWorklist},
		{Method: "GET", Path: "/api/lab/overdue", Summary: "Orders at the lab past their turnaround (cultures after eight weeks)", Perm: clinic.PermReadLabWorklist, Response: listJSON[labWorkItemJSON]{}, handle: s.labOverdue},
		{Method: "GET", Path: "/api/lab/catalog", Summary: "The lab's test catalog: components, units, LOINC codes, sources", Perm: clinic.PermReadLabRecord, Response: labCatalogJSON{}, handle: s.labCatalog},
		{Method: "GET", Path: "/api/assessments/:id/lab", Summary: "An assessment's lab orders, specimens, results (amended ones kept) and unacknowledged critical results", Perm: clinic.PermReadLabRecord, Response: labRecordJSON{}, handle: s.labRecord},
		{Method: "POST", Path: "/api/assessments/:id/specimens", Summary: "Collect specimens for picked orders: one accession number per specimen type", Perm: clinic.PermCollectSpecimen, Request: collectRequest{}, Response: specimensResponse{}, handle: s.collectSpecimens},
		{Method: "GET", Path: "/api/specimens/labels.pdf", Summary: "Barcode labels (Code 128, 50 × 25 mm) of specimens (?accession=&accession=)", Perm: clinic.PermCollectSpecimen, handle: s.specimenLabels},
		{Method: "GET", Path: "/api/specimens/:accession", Summary: "One specimen, found by its scanned accession number", Perm: clinic.PermReadLabRecord, Response: specimenJSON{}, handle: s.getSpecimen},
		{Method: "POST", Path: "/api/specimens/:accession/receive", Summary: "Receive a specimen at the lab (its label scanned)", Perm: clinic.PermReceiveSpecimen, Response: specimenJSON{}, handle: s.receiveSpecimen},
		{Method: "POST", Path: "/api/specimens/:accession/reject", Summary: "Reject a specimen with a reason; its orders open again for re-collection", Perm: clinic.PermReceiveSpecimen, Request: rejectRequest{}, Response: specimenJSON{}, handle: s.rejectSpecimen},
		{Method: "POST", Path: "/api/specimens/:accession/results", Summary: "Record a coded result for a specimen (computed values, flags); the step's result follows", Perm: clinic.PermRecordLabResult, Request: labEntryRequest{}, Response: labResultJSON{}, handle: s.postLabResult},
		{Method: "POST", Path: "/api/lab-results/:id/amend", Summary: "Amend a lab result with a reason; the earlier value is kept", Perm: clinic.PermRecordLabResult, Request: amendRequest{}, Response: labResultJSON{}, handle: s.amendLabResult},
		{Method: "POST", Path: "/api/lab-results/:id/acknowledge", Summary: "The physician acknowledges a critical result", Perm: clinic.PermAcknowledgeCritical, Response: labResultJSON{}, handle: s.acknowledgeLabResult},

		{Method: "GET", Path: "/api/assessments/:id", Summary: "The chart", Perm: clinic.PermReadChart, Response: chartJSON{}, handle: s.getChart},
		{Method: "PUT", Path: "/api/assessments/:id/history", Summary: "Record the medical history", Perm: clinic.PermRecordHistory, Request: historyRequest{}, Response: chartJSON{}, handle: s.putHistory},
		{Method: "PUT", Path: "/api/assessments/:id/vitals", Summary: "Record vitals and the examination", Perm: clinic.PermRecordVitals, Request: vitalsRequest{}, Response: chartJSON{}, handle: s.putVitals},
		{Method: "POST", Path: "/api/assessments/:id/results", Summary: "Record one test result", Perm: clinic.PermRecordResult, Request: resultRequest{}, Response: chartJSON{}, handle: s.postResult},
		{Method: "PUT", Path: "/api/assessments/:id/classification", Summary: "Record the physician's classification", Perm: clinic.PermClassify, Request: classificationRequest{}, Response: chartJSON{}, handle: s.putClassification},
		{Method: "POST", Path: "/api/assessments/:id/signoff", Summary: "Sign and lock the assessment; orders the forms", Perm: clinic.PermSignOff, Request: signoffRequest{}, Response: chartJSON{}, handle: s.postSignoff},
		{Method: "POST", Path: "/api/assessments/:id/addenda", Summary: "Add an addendum; reissues the forms", Perm: clinic.PermAddAddendum, Request: addendumRequest{}, Response: chartJSON{}, handle: s.postAddendum},
		{Method: "POST", Path: "/api/assessments/:id/vaccinations", Summary: "Record a vaccine dose, given here or from a written record", Perm: clinic.PermRecordDose, Request: doseRequest{}, Response: chartJSON{}, handle: s.postDose},
		{Method: "POST", Path: "/api/assessments/:id/vaccine-decisions", Summary: "Record a refusal, a waiver, a \"not indicated\" or evidence of immunity (titre, disease) for one vaccine", Perm: clinic.PermRecordVaccineDecision, Request: vaccineDecisionRequest{}, Response: chartJSON{}, handle: s.postVaccineDecision},
		{Method: "POST", Path: "/api/assessments/:id/vaccine-decisions/:decision/error", Summary: "Mark a vaccine decision entered in error", Perm: clinic.PermRecordVaccineDecision, Request: doseErrorRequest{}, Response: chartJSON{}, handle: s.postVaccineDecisionError},
		{Method: "POST", Path: "/api/assessments/:id/vaccinations/:dose/error", Summary: "Mark a dose entered in error", Perm: clinic.PermMarkDoseError, Request: doseErrorRequest{}, Response: chartJSON{}, handle: s.postDoseError},
		{Method: "POST", Path: "/api/assessments/:id/counselling", Summary: "Record pre- or post-test counselling (HIV), or the disclosure of a result that changes travel", Perm: clinic.PermRecordCounselling, Request: counsellingRequest{}, Response: chartJSON{}, handle: s.postCounselling},
		{Method: "PUT", Path: "/api/assessments/:id/mental-health", Summary: "Record the mental-health screen (RHS-15), the physician's assessment and the referral", Perm: clinic.PermRecordMentalHealth, Request: mentalHealthRequest{}, Response: chartJSON{}, handle: s.putMentalHealth},
		{Method: "GET", Path: "/api/screens/rhs15", Summary: "The RHS-15 screen: items in each language, scale, cut-off, source", Perm: clinic.PermRecordMentalHealth, handle: s.getScreen},
		{Method: "GET", Path: "/api/reference/vitals-ranges", Summary: "The ranges that flag vitals as implausible or abnormal, each with its source", Perm: clinic.PermRecordVitals, Response: clinic.VitalsRanges{}, handle: s.getVitalsRanges},
		{Method: "POST", Path: "/api/assessments/:id/treatments", Summary: "Record a treatment the rules name: given (from a stock batch), withheld or refused", Perm: clinic.PermRecordTreatment, Request: treatmentRequest{}, Response: chartJSON{}, handle: s.postTreatment},
		{Method: "POST", Path: "/api/assessments/:id/dot", Summary: "Start a course of TB treatment under observation (DOT): regimen, weight, first day", Perm: clinic.PermStartDOT, Request: dotStartRequest{}, Response: chartJSON{}, handle: s.postDOT},
		{Method: "POST", Path: "/api/assessments/:id/dot/doses", Summary: "Tick one day's dose as observed (a past day is entered late, with the time observed)", Perm: clinic.PermObserveDOT, Request: dotDoseRequest{}, Response: chartJSON{}, handle: s.postDOTDose},
		{Method: "POST", Path: "/api/assessments/:id/dot/adverse-events", Summary: "Record an adverse event during DOT", Perm: clinic.PermObserveDOT, Request: dotEventRequest{}, Response: chartJSON{}, handle: s.postDOTEvent},
		{Method: "POST", Path: "/api/assessments/:id/dot/complete", Summary: "Complete the DOT course once every dose is observed (the rules then release the hold)", Perm: clinic.PermStartDOT, Request: versionRequest{}, Response: chartJSON{}, handle: s.postDOTComplete},
		{Method: "GET", Path: "/api/dot/regimens", Summary: "The TB regimens a DOT course may follow, with their source", Perm: clinic.PermObserveDOT, Response: dotRegimensJSON{}, handle: s.dotRegimens},
		{Method: "GET", Path: "/api/dot/due", Summary: "The site's DOT doses not observed on a day (?day=, today when absent; a past day lists missed doses)", Perm: clinic.PermObserveDOT, Response: listJSON[dotDueJSON]{}, handle: s.dotDue},
		{Method: "POST", Path: "/api/assessments/:id/referrals", Summary: "Refer to a specialist (specialty, reason, facility, urgency, due day; the rule that asked, and whether it holds the sign-off)", Perm: clinic.PermRefer, Request: referralRequest{}, Response: chartJSON{}, handle: s.postReferral},
		{Method: "POST", Path: "/api/assessments/:id/referrals/:rid/answer", Summary: "Record the specialist's report of a referral (text, and the PDF when sent)", Perm: clinic.PermRefer, Request: referralAnswerRequest{}, Response: chartJSON{}, handle: s.postReferralAnswer},
		{Method: "GET", Path: "/api/referrals", Summary: "The site's open referrals, soonest due first (?overdue=1: past due only)", Perm: clinic.PermReadReferrals, Response: listJSON[referralJSON]{}, handle: s.referrals},
		{Method: "GET", Path: "/api/referrals/:rid/report.pdf", Summary: "The specialist's report PDF of a referral", Perm: clinic.PermReadReferrals, handle: s.referralReport},
		{Method: "POST", Path: "/api/assessments/:id/imaging", Summary: "Order the chest X-rays the plan requires (one study per step, with the rule and source); answers the assessment's studies", Perm: clinic.PermOrderImaging, Response: listJSON[studyJSON]{}, handle: s.postImagingOrders},
		{Method: "GET", Path: "/api/imaging", Summary: "The radiology worklist: studies to take or read, oldest order first (?limit=)", Perm: clinic.PermReadImaging, Response: listJSON[studyJSON]{}, handle: s.radiologyWorklist},
		{Method: "GET", Path: "/api/imaging/:id", Summary: "One chest X-ray study (others' readings hidden until final)", Perm: clinic.PermReadImaging, Response: studyJSON{}, handle: s.getStudy},
		{Method: "POST", Path: "/api/imaging/:id/pregnancy", Summary: "Answer the pregnancy question before the X-ray (not_pregnant, shield, defer)", Perm: clinic.PermRecordImaging, Request: pregnancyRequest{}, Response: studyJSON{}, handle: s.postPregnancy},
		{Method: "POST", Path: "/api/imaging/:id/readings", Summary: "Record a reading on the country's form (first, blind second, third or consensus)", Perm: clinic.PermRecordImaging, Request: readingRequest{}, Response: studyJSON{}, handle: s.postReading},
		{Method: "GET", Path: "/api/imaging/forms/:country", Summary: "The chest X-ray reading form of a protocol (US, CA, AU, NZ)", Perm: clinic.PermReadImaging, Response: readingFormJSON{}, handle: s.getReadingForm},
		{Method: "GET", Path: "/api/imaging/settings/second-read", Summary: "The site's share of second reads", Perm: clinic.PermReadImaging, Response: secondReadShareJSON{}, handle: s.getSecondReadShare},
		{Method: "PUT", Path: "/api/imaging/settings/second-read", Summary: "Set the site's share (%) of X-rays not suggestive of TB that a second reader reads", Perm: clinic.PermSetRadiologySettings, Request: secondReadShareJSON{}, Response: secondReadShareJSON{}, handle: s.putSecondReadShare},
		{Method: "POST", Path: "/api/radiology/reports", Summary: "Push teleradiology reports: HL7 v2.5 ORU^R01 messages as text; one line per message", Perm: clinic.PermImportRadiology, Response: listJSON[hl7v2.ImportLine]{}, handle: s.postRadiologyReports},
		{Method: "GET", Path: "/api/admin/radiology-import-errors", Summary: "Teleradiology messages that did not parse or matched no X-ray, with the reason", Perm: clinic.PermReadImportErrors, Response: listJSON[importErrorJSON]{}, handle: s.radiologyImportErrors},
		{Method: "POST", Path: "/api/assessments/:id/pec", Summary: "Record the pre-embarkation check", Perm: clinic.PermRecordPEC, Request: pecRequest{}, Response: chartJSON{}, handle: s.postPEC},
		{Method: "GET", Path: "/api/assessments/:id/forms", Summary: "The forms of one assessment", Perm: clinic.PermReadForms, Response: listJSON[formJSON]{}, handle: s.assessmentForms},
		{Method: "POST", Path: "/api/forms/:id/revoke", Summary: "Revoke an issued form, with the reason", Perm: clinic.PermRevokeForm, Request: revokeRequest{}, Response: formJSON{}, handle: s.revokeForm},
		{Method: "GET", Path: "/api/forms/:id/pdf", Summary: "Download a signed form (panels: own country only)", Perm: clinic.PermDownloadForm, handle: s.formPDF},

		{Method: "GET", Path: "/api/assessments/:id/fhir", Summary: "One signed assessment as a FHIR R4 document Bundle (panels: own country only)", Perm: clinic.PermExportRecord, handle: s.fhirDocument},
		{Method: "GET", Path: "/api/assessments/:id/package.zip", Summary: "One person's submission package: signed forms, FHIR document, X-ray report, manifest", Perm: clinic.PermExportRecord, handle: s.personPackage},
		{Method: "GET", Path: "/api/fhir/export.zip", Summary: "FHIR Bulk Data NDJSON and manifest of a flight (?flight=) or of sign-off dates (?from=&to=), as a ZIP", Perm: clinic.PermExportRecord, handle: s.fhirBulk},
		{Method: "GET", Path: "/api/flights/:flight/packages.zip", Summary: "Every person's submission package of one flight, as one ZIP", Perm: clinic.PermExportRecord, handle: s.flightPackages},
		{Method: "GET", Path: "/fhir/CodeSystem/:name", Summary: "A FHIR CodeSystem of the project's codes (outcome-us|ca|au|nz, cxr), at its canonical URL", Public: true, handle: s.codeSystem},

		{Method: "GET", Path: "/api/board", Summary: "Fitness to travel per case and member (?q=&flight=&cursor=&limit=)", Perm: clinic.PermReadBoard, Response: listJSON[boardCaseJSON]{}, handle: s.board},
		{Method: "GET", Path: "/api/panel/applicants", Summary: "Applicants bound for the panel's country, a page at a time (?flight=&from=&to=&limit=&cursor=)", Perm: clinic.PermReadPanel, Response: panelResponse{}, handle: s.panelApplicants},
		{Method: "GET", Path: "/api/panel/flights/:flight/forms.zip", Summary: "Every current form of one flight, as a ZIP", Perm: clinic.PermReadPanel, handle: s.flightZip},
		{Method: "GET", Path: "/api/panel/forms.zip", Summary: "Every current form of the panel's applicants departing from ?from= to ?to= (dates), as a ZIP; ?new=1 for those new since the last download of the range", Perm: clinic.PermReadPanel, handle: s.rangeZip},

		{Method: "GET", Path: "/api/medicines/batches", Summary: "The site's medicine stock (?drug=)", Perm: clinic.PermReadStock, Response: batchesResponse{}, handle: s.listBatches},
		{Method: "POST", Path: "/api/medicines/batches", Summary: "Receive a batch of a medicine into the site's stock", Perm: clinic.PermReceiveStock, Request: batchRequest{}, Response: batchJSON{}, handle: s.postBatch},
		{Method: "GET", Path: "/api/vaccines/availability", Summary: "The vaccines the site cannot routinely get, with the list's history, and the vaccines an entry may name", Perm: clinic.PermReadStock, Response: availabilityResponse{}, handle: s.listAvailability},
		{Method: "POST", Path: "/api/vaccines/availability", Summary: "Put a vaccine on the site's list of vaccines it cannot routinely get (printed \"not routinely available\" on the DS-3025)", Perm: clinic.PermManageVaccineSupply, Request: unavailabilityRequest{}, Response: unavailabilityJSON{}, handle: s.postUnavailability},
		{Method: "POST", Path: "/api/vaccines/availability/:id/lift", Summary: "Take a vaccine off the site's list; the entry stays as lifted", Perm: clinic.PermManageVaccineSupply, Request: liftRequest{}, Response: unavailabilityJSON{}, handle: s.liftUnavailability},
		{Method: "GET", Path: "/api/vaccines/stock-alerts", Summary: "The site's vaccine lots low in doses or expiring soon (?low_doses=, ?expiring_days= override the site's thresholds)", Perm: clinic.PermReadStock, Response: stockAlertsResponse{}, handle: s.listStockAlerts},
		{Method: "PUT", Path: "/api/vaccines/stock-alerts/settings", Summary: "Set the site's thresholds of the low-stock and expiring-soon list", Perm: clinic.PermManageVaccineSupply, Request: stockAlertSettingsJSON{}, Response: stockAlertSettingsJSON{}, handle: s.putStockAlertSettings},
		{Method: "GET", Path: "/api/vaccinations/check", Summary: "The data check over every stored dose: unknown CVX, bad MVX, impossible dates, missing or wrong lots", Perm: clinic.PermCheckVaccinationData, Response: listJSON[doseFindingJSON]{}, handle: s.checkDoses},
		{Method: "GET", Path: "/api/vaccines", Summary: "Vaccines by CVX code, for recording doses", Perm: clinic.PermListVaccines, Response: listJSON[vaccineChoiceJSON]{}, handle: s.listVaccines},
		{Method: "GET", Path: "/api/protocols", Summary: "The protocol rule sets", Perm: clinic.PermReadProtocols, Response: listJSON[protocolSetJSON]{}, handle: s.listProtocols},
		{Method: "GET", Path: "/api/protocols/:country/:version", Summary: "One rule set, readable", Perm: clinic.PermReadProtocols, handle: s.getProtocol},

		{Method: "GET", Path: "/api/verify/:token", Summary: "What a form's QR code points at", Public: true, Response: verifyJSON{}, handle: s.verifyToken},
		{Method: "POST", Path: "/api/verify/:token", Summary: "Check an uploaded PDF (multipart field \"file\") against the form", Public: true, Response: uploadCheckJSON{}, handle: s.verifyUpload},

		{Method: "GET", Path: "/api/admin/jobs", Summary: "Background jobs that failed", Perm: clinic.PermManageJobs, Response: listJSON[failedJobJSON]{}, handle: s.failedJobs},
		{Method: "POST", Path: "/api/admin/jobs/:id/retry", Summary: "Retry a failed job", Perm: clinic.PermManageJobs, handle: s.retryJob},
		{Method: "GET", Path: "/api/admin/health", Summary: "Each part's state and the work waiting on the queue", Perm: clinic.PermReadHealth, Response: healthJSON{}, handle: s.adminHealth},
	}
}
