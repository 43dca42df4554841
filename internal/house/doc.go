// Package house holds no code: its test is the plan of the module's
// floors, which package may import which, checked over every package.
package house
