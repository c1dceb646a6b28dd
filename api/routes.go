package api

import (
	"github.com/gin-gonic/gin"

	"github.com/mhac-clinic/mhac/clinic"
)

// route is one entry of the route table: what it does, who may call it, what it takes and gives.
type route struct {
	Method   string
	Path     string
	Summary  string
	Public   bool          // no login needed
	Roles    []clinic.Role // empty (and not Public): any logged-in user
	Request  any           // the JSON body type, for the OpenAPI description
	Response any           // the JSON answer type
	handle   gin.HandlerFunc
}

// Role groups used by several routes.
var (
	anyone     []clinic.Role
	registrar  = roles(clinic.RoleRegistrar)
	admin      = roles(clinic.RoleAdmin)
	caseRead   = roles(clinic.RoleRegistrar, clinic.RoleNurse, clinic.RolePhysician, clinic.RoleCaseworker, clinic.RoleAdmin)
	chartRead  = roles(clinic.RoleNurse, clinic.RoleLab, clinic.RoleRadiology, clinic.RolePhysician, clinic.RoleAdmin)
	nursing    = roles(clinic.RoleNurse, clinic.RolePhysician)
	physician  = roles(clinic.RolePhysician)
	stations   = roles(clinic.RoleNurse, clinic.RoleLab, clinic.RoleRadiology, clinic.RolePhysician)
	resultings = roles(clinic.RoleLab, clinic.RoleRadiology, clinic.RolePhysician, clinic.RoleNurse) // each step names its own roles
	formRead   = roles(clinic.RolePhysician, clinic.RoleNurse, clinic.RolePanel, clinic.RoleAdmin)
)

func roles(rs ...clinic.Role) []clinic.Role { return rs }

