"""One spider module per jurisdiction, named by lowercase USPS code."""
