package invest

// TaxFree says whether the trade was in a NISA account.
func (r Realized) TaxFree() bool { return isNISA(r.Trade.Account) }
