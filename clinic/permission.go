package clinic

import "sort"

// Permission is one use case a role may be allowed: the one name the Service checks, the API
// route table reads, and the chart and case answers hand to the screens ("can").
type Permission string

// The permissions of the clinic. Each Service method checks one of them with Actor.May.
const (
	PermOwnSession     Permission = "own_session"     // see and end one's own session
	PermReadProtocols  Permission = "read_protocols"  // read the protocol rule sets
	PermManageAccounts Permission = "manage_accounts" // list sites and users, create users
	PermManageJobs     Permission = "manage_jobs"     // list and retry failed background jobs
	PermReadHealth     Permission = "read_health"     // each part's state and the queue's backlog
	// PermManageSecurity is the deployment's security settings (which roles need a second
	// factor) and its sites; the Service also asks for a deployment-wide administrator.
	PermManageSecurity Permission = "manage_security"
	PermReadAudit      Permission = "read_audit" // search the audit log (own site; every site when deployment-wide)
	// PermCheckVaccinationData runs the data check over every stored dose (mhac vaccines doses check).
	PermCheckVaccinationData Permission = "check_vaccination_data"

	PermRegisterCase Permission = "register_case"
	PermReadCase     Permission = "read_case" // one case, or a search
	// PermReadRegistration narrows PermReadCase: the whole registration of a case's people
	// (documents, phone, residence, countries lived); without it, the travel view (Disclosure).
	PermReadRegistration Permission = "read_registration"
	PermQueueCase        Permission = "queue_case"
	PermUpdateApplicant  Permission = "update_applicant" // correct registration details before sign-off
	PermReexamine        Permission = "reexamine"        // open a new assessment after a signed one
	PermSetFlight        Permission = "set_flight"
	PermReadFlights      Permission = "read_flights"   // the site's flights and their passengers
	PermManageFlights    Permission = "manage_flights" // record flights, import manifests
	PermImportCases      Permission = "import_cases"   // register the cases of a resettlement case list
	PermTakePhoto        Permission = "take_photo"     // photograph a person at registration
	PermReadPhoto        Permission = "read_photo"     // see a person's photo (screens' headers) and its history
	// PermCheckIdentity is a station's check of the person against the photo and the document.
	PermCheckIdentity Permission = "check_identity"
	// PermResolveIdentity ends the hold of an identity mismatch, and lists the holds.
	PermResolveIdentity Permission = "resolve_identity"
	// PermFindDuplicates is the search for possible duplicates of a person being registered.
	PermFindDuplicates Permission = "find_duplicates"
	PermRecordConsent  Permission = "record_consent" // record or withdraw a consent, attach the signed sheet
	PermReadConsent    Permission = "read_consent"   // a person's consents, the consent sheet and its scans

	PermReadWorklist Permission = "read_worklist" // each station narrows it further (stationRoles)
	PermReadChart    Permission = "read_chart"
	PermReadBoard    Permission = "read_board"

	PermRecordHistory Permission = "record_history"
	PermRecordVitals  Permission = "record_vitals"
	// PermRecordResult is any test result; each step also needs the permission of its kind.
	PermRecordResult          Permission = "record_result"
	PermRecordLabResult       Permission = "record_lab_result"
	PermRecordRadiologyResult Permission = "record_radiology_result"
	PermRecordTreatment       Permission = "record_treatment" // e.g. syphilis treated
	PermStartDOT              Permission = "start_dot"        // start and complete a course of TB treatment under observation
	PermObserveDOT            Permission = "observe_dot"      // tick observed doses, record adverse events, list doses not observed
	PermRefer                 Permission = "refer"            // refer to a specialist and record the specialist's report
	PermReadReferrals         Permission = "read_referrals"   // the site's open referrals and the specialists' report PDFs
	PermClassify              Permission = "classify"
	PermSignOff               Permission = "sign_off"
	PermAddAddendum           Permission = "add_addendum"
	PermRecordDose            Permission = "record_dose"
	PermMarkDoseError         Permission = "mark_dose_error"
	PermListVaccines          Permission = "list_vaccines"
	PermRecordVaccineDecision Permission = "record_vaccine_decision" // refusal, waiver, not indicated, evidence of immunity
	PermRecordPEC             Permission = "record_pec"
	// PermRecordMentalHealth is the mental-health screen, the physician's assessment and referral.
	PermRecordMentalHealth Permission = "record_mental_health"
	// PermRecordCounselling is pre- and post-test counselling and the disclosure of results.
	PermRecordCounselling Permission = "record_counselling"
	PermReadStock         Permission = "read_stock"    // the site's medicine batches
	PermReceiveStock      Permission = "receive_stock" // a batch into the site's stock
	// PermManageVaccineSupply is the nurse in charge's: the vaccines the site cannot routinely
	// get, and the thresholds of the low-stock and expiring-soon list.
	PermManageVaccineSupply Permission = "manage_vaccine_supply"

	PermReadForms    Permission = "read_forms" // the forms of one assessment, for clinic staff
	PermDownloadForm Permission = "download_form"
	PermRevokeForm   Permission = "revoke_form"
	PermReadPanel    Permission = "read_panel" // a panel's applicants and flight ZIPs, own country only
	// PermReadMEDIFs is a flight's MEDIFs (list and PDF), for the movement officer to send to the
	// airline.
	PermReadMEDIFs Permission = "read_medifs"
	// PermReadReports is the monthly indicators of one's own site (an administrator: any site).
	PermReadReports Permission = "read_reports"
	// PermReadDashboard is the site head's dashboard: queues, waits, the coming week's flights.
	PermReadDashboard Permission = "read_dashboard"
	// PermExportRecord is a signed assessment as data (FHIR document, Bulk Data export, submission
	// package): the roles of PermDownloadForm, scoped as the forms are.
	PermExportRecord Permission = "export_record"

	// The lab: orders, specimens and coded results.
	PermReadLabWorklist      Permission = "read_lab_worklist"      // the open lab orders, overdue cultures
	PermReadLabRecord        Permission = "read_lab_record"        // one assessment's orders, specimens and results
	PermCollectSpecimen      Permission = "collect_specimen"       // take specimens, print their labels
	PermReceiveSpecimen      Permission = "receive_specimen"       // scan specimens in at the lab, reject them
	PermAcknowledgeCritical  Permission = "acknowledge_critical"   // the physician has seen a critical value
	PermOrderImaging         Permission = "order_imaging"          // turn the plan's X-ray steps into studies
	PermReadImaging          Permission = "read_imaging"           // the radiology worklist and a study (blind while read)
	PermRecordImaging        Permission = "record_imaging"         // the pregnancy question and the readings
	PermImportRadiology      Permission = "import_radiology"       // push teleradiology reports (HL7 ORU^R01)
	PermReadImportErrors     Permission = "read_import_errors"     // the messages that could not be imported
	PermSetRadiologySettings Permission = "set_radiology_settings" // the site's share of second reads
)

