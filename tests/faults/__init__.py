"""Fault injection for the tests: a loopback fault server, hostile page bodies, the fault matrix, run helpers.

server.py   FaultServer: the bundled snapshot over real HTTP on 127.0.0.1, with faults on chosen URLs
bodies.py   soft 404, login wall, half-rendered page, binary garbage, malformed and encrypted PDFs
matrix.py   one fault per jurisdiction, all applied in one run (tests/test_faults_sources.py)
runs.py     real runs against the fault server; crawl-memory sampling; snapshot pages as fetch items

docs/faults.md lists every fault, the behaviour users can expect, and the test that proves it.
"""
