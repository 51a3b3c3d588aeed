import é.
