package postgres_test

import (
	"context"
	"testing"
	"time"

	"github.com/mhac-clinic/mhac/clinic"
	"github.com/mhac-clinic/mhac/clinic/postgres/pgtest"
)

// BenchmarkDuplicateSearch is the registrar's duplicate search (same document number, or a similar
// name and a birth date within a year) over 100,000 registered people.
//
//	go test ./clinic/postgres -run XXX -bench DuplicateSearch -benchtime 200x
func BenchmarkDuplicateSearch(b *testing.B) {
	store := pgtest.NewStore(b)
	db := store.DB()
	site := "00000000-0000-4000-8000-000000000001"
	// 100,000 people in 100,000 cases: names drawn from common given names and surnames of the
	// region, birth dates spread over sixty years, one document number each.
	if err := db.Exec(`INSERT INTO sites (id, code, name, country) VALUES (?, 'KGL', 'Kigali MHAC', 'RW')`, site).Error; err != nil {
		b.Fatal(err)
	}
	if err := db.Exec(`
		WITH names AS (SELECT ARRAY['Habimana','Mukamana','Niyonsaba','Uwase','Ndayisaba','Iradukunda','Hakizimana','Umutoni',
			'Mohamed','Ali','Hassan','Abdi','Nkurunziza','Niyonzima','Mugisha','Ingabire','Kamanzi','Mutesi','Bizimana','Uwimana',
			'Ahmed','Yusuf','Omar','Ibrahim','Kalisa','Gatete','Mukeshimana','Kayitesi','Tuyishime','Nshimiyimana'] AS s,
			ARRAY['Jean','Marie','Eric','Grace','Diane','Patrick','Claudine','Josiane','Solange','Emmanuel','Aline','Yves',
			'Fatuma','Amina','Abdullahi','Halima','Samuel','Esther','Pierre','Jean-Pierre','Hélène','Olivier','Divine','Alice'] AS g)
		INSERT INTO cases (id, site_id, case_number, destination, program, version, created_at)
		SELECT md5('c' || i)::uuid, ?, 'BENCH-' || i, 'US', 'refugee', 1, now() FROM generate_series(1, 100000) i`, site).Error; err != nil {
		b.Fatal(err)
	}
	if err := db.Exec(`
		WITH names AS (SELECT ARRAY['Habimana','Mukamana','Niyonsaba','Uwase','Ndayisaba','Iradukunda','Hakizimana','Umutoni',
			'Mohamed','Ali','Hassan','Abdi','Nkurunziza','Niyonzima','Mugisha','Ingabire','Kamanzi','Mutesi','Bizimana','Uwimana',
			'Ahmed','Yusuf','Omar','Ibrahim','Kalisa','Gatete','Mukeshimana','Kayitesi','Tuyishime','Nshimiyimana'] AS s,
			ARRAY['Jean','Marie','Eric','Grace','Diane','Patrick','Claudine','Josiane','Solange','Emmanuel','Aline','Yves',
			'Fatuma','Amina','Abdullahi','Halima','Samuel','Esther','Pierre','Jean-Pierre','Hélène','Olivier','Divine','Alice'] AS g)
		INSERT INTO applicants (id, case_id, site_id, position, surnames, given_names, birth_date, birth_date_estimated, sex,
			relationship, residence_country, document_type, document_number, version, created_at)
		SELECT md5('a' || i)::uuid, md5('c' || i)::uuid, ?, 0, s[1 + i % 30], g[1 + (i / 30) % 24] || ' ' || g[1 + (i / 720) % 24],
			date '1950-01-01' + (i * 7919 % 22000), false, 'female', 'principal', 'RW', 'unhcr_id', 'UNHCR-' || i, 1, now()
		FROM names, generate_series(1, 100000) i`, site).Error; err != nil {
		b.Fatal(err)
	}
	if err := db.Exec("ANALYZE applicants").Error; err != nil {
		b.Fatal(err)
	}
	born, _ := time.Parse(time.DateOnly, "1984-06-01")
	queries := []clinic.DuplicateQuery{
		{Surnames: "Mohammed", GivenNames: "Jean Pierre", BirthDate: born},
		{Surnames: "Habimana", GivenNames: "Eric Grace", BirthDate: born, DocumentNumber: "UNHCR-4242"},
		{Surnames: "Nkurunziza", GivenNames: "Helene", BirthDate: born.AddDate(-20, 0, 0)},
	}
	found := 0
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		err := store.Tx(context.Background(), func(tx clinic.Tx) error {
			out, err := tx.FindDuplicates(context.Background(), site, queries[i%len(queries)], 20)
			found += len(out)
			return err
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(found)/float64(b.N), "found/op")
}