// Permissions is who may do what: the only place in the system that names the roles of a use
// case. The admin is the clinic's operator: accounts, failed jobs, and corrections (a person's
// registration details, a re-examination, a form issued in error); the day's work of a station
// (registering, queueing, booking flights, recording) stays with the staff who do it, so that the
// record names who did the work.
var Permissions = map[Permission][]Role{
	PermOwnSession:           Roles,
	PermReadProtocols:        Roles,
	PermManageAccounts:       {RoleAdmin},
	PermManageJobs:           {RoleAdmin},
	PermReadHealth:           {RoleAdmin},
	PermManageSecurity:       {RoleAdmin},
	PermReadAudit:            {RoleAdmin},
	PermCheckVaccinationData: {RoleAdmin},

	PermRegisterCase: {RoleRegistrar},
	PermReadCase:     {RoleRegistrar, RoleNurse, RolePhysician, RoleCaseworker, RoleAdmin},
	// Lab and radiology do not read cases today; they would see the whole registration as
	// clinical staff. Caseworkers see the travel view only (data minimisation).
	PermReadRegistration: {RoleRegistrar, RoleNurse, RoleLab, RoleRadiology, RolePhysician, RoleAdmin},
	PermQueueCase:        {RoleRegistrar},
	PermUpdateApplicant:  {RoleRegistrar, RoleAdmin},
	PermReexamine:        {RoleRegistrar, RoleAdmin},
	PermSetFlight:        {RoleCaseworker, RoleRegistrar},
	PermReadFlights:      {RoleCaseworker, RoleRegistrar, RoleAdmin},
	PermManageFlights:    {RoleCaseworker, RoleRegistrar},
	PermImportCases:      {RoleRegistrar},
	PermTakePhoto:        {RoleRegistrar},
	PermReadPhoto:        {RoleRegistrar, RoleNurse, RoleLab, RoleRadiology, RolePhysician, RoleAdmin},
	PermCheckIdentity:    {RoleNurse, RoleLab, RoleRadiology, RolePhysician},
	PermResolveIdentity:  {RoleRegistrar, RolePhysician},
	PermFindDuplicates:   {RoleRegistrar},
	PermRecordConsent:    {RoleRegistrar, RoleNurse, RolePhysician},
	PermReadConsent:      {RoleRegistrar, RoleNurse, RoleLab, RolePhysician, RoleAdmin},

	PermReadWorklist: {RoleNurse, RoleLab, RoleRadiology, RolePhysician},
	PermReadChart:    {RoleNurse, RoleLab, RoleRadiology, RolePhysician, RoleAdmin},
	PermReadBoard:    {RoleCaseworker, RoleAdmin},

	PermRecordHistory:         {RoleNurse, RolePhysician},
	PermRecordVitals:          {RoleNurse, RolePhysician},
	PermRecordResult:          {RoleLab, RoleRadiology, RolePhysician, RoleNurse},
	PermRecordLabResult:       {RoleLab, RolePhysician},
	PermRecordRadiologyResult: {RoleRadiology, RolePhysician},
	PermRecordTreatment:       {RolePhysician, RoleNurse},
	PermStartDOT:              {RolePhysician},
	PermObserveDOT:            {RolePhysician, RoleNurse},
	PermRefer:                 {RolePhysician},
	PermReadReferrals:         {RolePhysician, RoleNurse},
	PermClassify:              {RolePhysician},
	PermSignOff:               {RolePhysician},
	PermAddAddendum:           {RolePhysician},
	PermRecordDose:            {RoleNurse, RolePhysician},
	PermMarkDoseError:         {RoleNurse, RolePhysician},
	PermListVaccines:          {RoleNurse, RolePhysician},
	PermRecordVaccineDecision: {RoleNurse, RolePhysician},
	PermRecordPEC:             {RoleNurse, RolePhysician},
	PermRecordMentalHealth:    {RoleNurse, RolePhysician},
	PermRecordCounselling:     {RoleNurse, RolePhysician},
	PermReadStock:             {RoleNurse, RolePhysician, RoleAdmin},
	PermReceiveStock:          {RoleNurse, RolePhysician, RoleAdmin},
	PermManageVaccineSupply:   {RoleNurse, RoleAdmin},

	PermReadForms:     {RolePhysician, RoleNurse, RoleAdmin},
	PermDownloadForm:  {RolePhysician, RoleNurse, RolePanel, RoleAdmin},
	PermRevokeForm:    {RolePhysician, RoleAdmin},
	PermReadPanel:     {RolePanel},
	PermReadMEDIFs:    {RoleCaseworker, RoleRegistrar, RoleAdmin},
	PermReadReports:   {RolePhysician, RoleAdmin},
	PermReadDashboard: {RolePhysician, RoleAdmin},
	PermExportRecord:  {RolePhysician, RoleNurse, RolePanel, RoleAdmin},

	PermReadLabWorklist:     {RoleLab, RoleNurse, RolePhysician},
	PermReadLabRecord:       {RoleLab, RoleNurse, RolePhysician},
	PermCollectSpecimen:     {RoleLab, RoleNurse},
	PermReceiveSpecimen:     {RoleLab},
	PermAcknowledgeCritical: {RolePhysician},

	PermOrderImaging:         {RoleNurse, RoleRadiology, RolePhysician},
	PermReadImaging:          {RoleRadiology, RolePhysician},
	PermRecordImaging:        {RoleRadiology, RolePhysician},
	PermImportRadiology:      {RoleRadiology, RoleAdmin},
	PermReadImportErrors:     {RoleAdmin},
	PermSetRadiologySettings: {RoleAdmin},
}

