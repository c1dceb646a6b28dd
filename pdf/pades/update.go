package pades

import (
	"bytes"
	"fmt"
	"sort"
)

// update collects the objects of one incremental update (ISO 32000-1 7.5.6) and writes them, with
// their cross-reference section and trailer, after the original file, which stays byte for byte.
type update struct {
	out     bytes.Buffer
	entries map[int]xrefEntry
}

func newUpdate(original []byte) *update {
	u := &update{entries: map[int]xrefEntry{}}
	u.out.Grow(len(original) + 32<<10)
	u.out.Write(original)
	if n := len(original); n > 0 && original[n-1] != '\n' && original[n-1] != '\r' {
		u.out.WriteByte('\n')
	}
	return u
}

// addObject writes "num gen obj <o> endobj" at the end and returns where o itself starts.
func (u *update) addObject(r ref, o object) int {
	u.entries[r.num] = xrefEntry{offset: u.out.Len(), gen: r.gen}
	fmt.Fprintf(&u.out, "%d %d obj\n", r.num, r.gen)
	start := u.out.Len()
	write(&u.out, o)
	u.out.WriteString("\nendobj\n")
	return start
}

// addRaw is addObject for an object already in PDF syntax (the signature dictionary, whose
// placeholders must be located by byte offset).
func (u *update) addRaw(r ref, body []byte) int {
	u.entries[r.num] = xrefEntry{offset: u.out.Len(), gen: r.gen}
	fmt.Fprintf(&u.out, "%d %d obj\n", r.num, r.gen)
	start := u.out.Len()
	u.out.Write(body)
	u.out.WriteString("\nendobj\n")
	return start
}

// finish writes the xref section (one subsection per run of consecutive object numbers), the
// trailer pointing back at the previous section, and the end-of-file marker.
func (u *update) finish(trailer *dict) []byte {
	nums := make([]int, 0, len(u.entries))
	for n := range u.entries {
		nums = append(nums, n)
	}
	sort.Ints(nums)
	xrefAt := u.out.Len()
	u.out.WriteString("xref\n")
	for i := 0; i < len(nums); {
		j := i + 1
		for j < len(nums) && nums[j] == nums[j-1]+1 {
			j++
		}
		fmt.Fprintf(&u.out, "%d %d\n", nums[i], j-i)
		for _, n := range nums[i:j] {
			e := u.entries[n]
			fmt.Fprintf(&u.out, "%010d %05d n \n", e.offset, e.gen)
		}
		i = j
	}
	u.out.WriteString("trailer\n")
	write(&u.out, trailer)
	fmt.Fprintf(&u.out, "\nstartxref\n%d\n%%%%EOF\n", xrefAt)
	return u.out.Bytes()
}
