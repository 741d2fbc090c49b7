"""One module per jurisdiction, named by lowercase USPS code, each defining `JURISDICTION`.

`wa.py` is the documented house-style example.
"""
