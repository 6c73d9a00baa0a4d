# Fakturaer for GenLær (issue 19).
invoice-agreed-price = Aftalt pris
invoice-agreed-price-hint = Hele bestillingens pris i kroner, fx 15.000,00. Den står på fakturaen og vises for bestilleren.
