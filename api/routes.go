package api

import (
	"github.com/gin-gonic/gin"

	"github.com/mhac-clinic/mhac/clinic"
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

		{Method: "GET", Path: "/api/sites", Summary: "Clinic locations", Perm: clinic.PermManageAccounts, Response: listJSON[siteJSON]{}, handle: s.listSites},
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
		{Method: "GET", Path: "/api/cases/:id", Summary: "One case with its members", Perm: clinic.PermReadCase, Response: caseJSON{}, handle: s.getCase},
		{Method: "POST", Path: "/api/cases/:id/queue", Summary: "Open an assessment for every member not yet queued", Perm: clinic.PermQueueCase, Response: caseJSON{}, handle: s.queueCase},
		{Method: "PUT", Path: "/api/applicants/:id", Summary: "Correct a person's registration details (until sign-off)", Perm: clinic.PermUpdateApplicant, Request: applicantRequest{}, Response: caseJSON{}, handle: s.updateApplicant},
		{Method: "POST", Path: "/api/applicants/:id/reexamine", Summary: "Open a new assessment for a person whose last one is signed (e.g. clearance expired)", Perm: clinic.PermReexamine, Response: caseJSON{}, handle: s.reexamine},
		{Method: "POST", Path: "/api/imports/cases", Summary: "Import a case list (multipart \"file\": CSV or XLSX; \"dry_run\": true previews)", Perm: clinic.PermImportCases, Response: importJSON{}, handle: s.importCases},
		{Method: "POST", Path: "/api/applicants/:id/photo", Summary: "Store the person's photo (multipart \"file\": JPEG, passport frame); a retake keeps the earlier one", Perm: clinic.PermTakePhoto, Response: photoJSON{}, handle: s.postPhoto},
		{Method: "GET", Path: "/api/applicants/:id/photo", Summary: "The person's current photo (image/jpeg)", Perm: clinic.PermReadPhoto, handle: s.getPhoto},
		{Method: "GET", Path: "/api/applicants/:id/photos", Summary: "Every photo taken of the person, newest first", Perm: clinic.PermReadPhoto, Response: photosResponse{}, handle: s.photoHistory},
		{Method: "PUT", Path: "/api/cases/:id/flight", Summary: "Book the case on a flight", Perm: clinic.PermSetFlight, Request: flightRequest{}, Response: caseJSON{}, handle: s.setFlight},
		{Method: "POST", Path: "/api/cases/:id/rebook", Summary: "Move the case, or one of its people, to another flight", Perm: clinic.PermSetFlight, Request: rebookRequest{}, Response: caseJSON{}, handle: s.rebook},
		{Method: "GET", Path: "/api/flights", Summary: "The site's flights (?from=&to=)", Perm: clinic.PermReadFlights, Response: flightsResponse{}, handle: s.listFlights},
		{Method: "POST", Path: "/api/flights", Summary: "Record a flight", Perm: clinic.PermManageFlights, Request: flightInput{}, Response: flightOut{}, handle: s.createFlight},
		{Method: "GET", Path: "/api/flights/:flight", Summary: "One flight with its passengers", Perm: clinic.PermReadFlights, Response: flightOut{}, handle: s.getFlight},
		{Method: "GET", Path: "/api/flights/:flight/board", Summary: "Every passenger of a flight: fit, not fit or pending, what is missing and by when, those at risk first", Perm: clinic.PermReadBoard, Response: flightBoardJSON{}, handle: s.flightBoard},
		{Method: "GET", Path: "/api/flights/:flight/board.csv", Summary: "The flight's passengers as CSV", Perm: clinic.PermReadBoard, handle: s.flightBoardCSV},
		{Method: "PUT", Path: "/api/flights/:flight", Summary: "Correct a flight's time, airports or connections", Perm: clinic.PermManageFlights, Request: flightInput{}, Response: flightOut{}, handle: s.updateFlight},

		{Method: "GET", Path: "/api/worklist", Summary: "A station's worklist (?station=nurse|lab|radiology|physician|pec)", Perm: clinic.PermReadWorklist, Response: listJSON[workItemJSON]{}, handle: s.worklist},

		{Method: "GET", Path: "/api/assessments/:id", Summary: "The chart", Perm: clinic.PermReadChart, Response: chartJSON{}, handle: s.getChart},
		{Method: "PUT", Path: "/api/assessments/:id/history", Summary: "Record the medical history", Perm: clinic.PermRecordHistory, Request: historyRequest{}, Response: chartJSON{}, handle: s.putHistory},
		{Method: "PUT", Path: "/api/assessments/:id/vitals", Summary: "Record vitals and the examination", Perm: clinic.PermRecordVitals, Request: vitalsRequest{}, Response: chartJSON{}, handle: s.putVitals},
		{Method: "POST", Path: "/api/assessments/:id/results", Summary: "Record one test result", Perm: clinic.PermRecordResult, Request: resultRequest{}, Response: chartJSON{}, handle: s.postResult},
		{Method: "PUT", Path: "/api/assessments/:id/classification", Summary: "Record the physician's classification", Perm: clinic.PermClassify, Request: classificationRequest{}, Response: chartJSON{}, handle: s.putClassification},
		{Method: "POST", Path: "/api/assessments/:id/signoff", Summary: "Sign and lock the assessment; orders the forms", Perm: clinic.PermSignOff, Request: signoffRequest{}, Response: chartJSON{}, handle: s.postSignoff},
		{Method: "POST", Path: "/api/assessments/:id/addenda", Summary: "Add an addendum; reissues the forms", Perm: clinic.PermAddAddendum, Request: addendumRequest{}, Response: chartJSON{}, handle: s.postAddendum},
		{Method: "POST", Path: "/api/assessments/:id/vaccinations", Summary: "Record a vaccine dose, given here or from a written record", Perm: clinic.PermRecordDose, Request: doseRequest{}, Response: chartJSON{}, handle: s.postDose},
		{Method: "POST", Path: "/api/assessments/:id/vaccinations/:dose/error", Summary: "Mark a dose entered in error", Perm: clinic.PermMarkDoseError, Request: doseErrorRequest{}, Response: chartJSON{}, handle: s.postDoseError},
		{Method: "PUT", Path: "/api/assessments/:id/mental-health", Summary: "Record the mental-health screen (RHS-15), the physician's assessment and the referral", Perm: clinic.PermRecordMentalHealth, Request: mentalHealthRequest{}, Response: chartJSON{}, handle: s.putMentalHealth},
		{Method: "GET", Path: "/api/screens/rhs15", Summary: "The RHS-15 screen: items in each language, scale, cut-off, source", Perm: clinic.PermRecordMentalHealth, handle: s.getScreen},
		{Method: "POST", Path: "/api/assessments/:id/treatments", Summary: "Record a treatment the rules name: given (from a stock batch), withheld or refused", Perm: clinic.PermRecordTreatment, Request: treatmentRequest{}, Response: chartJSON{}, handle: s.postTreatment},
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

		{Method: "GET", Path: "/api/medicines/batches", Summary: "The site's medicine stock (?drug=)", Perm: clinic.PermReadStock, Response: batchesResponse{}, handle: s.listBatches},
		{Method: "POST", Path: "/api/medicines/batches", Summary: "Receive a batch of a medicine into the site's stock", Perm: clinic.PermReceiveStock, Request: batchRequest{}, Response: batchJSON{}, handle: s.postBatch},
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
