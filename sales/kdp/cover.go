package kdp

import (
	"strconv"
)

// splitDate splits YYYY-MM-DD into the month and the day; YYYY-MM has day 0.
func splitDate(date string) (string, int) {
	if len(date) == 10 {
		if d, err := strconv.Atoi(date[8:]); err == nil {
			return date[:7], d
		}
	}
	return month(date), 0
}
