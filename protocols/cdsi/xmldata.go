package cdsi

// The XML shapes of CDC's supporting data files, as the two .xsd schemas describe them. They
// are read once and turned into the model in model.go; nothing else uses them.

type xmlAntigen struct {
	Immunity struct {
		Clinical []struct {
			Code  string `xml:"guidelineCode"`
			Title string `xml:"guidelineTitle"`
		} `xml:"clinicalHistory"`
		BirthDates []struct {
			Date      string `xml:"immunityBirthDate"`
			Country   string `xml:"birthCountry"`
			Exclusion []struct {
				Code  string `xml:"exclusionCode"`
				Title string `xml:"exclusionTitle"`
			} `xml:"exclusion"`
		} `xml:"dateOfBirth"`
	} `xml:"immunity"`
	Contraindications struct {
		Group []struct {
			Code     string `xml:"observationCode"`
			Title    string `xml:"observationTitle"`
			Text     string `xml:"contraindicationText"`
			Guidance string `xml:"contraindicationGuidance"`
			BeginAge string `xml:"beginAge"`
			EndAge   string `xml:"endAge"`
		} `xml:"vaccineGroup>contraindication"`
		Vaccine []struct {
			Code     string `xml:"observationCode"`
			Title    string `xml:"observationTitle"`
			Text     string `xml:"contraindicationText"`
			Guidance string `xml:"contraindicationGuidance"`
			Vaccines []struct {
				Type     string `xml:"vaccineType"`
				CVX      string `xml:"cvx"`
				BeginAge string `xml:"beginAge"`
				EndAge   string `xml:"endAge"`
			} `xml:"contraindicatedVaccine"`
		} `xml:"vaccine>contraindication"`
	} `xml:"contraindications"`
	Series []xmlSeries `xml:"series"`
}

type xmlSeries struct {
	Name          string   `xml:"seriesName"`
	TargetDisease string   `xml:"targetDisease"`
	VaccineGroup  string   `xml:"vaccineGroup"`
	Guidance      []string `xml:"seriesAdminGuidance"`
	Type          string   `xml:"seriesType"`
	Equivalent    string   `xml:"equivalentSeriesGroups"`
	Genders       []string `xml:"requiredGender"`
	Select        struct {
		Default    string `xml:"defaultSeries"`
		Product    string `xml:"productPath"`
		GroupName  string `xml:"seriesGroupName"`
		Group      string `xml:"seriesGroup"`
		Priority   string `xml:"seriesPriority"`
		Preference string `xml:"seriesPreference"`
		MinAge     string `xml:"minAgeToStart"`
		MaxAge     string `xml:"maxAgeToStart"`
	} `xml:"selectSeries"`
	Indications []struct {
		Code struct {
			Text string `xml:"text"`
			Code string `xml:"code"`
		} `xml:"observationCode"`
		Description string `xml:"description"`
		BeginAge    string `xml:"beginAge"`
		EndAge      string `xml:"endAge"`
		Guidance    string `xml:"guidance"`
	} `xml:"indication"`
	Doses []xmlDose `xml:"seriesDose"`
}

