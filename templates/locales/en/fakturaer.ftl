# Invoices for GenLær (issue 19).
invoice-agreed-price = Agreed price
invoice-agreed-price-hint = The whole booking's price in kroner, e.g. 15.000,00. It is invoiced and shown to the requester.
