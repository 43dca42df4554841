package i18n

// ja is the catalog: an English text or format → its Japanese.
var ja = map[string]string{}