type xmlDose struct {
	Number string `xml:"doseNumber"`
	Ages   []struct {
		AbsMin    string `xml:"absMinAge"`
		Min       string `xml:"minAge"`
		EarliestR string `xml:"earliestRecAge"`
		LatestR   string `xml:"latestRecAge"`
		Max       string `xml:"maxAge"`
		Effective string `xml:"effectiveDate"`
		Cessation string `xml:"cessationDate"`
	} `xml:"age"`
	Intervals  []xmlInterval `xml:"interval"`
	Allowables []xmlInterval `xml:"allowableInterval"`
	Preferable []xmlVaccine  `xml:"preferableVaccine"`
	Allowable  []xmlVaccine  `xml:"allowableVaccine"`
	Inadvert   []xmlVaccine  `xml:"inadvertentVaccine"`
	Skips      []struct {
		Context  string `xml:"context"`
		SetLogic string `xml:"setLogic"`
		Sets     []struct {
			ID          string `xml:"setID"`
			Description string `xml:"setDescription"`
			Effective   string `xml:"effectiveDate"`
			Cessation   string `xml:"cessationDate"`
			Logic       string `xml:"conditionLogic"`
			Conditions  []struct {
				ID         string `xml:"conditionID"`
				Type       string `xml:"conditionType"`
				StartDate  string `xml:"startDate"`
				EndDate    string `xml:"endDate"`
				BeginAge   string `xml:"beginAge"`
				EndAge     string `xml:"endAge"`
				Interval   string `xml:"interval"`
				DoseCount  string `xml:"doseCount"`
				DoseType   string `xml:"doseType"`
				CountLogic string `xml:"doseCountLogic"`
				Vaccines   string `xml:"vaccineTypes"`
				Groups     string `xml:"seriesGroups"`
			} `xml:"condition"`
		} `xml:"set"`
	} `xml:"conditionalSkip"`
	Recurring string `xml:"recurringDose"`
	Season    struct {
		Start string `xml:"startDate"`
		End   string `xml:"endDate"`
	} `xml:"seasonalRecommendation"`
}

type xmlInterval struct {
	FromPrevious   string `xml:"fromPrevious"`
	FromTargetDose string `xml:"fromTargetDose"`
	FromMostRecent string `xml:"fromMostRecent"`
	FromObs        struct {
		Text string `xml:"text"`
		Code string `xml:"code"`
	} `xml:"fromRelevantObs"`
	AbsMin    string `xml:"absMinInt"`
	Min       string `xml:"minInt"`
	EarliestR string `xml:"earliestRecInt"`
	LatestR   string `xml:"latestRecInt"`
	Priority  string `xml:"intervalPriority"`
	Effective string `xml:"effectiveDate"`
	Cessation string `xml:"cessationDate"`
}

type xmlVaccine struct {
	Type     string `xml:"vaccineType"`
	CVX      string `xml:"cvx"`
	BeginAge string `xml:"beginAge"`
	EndAge   string `xml:"endAge"`
	Trade    string `xml:"tradeName"`
	MVX      string `xml:"mvx"`
	Volume   string `xml:"volume"`
	Forecast string `xml:"forecastVaccineType"`
}

type xmlSchedule struct {
	Conflicts []struct {
		Previous struct {
			Type string `xml:"vaccineType"`
			CVX  string `xml:"cvx"`
		} `xml:"previous"`
		Current struct {
			Type string `xml:"vaccineType"`
			CVX  string `xml:"cvx"`
		} `xml:"current"`
		Begin  string `xml:"conflictBeginInterval"`
		MinEnd string `xml:"minConflictEndInterval"`
		End    string `xml:"conflictEndInterval"`
	} `xml:"liveVirusConflicts>liveVirusConflict"`
	Groups []struct {
		Name string `xml:"name"`
		Full string `xml:"administerFullVaccineGroup"`
	} `xml:"vaccineGroups>vaccineGroup"`
	GroupMap []struct {
		Name     string   `xml:"name"`
		Antigens []string `xml:"antigen"`
	} `xml:"vaccineGroupToAntigenMap>vaccineGroupMap"`
	CVXMap []struct {
		CVX          string `xml:"cvx"`
		Description  string `xml:"shortDescription"`
		Associations []struct {
			Antigen  string `xml:"antigen"`
			BeginAge string `xml:"associationBeginAge"`
			EndAge   string `xml:"associationEndAge"`
		} `xml:"association"`
	} `xml:"cvxToAntigenMap>cvxMap"`
	Observations []struct {
		Code           string `xml:"observationCode"`
		Title          string `xml:"observationTitle"`
		Group          string `xml:"group"`
		Indication     string `xml:"indicationText"`
		Contraindicate string `xml:"contraindicationText"`
	} `xml:"observations>observation"`
}