// routes is the API: every route, its roles and its handler, in one table. The OpenAPI document
// is generated from it.
func (s *Server) routes() []route {
	return []route{
		{Method: "GET", Path: "/healthz", Summary: "The process is up", Public: true, handle: s.healthz},
		{Method: "GET", Path: "/readyz", Summary: "PostgreSQL and Redis answer", Public: true, handle: s.readyz},
		{Method: "GET", Path: "/api/openapi.json", Summary: "This API as OpenAPI 3.1", Public: true, handle: s.openAPI},

		{Method: "POST", Path: "/api/session", Summary: "Log in", Public: true, Request: loginRequest{}, Response: sessionResponse{}, handle: s.login},
		{Method: "GET", Path: "/api/session", Summary: "The logged-in user and CSRF token", Roles: anyone, Response: sessionResponse{}, handle: s.me},
		{Method: "DELETE", Path: "/api/session", Summary: "Log out", Roles: anyone, handle: s.logout},

		{Method: "GET", Path: "/api/sites", Summary: "Clinic locations", Roles: admin, Response: []siteJSON{}, handle: s.listSites},
		{Method: "GET", Path: "/api/users", Summary: "User accounts", Roles: admin, Response: []userJSON{}, handle: s.listUsers},
		{Method: "POST", Path: "/api/users", Summary: "Create a user account", Roles: admin, Request: newUserRequest{}, Response: userJSON{}, handle: s.createUser},

		{Method: "POST", Path: "/api/cases", Summary: "Register a case with its members", Roles: registrar, Request: newCaseRequest{}, Response: caseJSON{}, handle: s.createCase},
		{Method: "GET", Path: "/api/cases", Summary: "Search cases by number or name (?q=)", Roles: caseRead, Response: casesResponse{}, handle: s.searchCases},
		{Method: "GET", Path: "/api/cases/:id", Summary: "One case with its members", Roles: caseRead, Response: caseJSON{}, handle: s.getCase},
		{Method: "POST", Path: "/api/cases/:id/queue", Summary: "Open an assessment for every member not yet queued", Roles: registrar, Response: caseJSON{}, handle: s.queueCase},
		{Method: "PUT", Path: "/api/applicants/:id", Summary: "Correct a person's registration details (until sign-off)", Roles: roles(clinic.RoleRegistrar, clinic.RoleAdmin), Request: applicantRequest{}, Response: caseJSON{}, handle: s.updateApplicant},
		{Method: "POST", Path: "/api/applicants/:id/reexamine", Summary: "Open a new assessment for a person whose last one is signed (e.g. clearance expired)", Roles: roles(clinic.RoleRegistrar, clinic.RoleAdmin), Response: caseJSON{}, handle: s.reexamine},
		{Method: "PUT", Path: "/api/cases/:id/flight", Summary: "Book the case on a flight", Roles: roles(clinic.RoleCaseworker, clinic.RoleRegistrar), Request: flightRequest{}, Response: caseJSON{}, handle: s.setFlight},

		{Method: "GET", Path: "/api/worklist", Summary: "A station's worklist (?station=nurse|lab|radiology|physician|pec)", Roles: stations, Response: worklistResponse{}, handle: s.worklist},

		{Method: "GET", Path: "/api/assessments/:id", Summary: "The chart", Roles: chartRead, Response: chartJSON{}, handle: s.getChart},
		{Method: "PUT", Path: "/api/assessments/:id/history", Summary: "Record the medical history", Roles: nursing, Request: historyRequest{}, Response: chartJSON{}, handle: s.putHistory},
		{Method: "PUT", Path: "/api/assessments/:id/vitals", Summary: "Record vitals and the examination", Roles: nursing, Request: vitalsRequest{}, Response: chartJSON{}, handle: s.putVitals},
		{Method: "POST", Path: "/api/assessments/:id/results", Summary: "Record one test result", Roles: resultings, Request: resultRequest{}, Response: chartJSON{}, handle: s.postResult},
		{Method: "PUT", Path: "/api/assessments/:id/classification", Summary: "Record the physician's classification", Roles: physician, Request: classificationRequest{}, Response: chartJSON{}, handle: s.putClassification},
		{Method: "POST", Path: "/api/assessments/:id/signoff", Summary: "Sign and lock the assessment; orders the forms", Roles: physician, Request: signoffRequest{}, Response: chartJSON{}, handle: s.postSignoff},
		{Method: "POST", Path: "/api/assessments/:id/addenda", Summary: "Add an addendum; reissues the forms", Roles: physician, Request: addendumRequest{}, Response: chartJSON{}, handle: s.postAddendum},
		{Method: "POST", Path: "/api/assessments/:id/vaccinations", Summary: "Record a vaccine dose, given here or from a written record", Roles: nursing, Request: doseRequest{}, Response: chartJSON{}, handle: s.postDose},
		{Method: "POST", Path: "/api/assessments/:id/vaccinations/:dose/error", Summary: "Mark a dose entered in error", Roles: nursing, Request: doseErrorRequest{}, Response: chartJSON{}, handle: s.postDoseError},
		{Method: "PUT", Path: "/api/assessments/:id/mental-health", Summary: "Record the mental-health screen (RHS-15), the physician's assessment and the referral", Roles: nursing, Request: mentalHealthRequest{}, Response: chartJSON{}, handle: s.putMentalHealth},
		{Method: "GET", Path: "/api/screens/rhs15", Summary: "The RHS-15 screen: items in each language, scale, cut-off, source", Roles: nursing, handle: s.getScreen},
		{Method: "POST", Path: "/api/assessments/:id/treatments", Summary: "Record a treatment the rules name: given (from a stock batch), withheld or refused", Roles: nursing, Request: treatmentRequest{}, Response: chartJSON{}, handle: s.postTreatment},
		{Method: "POST", Path: "/api/assessments/:id/pec", Summary: "Record the pre-embarkation check", Roles: nursing, Request: pecRequest{}, Response: chartJSON{}, handle: s.postPEC},
		{Method: "GET", Path: "/api/assessments/:id/forms", Summary: "The forms of one assessment", Roles: roles(clinic.RolePhysician, clinic.RoleNurse, clinic.RoleAdmin), Response: []formJSON{}, handle: s.assessmentForms},
		{Method: "POST", Path: "/api/forms/:id/revoke", Summary: "Revoke an issued form, with the reason", Roles: roles(clinic.RolePhysician, clinic.RoleAdmin), Request: revokeRequest{}, Response: formJSON{}, handle: s.revokeForm},
		{Method: "GET", Path: "/api/forms/:id/pdf", Summary: "Download a signed form (panels: own country only)", Roles: formRead, handle: s.formPDF},

		{Method: "GET", Path: "/api/board", Summary: "Fitness to travel per case and member (?q=&flight=)", Roles: roles(clinic.RoleCaseworker, clinic.RoleAdmin), Response: boardResponse{}, handle: s.board},
		{Method: "GET", Path: "/api/panel/applicants", Summary: "Applicants bound for the panel's country (?flight=&from=&to=)", Roles: roles(clinic.RolePanel), Response: panelResponse{}, handle: s.panelApplicants},
		{Method: "GET", Path: "/api/panel/flights/:flight/forms.zip", Summary: "Every current form of one flight, as a ZIP", Roles: roles(clinic.RolePanel), handle: s.flightZip},

		{Method: "GET", Path: "/api/medicines/batches", Summary: "The site's medicine stock (?drug=)", Roles: roles(clinic.RoleNurse, clinic.RolePhysician, clinic.RoleAdmin), Response: batchesResponse{}, handle: s.listBatches},
		{Method: "POST", Path: "/api/medicines/batches", Summary: "Receive a batch of a medicine into the site's stock", Roles: roles(clinic.RoleNurse, clinic.RolePhysician, clinic.RoleAdmin), Request: batchRequest{}, Response: batchJSON{}, handle: s.postBatch},
		{Method: "GET", Path: "/api/vaccines", Summary: "Vaccines by CVX code, for recording doses", Roles: nursing, Response: []vaccineListJSON{}, handle: s.listVaccines},
		{Method: "GET", Path: "/api/protocols", Summary: "The protocol rule sets", Roles: anyone, handle: s.listProtocols},
		{Method: "GET", Path: "/api/protocols/:country/:version", Summary: "One rule set, readable", Roles: anyone, handle: s.getProtocol},

		{Method: "GET", Path: "/api/verify/:token", Summary: "What a form's QR code points at", Public: true, Response: verifyJSON{}, handle: s.verifyToken},
		{Method: "POST", Path: "/api/verify/:token", Summary: "Check an uploaded PDF (multipart field \"file\") against the form", Public: true, Response: uploadCheckJSON{}, handle: s.verifyUpload},

		{Method: "GET", Path: "/api/admin/jobs", Summary: "Background jobs that failed", Roles: admin, handle: s.failedJobs},
		{Method: "POST", Path: "/api/admin/jobs/:id/retry", Summary: "Retry a failed job", Roles: admin, handle: s.retryJob},
	}
}
