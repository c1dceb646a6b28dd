package pdf

import "github.com/mhac-clinic/mhac/clinic"

// referralStatus names a referral's status on a form.
var referralStatus = map[string]string{
	clinic.ReferralOpen:     "Awaiting report",
	clinic.ReferralAnswered: "Report recorded",
}

// referrals prints the specialist referrals as the record holds them: specialty, reason,
// facility, due date, status and the report's date ("Not recorded" where there is none), or says
// that none is recorded.
func (d *doc) referrals(title string) {
	rs := d.snap.Referrals
	if len(rs) == 0 {
		d.note(title + ": none recorded.")
		return
	}
	d.para(title + ":")
	rows := make([][]string, 0, len(rs))
	for _, r := range rs {
		reported := notRecorded
		if r.ReportedAt != nil {
			reported = d.dates.date(r.ReportedAt.In(d.loc))
		}
		status := referralStatus[r.Status]
		if status == "" {
			status = recorded(r.Status)
		}
		rows = append(rows, []string{recorded(r.Specialty), recorded(r.Reason), recorded(r.Facility), d.dates.date(r.DueOn), status, reported})
	}
	d.table([]column{{"Specialty", 1.6}, {"Reason", 2.8}, {"Facility", 1.6}, {"Due", 1.1}, {"Status", 1.7}, {"Reported", 1.4}}, rows)
}