// stationRoles narrow PermReadWorklist: who may open each station's worklist.
var stationRoles = map[Station][]Role{
	StationNurse:     {RoleNurse, RolePhysician},
	StationLab:       {RoleLab, RolePhysician},
	StationRadiology: {RoleRadiology, RolePhysician},
	StationPhysician: {RolePhysician},
	StationPEC:       {RoleNurse, RolePhysician},
}

// RolesOf returns the roles that hold a permission; nil for an unknown one.
func RolesOf(p Permission) []Role { return Permissions[p] }

// AllPermissions lists every permission, sorted.
func AllPermissions() []Permission {
	out := make([]Permission, 0, len(Permissions))
	for p := range Permissions {
		out = append(out, p)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

// Has reports whether a role holds a permission.
func (r Role) Has(p Permission) bool {
	for _, x := range Permissions[p] {
		if x == r {
			return true
		}
	}
	return false
}

// May returns a forbidden error unless the actor's role holds the permission.
func (a Actor) May(p Permission) error {
	if a.Role.Has(p) {
		return nil
	}
	return Errorf(EForbidden, "Your role (%s) may not do this.", a.Role)
}

// deploymentWide refuses an actor who is not a deployment-wide administrator.
func (a Actor) deploymentWide() error {
	if a.DeploymentWide {
		return nil
	}
	return Errorf(EForbidden, "Only a deployment-wide administrator may do this; your account manages site %s.", a.SiteCode)
}

// allow returns a forbidden error unless the actor has one of the roles (a narrowing of a
// permission, e.g. one station's worklist).
func (a Actor) allow(roles []Role) error {
	for _, r := range roles {
		if a.Role == r {
			return nil
		}
	}
	return Errorf(EForbidden, "Your role (%s) may not do this.", a.Role)
}

// chartPermissions are the permissions the chart answer may list, in the order screens use them.
var chartPermissions = []Permission{PermRecordHistory, PermRecordVitals, PermRecordLabResult,
	PermRecordRadiologyResult, PermRecordTreatment, PermClassify, PermSignOff, PermAddAddendum,
	PermRecordDose, PermMarkDoseError, PermRecordPEC, PermReadForms, PermRevokeForm, PermExportRecord,
	PermRecordMentalHealth, PermRecordCounselling, PermCollectSpecimen, PermAcknowledgeCritical, PermStartDOT, PermObserveDOT,
	PermOrderImaging, PermRefer, PermCheckIdentity, PermResolveIdentity, PermRecordVaccineDecision}

// Can lists what the actor may do on this chart now: the permissions of the role, less those the
// assessment's state does not allow (a signed record takes no more recording).
func (ch Chart) Can(a Actor) []Permission {
	out := []Permission{}
	state := ch.Assessment.State
	for _, p := range chartPermissions {
		if !a.Role.Has(p) {
			continue
		}
		var act Action
		switch p {
		case PermRecordHistory, PermRecordVitals, PermRecordLabResult, PermRecordRadiologyResult,
			PermRecordTreatment, PermClassify, PermRecordDose, PermMarkDoseError, PermRecordMentalHealth, PermRecordCounselling,
			PermCollectSpecimen, PermAcknowledgeCritical, PermStartDOT, PermObserveDOT, PermOrderImaging, PermRefer, PermRecordVaccineDecision:
			act = ActRecord
		case PermSignOff:
			act = ActSign
		case PermAddAddendum:
			act = ActAddendum
		case PermRecordPEC:
			act = ActPECFit
		}
		if act != "" {
			if _, ok := transitions[state][act]; !ok {
				continue
			}
			if ch.IdentityHold() != nil && act != ActAddendum {
				continue // an identity mismatch holds the assessment
			}
		}
		if p == PermResolveIdentity && ch.IdentityHold() == nil {
			continue
		}
		if p == PermExportRecord && !state.Locked() {
			continue // only a signed record is exported
		}
		out = append(out, p)
	}
	return out
}

// casePermissions are the permissions the case answer may list.
var casePermissions = []Permission{PermQueueCase, PermSetFlight, PermUpdateApplicant, PermReexamine, PermReadChart, PermTakePhoto,
	PermRecordConsent, PermReadConsent}

// Can lists what the actor may do on this case: the permissions of the role. Whether one member
// may be corrected or re-examined is the member's own Can.
func (c Case) Can(a Actor) []Permission {
	out := []Permission{}
	for _, p := range casePermissions {
		if a.Role.Has(p) {
			out = append(out, p)
		}
	}
	return out
}

// Can lists what the actor may do on one member of a case now: correct the registration (after
// sign-off the correction is refused with the reason, which the screen then shows), re-examine
// after sign-off, open the chart once queued.
func (ap Applicant) Can(a Actor) []Permission {
	out := []Permission{}
	if a.Role.Has(PermUpdateApplicant) {
		out = append(out, PermUpdateApplicant)
	}
	if a.Role.Has(PermReexamine) && ap.State.Locked() {
		out = append(out, PermReexamine)
	}
	if a.Role.Has(PermReadChart) && ap.AssessmentID != "" {
		out = append(out, PermReadChart)
	}
	return out
}
