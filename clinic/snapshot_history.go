package clinic

// formHistorySummary adds the summary answers the forms tick from the protocol facts: the TB
// worksheet (DS-3030) asks for symptoms, history of TB, contact, HIV and extrapulmonary signs as
// single boxes, whatever questions the nurse answered to reach them.
func formHistorySummary(f Findings) []FormHistoryAnswer {
	return []FormHistoryAnswer{
		{Code: "tb_symptoms", Question: "Signs or symptoms of TB", Yes: f.TBSymptoms},
		{Code: "tb_history", Question: "History of TB or TB treatment", Yes: f.PreviousTBTreatment},
		{Code: "hiv", Question: "Known HIV infection", Yes: f.HIVInfected},
		{Code: "tb_extrapulmonary", Question: "Signs of TB outside the lungs", Yes: f.ExtrapulmonaryTBSigns},
	}
}
