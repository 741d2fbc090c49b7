"""The review desk: a web application where compliance staff review changes and correct values.

`tracker.web.server.create_app(settings)` builds it; `licensure serve` runs it with uvicorn.
"""
